// Unit tests (Node): CSV reading — Excel row numbers, blank lines, quotes.
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../electron/services/import/csv';

describe('readCsv', () => {
  it('numbers rows as Excel shows them, across blank lines and multi-line cells', () => {
    const t = readCsv('h1,h2\r\na,b\r\n\r\nc,"d\r\ne"\r\n\r\n,\r\nf,g\r\n\r\n\r\n');
    expect(t.headers).toEqual(['h1', 'h2']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['a', 'b'] },
      { row: 4, cells: ['c', 'd\r\ne'] },
      { row: 7, cells: ['f', 'g'] },
    ]);
    // Row 3, row 5 (empty line), row 6 (",") and the two trailing empty lines.
    expect(t.blankRows).toBe(5);
    expect(t.broken).toEqual([]);
  });

  it('keeps stray quotes inside unquoted cells and LF-only files', () => {
    const t = readCsv('h1,h2\na,5"寸\n"x""y",z');
    expect(t.rows).toEqual([{ row: 2, cells: ['a', '5"寸'] }, { row: 3, cells: ['x"y', 'z'] }]);
  });

  it('reports an unclosed quote as a broken row', () => {
    const t = readCsv('h1,h2\r\na,b\r\nc,"d\r\ne,f\r\n');
    expect(t.rows).toEqual([{ row: 2, cells: ['a', 'b'] }]);
    expect(t.broken).toHaveLength(1);
    expect(t.broken[0]).toMatchObject({ row: 3, value: 'c,"d…' });
  });
});
