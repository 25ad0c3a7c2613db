// Main process. A fast reader for the CSV most files are: one line ending throughout (CRLF or LF), fields
// either plain or properly quoted. It returns exactly what csv-parse returns for such text with readCsv's
// options (records, and the blank lines skipped before each), several times faster; for anything else — a
// stray quote, mixed or bare-CR line endings, an unclosed quote — it returns null and readCsv uses csv-parse,
// whose lenient rules and error reports then apply unchanged. test/unit/import/csv-fast.test.ts compares the
// two on generated text.

export interface FastRecord {
  readonly cells: string[];
  /** csv-parse's info.records: this record's 1-based index. */
  readonly records: number;
  /** csv-parse's info.empty_lines: blank lines skipped before this record. */
  readonly emptyLines: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;

export function readCsvFast(text: string): FastRecord[] | null {
  const firstBreak = text.search(/[\r\n]/);
  let lines: string[];
  if (firstBreak < 0) lines = [text];
  else if (text.charCodeAt(firstBreak) === 0x0a) {
    // LF files: any CR at all is left to csv-parse.
    if (text.includes('\r')) return null;
    lines = text.split('\n');
  } else if (text.charCodeAt(firstBreak + 1) === 0x0a) {
    lines = text.split('\n');
    // CRLF files: every line but the last ends in CR, and no other CR or bare LF appears.
    const last = lines.length - 1;
    for (let i = 0; i < last; i++) {
      const l = lines[i] as string;
      const cr = l.indexOf('\r');
      if (l.length === 0 || cr !== l.length - 1) return null;
      lines[i] = l.slice(0, -1);
    }
    if ((lines[last] as string).includes('\r')) return null;
  } else return null; // bare CR line endings
  // The newline of the first line must not be inside a quoted field (csv-parse picks the line ending
  // from the first one it meets outside quotes); a quote on the first line is checked by the field parser.
  const lineEnd = firstBreak >= 0 && text.charCodeAt(firstBreak) === 0x0d ? '\r\n' : '\n';

  const out: FastRecord[] = [];
  let emptyLines = 0;
  const lastIndex = lines.length - 1;
  for (let i = 0; i <= lastIndex; i++) {
    const line = lines[i] as string;
    if (line === '') {
      // The segment after the final line ending is not a line.
      if (i < lastIndex) emptyLines++;
      continue;
    }
    if (!line.includes('"')) {
      out.push({ cells: line.split(','), records: out.length + 1, emptyLines });
      continue;
    }
    // Quoted fields, possibly spanning lines.
    const cells: string[] = [];
    let cur = line;
    let pos = 0;
    for (;;) {
      if (cur.charCodeAt(pos) === QUOTE) {
        let value = '';
        let from = pos + 1;
        for (;;) {
          const q = cur.indexOf('"', from);
          if (q < 0) {
            // The field goes on past this line.
            if (i >= lastIndex) return null; // unclosed quote
            value += cur.slice(from) + lineEnd;
            i++;
            cur = lines[i] as string;
            from = 0;
            continue;
          }
          if (cur.charCodeAt(q + 1) === QUOTE) {
            value += cur.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += cur.slice(from, q);
          pos = q + 1;
          break;
        }
        cells.push(value);
        if (pos === cur.length) break;
        if (cur.charCodeAt(pos) !== COMMA) return null; // text after a closing quote
        pos++;
        if (pos === cur.length) {
          cells.push('');
          break;
        }
        continue;
      }
      const comma = cur.indexOf(',', pos);
      const end = comma < 0 ? cur.length : comma;
      const value = cur.slice(pos, end);
      if (value.includes('"')) return null; // a quote inside a plain field
      cells.push(value);
      if (comma < 0) break;
      pos = comma + 1;
      if (pos === cur.length) {
        cells.push('');
        break;
      }
    }
    out.push({ cells, records: out.length + 1, emptyLines });
  }
  return out;
}
