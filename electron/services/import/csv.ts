// Main process. Reads CSV text with csv-parse: quotes relaxed where Excel writes sloppy ones, blank lines
// skipped and counted, unreadable records reported (never silently dropped).
import { parse } from 'csv-parse/sync';
import type { BrokenRow, RawTable, TableRow } from './table';
import { toTable } from './table';
import { readCsvFast } from './csv-fast';

interface ParsedRecord {
  readonly record: string[];
  /** bytes: offset just past this record. */
  readonly info: { readonly records: number; readonly empty_lines: number; readonly bytes: number };
}

interface CsvErrorLike {
  readonly code?: string;
  readonly message: string;
  readonly records?: number;
  readonly empty_lines?: number;
}

export function readCsv(text: string): RawTable {
  // Most files are plain CSV: read them without csv-parse (same records, several times faster).
  const fast = readCsvFast(text);
  if (fast !== null) {
    const rows: TableRow[] = fast.map((r) => ({ row: r.records + r.emptyLines, cells: r.cells }));
    return toTable(rows, [], (fast[fast.length - 1]?.emptyLines ?? 0) + trailingBlankLines(text));
  }
  const broken: BrokenRow[] = [];
  let skipped = 0;
  // csv-parse is several times faster on a Buffer than on a string.
  const bytes = Buffer.from(text, 'utf8');
  const parsed = parse(bytes, {
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvErrorLike | undefined) => {
      skipped++;
      const row = (err?.records ?? 0) + (err?.empty_lines ?? 0) + skipped;
      const unclosed = err?.code === 'CSV_QUOTE_NOT_CLOSED';
      broken.push({
        row,
        value: '',
        reason: unclosed ? '引号没有闭合：从这一行到文件末尾都无法读取，请检查这一行的双引号' : `这一行无法按 CSV 读取：${err?.message ?? ''}`,
        reasonEn: unclosed ? 'A quote is never closed: this row and everything after it cannot be read; check the double quotes on this row' : `This row cannot be read as CSV: ${err?.message ?? ''}`,
      });
    },
  }) as unknown as ParsedRecord[];
  // The row Excel shows: every earlier record, blank line and unreadable record takes one row.
  let skippedSoFar = 0;
  const records: TableRow[] = parsed.map((p) => {
    const row = p.info.records + p.info.empty_lines + skippedSoFar;
    while (skippedSoFar < broken.length && (broken[skippedSoFar]?.row ?? Infinity) <= row) skippedSoFar++;
    return { row, cells: p.record };
  });
  // A broken record starts where the record before it ended.
  for (let i = 0; i < broken.length; i++) {
    const b = broken[i];
    if (!b) continue;
    const before = [...parsed.keys()].reverse().find((k) => (records[k]?.row ?? Infinity) < b.row);
    broken[i] = { ...b, value: firstLineFrom(bytes, before === undefined ? 0 : (parsed[before]?.info.bytes ?? 0)) };
  }
  const last = parsed[parsed.length - 1];
  return toTable(records, broken, (last?.info.empty_lines ?? 0) + trailingBlankLines(text));
}

/** Blank lines after the last record (csv-parse reports empty lines only before a record). */
function trailingBlankLines(text: string): number {
  let breaks = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) breaks++;
    else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) !== 0x0a) breaks++;
    } else if (c !== 0x20 && c !== 0x09) break;
  }
  return Math.max(0, breaks - 1);
}

/** The text of the line starting at a byte offset (what the clerk would look for), shortened. */
function firstLineFrom(bytes: Buffer, offset: number): string {
  const rest = bytes.subarray(offset, offset + 2000).toString('utf8').replace(/^[\r\n]+/, '');
  const m = /^[^\r\n]*/.exec(rest)?.[0] ?? '';
  return m.length < rest.length ? `${m.slice(0, 200)}…` : m.slice(0, 200);
}
