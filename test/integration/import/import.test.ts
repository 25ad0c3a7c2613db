// Integration tests (Node, real SQLite files, real files/bytes): the import service end to end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { importCommitOutput, importPreviewOutput } from '../../../shared/api/schemas';
import { ERP_EXPORT_HEADERS } from '../../../shared/domain/import-headers';
import { commitImport, previewImport } from '../../../electron/services/import/index';
import { invoicesRepo } from '../../../electron/db/repositories/invoices';
import { auditRepo } from '../../../electron/db/repositories/audit';
import { tempDb, type TempDb } from '../../unit/db/temp-db';
import { appErrorOf } from '../../support/app-error';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/import');
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

describe('ERP export (UTF-8)', () => {
  it('previews with the aliases mapped, then imports every row exactly', async () => {
    const bytes = fixture('erp-export-utf8.csv');
    const preview = await previewImport(t.db, { fileName: 'erp-export.csv', bytes });
    expect(importPreviewOutput.parse(preview)).toBeTruthy();
    expect(preview).toMatchObject({ format: 'csv', encoding: 'utf-8', encodingSource: 'utf8-valid', rowCount: 5, missingRequired: [] });
    expect(preview.headers).toEqual(ERP_EXPORT_HEADERS);
    expect(Object.keys(preview.mapping)).toHaveLength(14);
    // Excel text wrappers are shown unwrapped.
    expect(preview.sampleRows[0]?.[9]).toBe('032001700211');

    const r = await commitImport(t.db, { fileName: 'erp-export.csv', bytes, actor: 'clerk' });
    expect(importCommitOutput.parse(r)).toBeTruthy();
    expect(r).toMatchObject({ inserted: 5, updated: 0, unchanged: 0, invalid: [], changes: [], reportCsvBase64: null });
    const repo = invoicesRepo(t.db);
    expect(repo.getByInvoiceNo('WDT0001')).toMatchObject({
      orderNo: '1001001', billType: '01', shop: '苏宁旗舰店', saleOrg: '10001', buyerTitle: '南京某某科技有限公司', amountFen: 10050,
      taxAmountFen: 1156, invoiceDate: '2026-01-05', invoiceCode: '032001700211', invoiceNum: '00012345',
      pdfUrl: 'https://files.example.test/1.pdf', targetStatus: 80, errorInfo: '', source: 'import:erp-export.csv',
    });
    expect(repo.getByInvoiceNo('WDT0003')).toMatchObject({ billType: '03', buyerTitle: '上海某某贸易有限公司, 采购部', amountFen: -2000, targetStatus: 75, errorInfo: '开票失败："抬头"有误' });
    expect(repo.getByInvoiceNo('WDT0004')).toMatchObject({ billType: '01', targetStatus: 80, invoiceDate: null, amountFen: 10 });
    expect(repo.getByInvoiceNo('WDT0005')).toMatchObject({ invoiceCode: '', invoiceNum: '26322000000012345678' });

    const audit = auditRepo(t.db).list({ action: 'import', limit: 10 }).rows;
    expect(audit).toMatchObject([{ actor: 'clerk', target: 'erp-export.csv', details: { batchId: r.batchId, inserted: 5, invalid: 0, encoding: 'utf-8' } }]);
  });

  it('reads the same file with a UTF-8 BOM (decided by the BOM, header clean)', async () => {
    const bytes = Buffer.concat([BOM, fixture('erp-export-utf8.csv')]);
    const preview = await previewImport(t.db, { fileName: 'bom.csv', bytes });
    expect(preview).toMatchObject({ encoding: 'utf-8', encodingSource: 'bom', missingRequired: [] });
    expect(preview.headers[0]).toBe('发票编号');
    expect((await commitImport(t.db, { fileName: 'bom.csv', bytes, actor: 'clerk' })).inserted).toBe(5);
  });

  it('re-importing the same file changes nothing; a changed row shows what changed', async () => {
    const bytes = fixture('erp-export-utf8.csv');
    await commitImport(t.db, { fileName: 'a.csv', bytes, actor: 'clerk' });
    const repo = invoicesRepo(t.db);
    const before = repo.getByInvoiceNo('WDT0002');
    const again = await commitImport(t.db, { fileName: 'a.csv', bytes, actor: 'clerk' });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, changes: [], invalid: [] });
    expect(repo.getByInvoiceNo('WDT0002')?.updatedAt).toBe(before?.updatedAt);

    const edited = Buffer.from(bytes.toString('utf8')
      .replace('WDT0002,1001002,01,苏宁旗舰店,10001,个人,58.00,,2026-01-06,,,,80,', 'WDT0002,1001002,01,苏宁旗舰店,10001,个人,58.50,,2026-01-06,="032001700211",="00099999",,80,'));
    const changed = await commitImport(t.db, { fileName: 'a.csv', bytes: edited, actor: 'clerk' });
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 4 });
    expect(changed.changes).toEqual([{
      invoiceNo: 'WDT0002',
      fields: [
        { field: 'amountFen', before: '58.00', after: '58.50' },
        { field: 'invoiceCode', before: '', after: '032001700211' },
        { field: 'invoiceNum', before: '', after: '00099999' },
      ],
    }]);
  });
});

