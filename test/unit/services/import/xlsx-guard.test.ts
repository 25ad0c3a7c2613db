// Unit tests (Node): the .xlsx inflation guard. Bombs are built here (test/support/xlsx-bomb.ts) and refused
// while they inflate: the count of inflated bytes at the refusal shows reading stopped near the limit, far
// below what the sheet would inflate to.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkInflatedXlsx } from '../../../../electron/services/import/xlsx-guard';
import { MAX_XLSX_CELLS, MAX_XLSX_INFLATED_BYTES, MAX_XLSX_ROWS } from '../../../../electron/services/import/limits';
import { readXlsx } from '../../../../electron/services/import/xlsx';
import { appErrorOf } from '../../../support/app-error';
import { ROW_UNIT, SPACE_UNIT, xlsxBomb } from '../../../support/xlsx-bomb';

const GiB = 1024 ** 3;
/** JSZip inflates 16 KB of input at a time: one step of a 1,000:1 bomb is ~16 MB. */
const ONE_STEP = 32 * 1024 * 1024;

async function workbook(rows: number, cols: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('发票');
  for (let r = 0; r < rows; r++) ws.addRow(Array.from({ length: cols }, (_, c) => (c % 2 === 0 ? `文本${r}-${c}` : r * cols + c)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Building and inflating a bomb up to the limit takes a few seconds on a busy 2-core machine.
const SLOW = { timeout: 60_000 };

describe('checkInflatedXlsx', () => {
  it('counts the cells, rows and shared strings of a real workbook, across chunk boundaries', SLOW, async () => {
    // 20,000 × 6: the sheet inflates to several of JSZip's chunks, so element names are split between them.
    const counts = await checkInflatedXlsx(await workbook(20_000, 6));
    expect(counts).toMatchObject({ cells: 120_000, rows: 20_000, sharedStrings: 60_000 });
    expect(counts.bytes).toBeGreaterThan(1_000_000);
  });

  it('refuses a sheet of 2 GiB of padding once the inflated bytes pass the limit, whatever the zip declares', SLOW, async () => {
    for (const declaredSize of [undefined, 1000]) {
      const bomb = await xlsxBomb({ unit: SPACE_UNIT, inflatedBytes: 2 * GiB, ...(declaredSize !== undefined ? { declaredSize } : {}) });
      expect(bomb.file.length).toBeLessThan(4 * 1024 * 1024);
      const e = await appErrorOf(checkInflatedXlsx(bomb.file));
      expect(e.code).toBe('import.too_large');
      expect(e.messageZh).toMatch(/^文件解压后过大/);
      expect(e.messageEn).toMatch(/^The file is too large once uncompressed/);
      expect(e.messageZh).toContain('xl/worksheets/sheet1.xml');
      const inflated = (e.details as { inflated: number }).inflated;
      expect(inflated).toBeGreaterThan(MAX_XLSX_INFLATED_BYTES);
      expect(inflated).toBeLessThan(MAX_XLSX_INFLATED_BYTES + ONE_STEP);
    }
  });

  it('refuses a sheet of 2 GiB of rows at the row limit, long before its bytes would', SLOW, async () => {
    const bomb = await xlsxBomb({ unit: ROW_UNIT, inflatedBytes: 2 * GiB });
    const e = await appErrorOf(checkInflatedXlsx(bomb.file));
    expect(e).toMatchObject({ code: 'import.too_large', details: { element: 'rows', limit: MAX_XLSX_ROWS } });
    expect(e.messageZh).toMatch(/^文件解压后过大：工作簿的行超过 1,048,576 个/);
    expect(e.messageEn).toMatch(/^The file is too large once uncompressed: the workbook has more than 1,048,576 rows/);
  });

  it('refuses too many cells in rows that are few', SLOW, async () => {
    // 400 cells a row: 7,500 rows reach the cell limit.
    const row = `<row>${'<c><v>1</v></c>'.repeat(400)}</row>`;
    const bomb = await xlsxBomb({ unit: row, inflatedBytes: 2 * GiB });
    const e = await appErrorOf(checkInflatedXlsx(bomb.file));
    expect(e).toMatchObject({ code: 'import.too_large', details: { element: 'cells', limit: MAX_XLSX_CELLS } });
  });
});

describe('readXlsx', () => {
  it('refuses the bomb before exceljs reads it, with the same error', SLOW, async () => {
    const bomb = await xlsxBomb({ unit: SPACE_UNIT, inflatedBytes: 2 * GiB, declaredSize: 1000 });
    const e = await appErrorOf(readXlsx(bomb.file));
    expect(e.code).toBe('import.too_large');
    expect(e.messageZh).toMatch(/^文件解压后过大/);
  });

  it('refuses a sheet whose few cells lie far to the right, before the row of empty cells is made', SLOW, async () => {
    // Each row's one cell is in column XFD: 2,000 rows × 16,384 columns is over the cell limit.
    const rows = Array.from({ length: 2_000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    const bomb = await xlsxBomb({ unit: rows, inflatedBytes: 1 });
    const e = await appErrorOf(readXlsx(bomb.file));
    expect(e).toMatchObject({ code: 'import.too_large', details: { element: 'cells' } });
  });

  it('still reads a damaged zip as unreadable, not too large', async () => {
    const good = await workbook(3, 2);
    const e = await appErrorOf(readXlsx(good.subarray(0, good.length - 40)));
    expect(e.code).toBe('import.encoding');
  });
});
