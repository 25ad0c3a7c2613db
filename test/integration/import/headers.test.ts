// Integration tests (Node, real SQLite files, real CSV and XLSX bytes): header rows that name a column twice.
// The second of each used to be dropped silently (the mapping names a column by its header text, so only the
// first could ever be read); now the file is refused with the duplicated columns named, before anything is read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { commitImport, previewImport } from '../../../electron/services/import/index';
import { tempDb, type TempDb } from '../../unit/db/temp-db';
import { appErrorOf } from '../../support/app-error';

const HEADERS = ['发票编号', '订单号', '金额', '金额', '发票编号'];
const ROWS = [['WDT1', '1001', '10.00', '12.00', 'WDT9'], ['WDT2', '1002', '20.00', '20.00', 'WDT2']];

function csvOf(headers: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from([headers, ...rows].map((r) => r.join(',')).join('\r\n'), 'utf8');
}

async function xlsxOf(headers: readonly string[], rows: readonly (readonly string[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('发票');
  for (const r of [headers, ...rows]) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

describe('duplicate headers', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`refuses a ${format.toUpperCase()} file whose used columns repeat, naming each with its columns`, async () => {
      const bytes = format === 'csv' ? csvOf(HEADERS, ROWS) : await xlsxOf(HEADERS, ROWS);
      const fileName = `dup.${format}`;
      for (const e of [
        await appErrorOf(previewImport(t.db, { fileName, bytes })),
        await appErrorOf(commitImport(t.db, { fileName, bytes, actor: 'clerk' })),
      ]) {
        expect(e.code).toBe('import.mapping');
        expect(e.messageZh).toContain('表头中有重复的列：“发票编号”（第 1、5 列，即 A、E 列）、“金额”（第 3、4 列，即 C、D 列）');
        expect(e.messageEn).toContain('The header row repeats columns: "发票编号" (columns 1 and 5, i.e. A and E), "金额" (columns 3 and 4, i.e. C and D)');
        expect(e.details).toEqual({ duplicates: [{ header: '发票编号', columns: [1, 5] }, { header: '金额', columns: [3, 4] }] });
      }
      expect(t.db.prepare('SELECT COUNT(*) FROM invoices').pluck().get()).toBe(0);
    });
  }

  it('also when the repeated column is one an explicit mapping chooses', async () => {
    const bytes = csvOf(['发票编号', '订单号', '金额', '备注', '备注'], [['WDT1', '1001', '10.00', 'a', 'b']]);
    const e = await appErrorOf(previewImport(t.db, { fileName: 'm.csv', bytes, mapping: { invoiceNo: '发票编号', orderNo: '订单号', amount: '金额', errorInfo: '备注' } }));
    expect(e).toMatchObject({ code: 'import.mapping', details: { duplicates: [{ header: '备注', columns: [4, 5] }] } });
  });

  it('imports a file whose repeated columns are not used (neither would be read)', async () => {
    const bytes = csvOf(['发票编号', '订单号', '金额', '备注', '备注'], [['WDT1', '1001', '10.00', 'a', 'b']]);
    const r = await commitImport(t.db, { fileName: 'ok.csv', bytes, actor: 'clerk' });
    expect(r).toMatchObject({ inserted: 1, invalid: [] });
  });
});