describe('GBK / GB18030', () => {
  const text = ['发票编号,订单号,店铺,购方抬头,金额', 'G001,2001,苏宁易购旗舰店,北京某某有限公司,12.30', 'G002,2002,苏宁易购专营店,个人,7'].join('\r\n');

  it('falls back to GB18030 when the bytes are not UTF-8, and says so', async () => {
    const bytes = iconv.encode(text, 'gbk');
    const preview = await previewImport(t.db, { fileName: 'gbk.csv', bytes });
    expect(preview).toMatchObject({ encoding: 'gb18030', encodingSource: 'gb18030-fallback', headers: ['发票编号', '订单号', '店铺', '购方抬头', '金额'], missingRequired: [] });
    const r = await commitImport(t.db, { fileName: 'gbk.csv', bytes, actor: 'clerk' });
    expect(r.inserted).toBe(2);
    expect(invoicesRepo(t.db).getByInvoiceNo('G001')).toMatchObject({ shop: '苏宁易购旗舰店', buyerTitle: '北京某某有限公司', amountFen: 1230 });
  });

  it('honours the user choice, and refuses GB bytes read as UTF-8 with a clear message', async () => {
    const gb = iconv.encode(text, 'gb18030');
    const e = await appErrorOf(previewImport(t.db, { fileName: 'gbk.csv', bytes: gb, encoding: 'utf-8' }));
    expect(e.code).toBe('import.encoding');
    expect(e.messageZh).toContain('GB18030');
    const forced = await previewImport(t.db, { fileName: 'gbk.csv', bytes: gb, encoding: 'gb18030' });
    expect(forced).toMatchObject({ encoding: 'gb18030', encodingSource: 'user' });
    // UTF-8 text forced to GB18030 turns into mojibake: no header matches, and the preview says what is missing.
    const wrong = await previewImport(t.db, { fileName: 'utf8.csv', bytes: Buffer.from(text), encoding: 'gb18030' });
    expect(wrong.missingRequired).toEqual(['invoiceNo', 'orderNo', 'amount']);
  });

  it('refuses UTF-16 files', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const e = await appErrorOf(previewImport(t.db, { fileName: 'unicode.txt', bytes: utf16 }));
    expect(e.code).toBe('import.encoding');
    expect(e.messageEn).toContain('UTF-16');
  });
});

describe('XLSX', () => {
  async function workbook(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('发票');
    ws.addRow([...ERP_EXPORT_HEADERS]);
    ws.addRow(['X001', '3001', '01', '旗舰店', '10001', '甲公司', 100.5, 13, new Date(Date.UTC(2026, 0, 5)), '032001700211', '00012345', 'https://x.test/1.pdf', 80, '']);
    ws.addRow([]);
    ws.addRow(['X002', '3002', '02', '旗舰店', '10001', '乙公司', { formula: 'B2*0+7', result: 7 }, null, '2026-01-06', '', '', '', '', '']);
    ws.addRow(['X003', 32281000000, '01', '旗舰店', '10001', '丙公司', 'abc', null, null, '', '', '', 80, '']);
    ws.addRow(['X004', '3004', '01', '旗舰店', '10001', '丁公司', 0.1 + 0.2, null, null, '', '', '', 80, '']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads cells as text: leading zeros kept, dates as YYYY-MM-DD, formulas by result, Excel row numbers', async () => {
    const bytes = await workbook();
    const preview = await previewImport(t.db, { fileName: 'export.xlsx', bytes, encoding: 'gb18030' });
    expect(preview).toMatchObject({ format: 'xlsx', encoding: null, encodingSource: 'binary', rowCount: 4, missingRequired: [] });
    const r = await commitImport(t.db, { fileName: 'export.xlsx', bytes, actor: 'clerk' });
    expect(r).toMatchObject({ inserted: 3, blankRows: 1 });
    expect(r.invalid).toEqual([{ row: 5, column: '金额', value: 'abc', reason: '金额：“abc” 不是金额', reasonEn: 'amount: "abc" is not an amount' }]);
    const repo = invoicesRepo(t.db);
    expect(repo.getByInvoiceNo('X001')).toMatchObject({ invoiceCode: '032001700211', invoiceNum: '00012345', amountFen: 10050, taxAmountFen: 1300, invoiceDate: '2026-01-05' });
    expect(repo.getByInvoiceNo('X002')).toMatchObject({ amountFen: 700, billType: '02', targetStatus: 80, invoiceDate: '2026-01-06' });
    expect(repo.getByInvoiceNo('X004')?.amountFen).toBe(30);
  });
});

