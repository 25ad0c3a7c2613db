// Integration tests (Node, real SQLite files, real bytes): a UTF-8 file with a GBK row pasted in, or a stray
// byte. The whole file used to be re-decoded as GB18030 without a word: every Chinese field garbled and
// imported (ASCII headers), or "lacks required columns" (Chinese headers). Now the file stays UTF-8, the rows
// that do not decode are reported by row and not imported, and the preview says what happened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { importPreviewOutput } from '../../../shared/api/schemas';
import { commitImport, previewImport } from '../../../electron/services/import/index';
import { invoicesRepo } from '../../../electron/db/repositories/invoices';
import { tempDb, type TempDb } from '../../unit/db/temp-db';
import { appErrorOf } from '../../support/app-error';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const gbk = (s: string): Buffer => iconv.encode(s, 'gbk');

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

describe('a UTF-8 file with rows that are not UTF-8', () => {
  for (const header of ['invoice_no,order_no,amount,shop', '发票编号,订单号,金额,店铺']) {
    it(`reports the GBK row by row number and imports the rest correctly (headers ${header.slice(0, 10)}…)`, async () => {
      const bytes = Buffer.concat([
        utf8(`${header}\r\nWDT1,1001,10.00,苏宁旗舰店\r\nWDT2,1002,20.00,南京数码店\r\n`),
        gbk('WDT3,1003,30.00,上海某某贸易有限公司\r\n'),
        utf8('WDT4,1004,40.00,杭州店\r\n'),
      ]);
      const preview = await previewImport(t.db, { fileName: 'mixed.csv', bytes });
      expect(importPreviewOutput.parse(preview)).toBeTruthy();
      expect(preview).toMatchObject({ encoding: 'utf-8', encodingSource: 'utf8-invalid-rows', missingRequired: [], rowCount: 3 });
      expect(preview.sampleRows.map((r) => r[3])).toEqual(['苏宁旗舰店', '南京数码店', '杭州店']);

      const r = await commitImport(t.db, { fileName: 'mixed.csv', bytes, actor: 'clerk' });
      expect(r).toMatchObject({ inserted: 3 });
      expect(r.invalid).toHaveLength(1);
      expect(r.invalid[0]).toMatchObject({ row: 4, column: '' });
      expect(r.invalid[0]?.value).toMatch(/^WDT3,1003,30\.00,.*\uFFFD/);
      expect(r.invalid[0]?.reason).toMatch(/^第 4 行含有不是 UTF-8 的字节/);
      expect(r.invalid[0]?.reasonEn).toMatch(/^Row 4 has bytes that are not UTF-8/);
      expect(r.reportCsvBase64).not.toBeNull();
      const repo = invoicesRepo(t.db);
      expect(repo.getByInvoiceNo('WDT1')?.shop).toBe('苏宁旗舰店');
      expect(repo.getByInvoiceNo('WDT4')?.shop).toBe('杭州店');
      expect(repo.getByInvoiceNo('WDT3')).toBeNull();
    });
  }

  it('reports a row with one stray byte the same way', async () => {
    const bytes = Buffer.concat([utf8('发票编号,订单号,金额,店铺\nWDT1,1001,10.00,苏宁旗舰店\nWDT2,1002,20.00,南京'), Buffer.from([0x80]), utf8('店\n')]);
    const r = await commitImport(t.db, { fileName: 'stray.csv', bytes, actor: 'clerk' });
    expect(r).toMatchObject({ inserted: 1, invalid: [{ row: 3 }] });
  });

  it('refuses the file when its header row is the one that does not decode, naming the row', async () => {
    const bytes = Buffer.concat([gbk('发票编号,订单号,金额,店铺\n'), utf8('WDT1,1001,10.00,苏宁旗舰店\nWDT2,1002,20.00,南京数码店\n')]);
    const e = await appErrorOf(previewImport(t.db, { fileName: 'h.csv', bytes }));
    expect(e.code).toBe('import.encoding');
    expect(e.messageZh).toMatch(/表头（第 1 行）含有不是 UTF-8 的字节/);
    expect(e.messageEn).toMatch(/header row \(row 1\) has bytes that are not UTF-8/);
  });

  it('still imports a wholly GBK file as GB18030, every row', async () => {
    const bytes = gbk('发票编号,订单号,金额,店铺\r\nWDT1,1001,10.00,苏宁旗舰店\r\nWDT2,1002,20.00,茅台\r\n');
    const r = await commitImport(t.db, { fileName: 'gbk.csv', bytes, actor: 'clerk' });
    expect(r).toMatchObject({ inserted: 2, invalid: [] });
    expect(invoicesRepo(t.db).getByInvoiceNo('WDT2')?.shop).toBe('茅台');
  });
});
