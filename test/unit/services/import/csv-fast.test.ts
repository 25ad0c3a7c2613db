// Unit tests (Node): the fast CSV reader returns exactly what csv-parse returns (with readCsv's options)
// wherever it answers, and declines the text csv-parse must judge.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readCsvFast } from '../../../../electron/services/import/csv-fast';
import { readCsv } from '../../../../electron/services/import/csv';

interface Info { records: number; empty_lines: number }
function csvParse(text: string): { cells: string[]; records: number; emptyLines: number }[] | 'error' {
  let skipped = false;
  const out = parse(Buffer.from(text, 'utf8'), {
    info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true,
    on_skip: () => {
      skipped = true;
    },
  }) as unknown as { record: string[]; info: Info }[];
  if (skipped) return 'error';
  return out.map((p) => ({ cells: p.record, records: p.info.records, emptyLines: p.info.empty_lines }));
}

describe('readCsvFast', () => {
  it('reads plain, quoted, multi-line and blank-line CSV as csv-parse does', () => {
    for (const text of [
      '', 'a', 'a,b\r\n1,2\r\n', 'a,b\n1,2', 'h\r\n\r\nx,y\r\n\r\n', '\n\na', '"a\nb",c\n\nd', '"a""b",,"",x\n', 'a,\n,b\n,\n',
      '"x,y","z"\r\n"1\r\n2",3', '中文,"引号""内"\n发票', '""\n', ',,,\n', '\uFEFFa,b\n1,2\n',
    ]) {
      expect(readCsvFast(text), JSON.stringify(text)).toEqual(csvParse(text));
    }
  });

  it('declines what needs csv-parse: stray or unclosed quotes, mixed or bare-CR line endings', () => {
    for (const text of ['"x"y,z\n', 'a"b,c\n', '"abc\n', 'a\nb\r\nc', 'a\r\nb\nc\r\n', 'a\rb\r\rc', ' "a",b\n', '"a" ,b\n', 'a\r']) {
      expect(readCsvFast(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('agrees with csv-parse on 5,000 generated texts wherever it answers', () => {
    let seed = 12345;
    const rnd = (k: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return (seed >>> 8) % k;
    };
    const tokens = ['a', 'bc', '中', ',', ',', '"', '""', '\r\n', '\n', '\r', ' ', '1.5', '\r\n\r\n', '\n\n'];
    let answered = 0;
    const runs = Number(process.env['CSV_FUZZ_RUNS'] ?? 5000);
    for (let n = 0; n < runs; n++) {
      // Mostly well-formed rows (quoted fields included), with a random token here and there.
      const parts: string[] = [];
      const eol = rnd(2) === 0 ? '\r\n' : '\n';
      for (let r = 0; r < 1 + rnd(5); r++) {
        const fields: string[] = [];
        for (let f = 0; f < 1 + rnd(4); f++) {
          const inner = Array.from({ length: rnd(4) }, () => tokens[rnd(tokens.length)] ?? '').join('');
          fields.push(rnd(3) === 0 ? `"${inner.replace(/"/g, '""')}"` : rnd(4) === 0 ? inner : ['x', '', '12', '甲'][rnd(4)] ?? '');
        }
        parts.push(fields.join(','), rnd(5) === 0 ? eol + eol : eol);
      }
      const text = parts.join('').slice(0, rnd(3) === 0 ? undefined : parts.join('').length - rnd(3));
      const fast = readCsvFast(text);
      if (fast === null) continue;
      answered++;
      expect(fast, JSON.stringify(text)).toEqual(csvParse(text));
    }
    expect(answered).toBeGreaterThan(runs / 4);
  });

  it('gives readCsv the same table either way', () => {
    const text = 'h1,h2\r\n\r\n"a\r\nb",2\r\n,\r\n3,"4"\r\n\r\n';
    const table = readCsv(text);
    expect(table.rows).toEqual([{ row: 3, cells: ['a\r\nb', '2'] }, { row: 4, cells: ['', ''] }, { row: 5, cells: ['3', '4'] }].filter((r) => r.cells.some((c) => c !== '')));
    expect(table.blankRows).toBe(3);
  });
});