describe('the broken-rows file', () => {
  it('imports only the valid rows and reports every problem with row, column, value and reason', async () => {
    const r = await commitImport(t.db, { fileName: 'broken-rows.csv', bytes: fixture('broken-rows.csv'), actor: 'clerk' });
    expect(r).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, blankRows: 2 });
    expect(r.invalid.map((e) => [e.row, e.column, e.value, e.reason, e.reasonEn])).toEqual([
      [4, '金额', '=1+2', '金额看起来是 Excel 公式，为防止公式注入不予导入', 'amount looks like an Excel formula; refused to prevent formula injection'],
      [5, '订单号', '3.2281E+10', '订单号被 Excel 改成了科学计数法，原来的数字已经丢失；请把该列设为“文本”后重新导出',
        'Excel turned order number into scientific notation and the original digits are lost; format the column as Text and export again'],
      [6, '发票号码', '123456789012345678901234567890123456789012', '发票号码超过 40 个字符（现有 42 个）', 'invoice number (发票号码) is longer than 40 characters (42)'],
      [7, '发票编号', 'F10050000000000000000', '发票编号超过 20 个字符（现有 21 个）', 'ERP invoice number is longer than 20 characters (21)'],
      [8, '发票编号', 'F1006', '发票编号 F1006 在文件中重复出现（第 8、10 行），这些行都未导入', 'Invoice number F1006 appears more than once in the file (rows 8, 10); none of them was imported'],
      [9, '发票编号', '', '发票编号为空（必填）', 'ERP invoice number is empty (required)'],
      [10, '发票编号', 'F1006', '发票编号 F1006 在文件中重复出现（第 8、10 行），这些行都未导入', 'Invoice number F1006 appears more than once in the file (rows 8, 10); none of them was imported'],
      [11, '金额', '5.001', '金额：“5.001” 超过两位小数', 'amount: "5.001" has more than two decimals'],
      [11, '开票日期', '2026-13-01', '开票日期“2026-13-01”不是有效日期（应为 YYYY-MM-DD）', 'invoice date "2026-13-01" is not a valid date (expected YYYY-MM-DD)'],
      [11, '单号类型', '05', '单号类型“05”无效，只能是 01、02、03、04', 'bill type "05" is invalid; use 01, 02, 03 or 04'],
      [11, '状态', '99', '状态“99”无效，只能是 65（开票申请失败）、75（开票失败）、80（开票成功）', 'status "99" is invalid; use 65 (application failed), 75 (invoicing failed) or 80 (invoiced)'],
      [12, '', 'F1010,20010,01,旗舰店', '这一行有 4 列，表头有 14 列（可能有多余或缺少的逗号）', 'This row has 4 fields but the header has 14 (a comma too many or too few?)'],
      [15, '购方抬头', '@SUM(A1)', '购方抬头看起来是 Excel 公式，为防止公式注入不予导入', 'buyer title looks like an Excel formula; refused to prevent formula injection'],
      [16, '错误信息', `${'错'.repeat(200)}…`, '错误信息超过 255 个字符（现有 256 个）', 'error info is longer than 255 characters (256)'],
    ]);
    const repo = invoicesRepo(t.db);
    expect(repo.count({})).toBe(2);
    expect(repo.getByInvoiceNo('F1011')).toMatchObject({ buyerTitle: '乙公司, 北京', amountFen: -2050, invoiceDate: '2026-01-07', targetStatus: 65, billType: '02', errorInfo: '开票申请失败："抬头"错误' });

    // The report: UTF-8 with BOM, one line per problem, formulas neutralised for Excel.
    const report = Buffer.from(r.reportCsvBase64 ?? '', 'base64');
    expect([...report.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = report.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('行号 Row,列 Column,值 Value,原因,Reason');
    expect(lines).toHaveLength(1 + r.invalid.length);
    expect(lines[1]).toBe("4,金额,'=1+2,金额看起来是 Excel 公式，为防止公式注入不予导入,amount looks like an Excel formula; refused to prevent formula injection");
    expect(lines[13]).toContain(",'@SUM(A1),");
  });

  it('reports an unclosed quote as a broken row instead of dropping the rest silently', async () => {
    const text = `${ERP_EXPORT_HEADERS.join(',')}\r\nA1,1,01,S,1,T,1.00,,,,,,80,\r\nA2,2,01,S,1,"T,1.00,,,,,,80,\r\nA3,3,01,S,1,T,1.00,,,,,,80,\r\n`;
    const r = await commitImport(t.db, { fileName: 'q.csv', bytes: Buffer.from(text), actor: 'clerk' });
    expect(r.inserted).toBe(1);
    expect(r.invalid).toHaveLength(1);
    expect(r.invalid[0]).toMatchObject({ row: 3, column: '' });
    expect(r.invalid[0]?.reason).toContain('引号没有闭合');
  });

  it('refuses a file that lacks a required column, naming it', async () => {
    const text = '发票编号,订单号,店铺\r\nA1,1,S\r\n';
    const preview = await previewImport(t.db, { fileName: 'x.csv', bytes: Buffer.from(text) });
    expect(preview.missingRequired).toEqual(['amount']);
    const e = await appErrorOf(commitImport(t.db, { fileName: 'x.csv', bytes: Buffer.from(text), actor: 'clerk' }));
    expect(e.code).toBe('import.mapping');
    expect(e.messageZh).toContain('金额');
    expect(e.messageEn).toContain('amount');
  });

  it('refuses an empty file and a header-only file (import.no_rows)', async () => {
    for (const text of ['', '\r\n\r\n', `${ERP_EXPORT_HEADERS.join(',')}\r\n`]) {
      const e = await appErrorOf(commitImport(t.db, { fileName: 'empty.csv', bytes: Buffer.from(text), actor: 'clerk' }));
      expect(e.code).toBe('import.no_rows');
    }
  });

  it('writes nothing — rows, batch or audit — when the commit fails part-way', async () => {
    t.db.exec("CREATE TRIGGER fail_late BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END");
    await expect(commitImport(t.db, { fileName: 'a.csv', bytes: fixture('erp-export-utf8.csv'), actor: 'clerk' })).rejects.toThrow(/simulated/);
    expect(t.db.prepare('SELECT COUNT(*) FROM invoices').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT COUNT(*) FROM import_batches').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT COUNT(*) FROM import_mappings').pluck().get()).toBe(0);
  });
});

describe('remembered mapping', () => {
  it('reuses a confirmed mapping for files with the same headers', async () => {
    const file1 = '编号,单,钱,备注\r\nM1,9001,1.00,x\r\n';
    const first = await previewImport(t.db, { fileName: '导出_20260101.csv', bytes: Buffer.from(file1) });
    expect(first.missingRequired).toEqual(['invoiceNo', 'orderNo', 'amount']);
    const mapping = { invoiceNo: '编号', orderNo: '单', amount: '钱', errorInfo: '备注' };
    const r = await commitImport(t.db, { fileName: '导出_20260101.csv', bytes: Buffer.from(file1), mapping, actor: 'clerk' });
    expect(r.inserted).toBe(1);

    const file2 = ' 编号 ,单,钱,备注\r\nM2,9002,2.00,y\r\n';
    const second = await previewImport(t.db, { fileName: '导出_20260102.csv', bytes: Buffer.from(file2) });
    expect(second.missingRequired).toEqual([]);
    expect(second.mapping).toEqual({ invoiceNo: '编号', orderNo: '单', amount: '钱', errorInfo: '备注' });
    expect((await commitImport(t.db, { fileName: '导出_20260102.csv', bytes: Buffer.from(file2), actor: 'clerk' })).inserted).toBe(1);
    expect(invoicesRepo(t.db).getByInvoiceNo('M2')).toMatchObject({ orderNo: '9002', amountFen: 200, errorInfo: 'y' });
  });

  it('refuses an explicit mapping that names a header the file does not have', async () => {
    const e = await appErrorOf(previewImport(t.db, { fileName: 'a.csv', bytes: fixture('erp-export-utf8.csv'), mapping: { amount: '总金额' } }));
    expect(e.code).toBe('import.mapping');
    expect(e.messageZh).toContain('总金额');
  });
});
