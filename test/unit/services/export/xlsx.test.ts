import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sheetBacklog, writeInvoicesXlsx, writeRowsXlsx, writeSubmissionsXlsx } from '../../../../electron/services/export/xlsx';
import { sheetXmlSink, styleIdsOf } from '../../../../electron/services/export/exceljs-internals';
import { INVOICE_COLUMNS, SUBMISSION_COLUMNS, headersOf } from '../../../../electron/services/export/columns';
import { invoiceRow, submission } from './fixtures';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recon-xlsx-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readBack(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

function colOf(header: string): number {
  const i = headersOf(INVOICE_COLUMNS).indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i + 1;
}

describe('writeInvoicesXlsx', () => {
  it('keeps identifiers as text with leading zeros and amounts as numbers', async () => {
    const path = join(dir, 'out.xlsx');
    const rows = [
      invoiceRow(),
      invoiceRow({ id: 2, invoiceCode: '', invoiceNum: '24322000000012345678', amountFen: -9000, taxAmountFen: null, suningAmountFen: null, buyerTitle: "=cmd|' /C calc'!A0" }),
    ];
    expect(await writeInvoicesXlsx(rows, path)).toEqual({ rows: 2 });
    const sheet = await readBack(path);
    expect(sheet.name).toBe('发票');
    expect(sheet.getRow(1).values).toEqual([undefined, ...headersOf(INVOICE_COLUMNS)]);

    const r2 = sheet.getRow(2);
    expect(r2.getCell(colOf('发票代码')).value).toBe('032001700211');
    expect(r2.getCell(colOf('发票号码')).value).toBe('08809370');
    expect(r2.getCell(colOf('订单号')).value).toBe('30012345678');
    expect(r2.getCell(colOf('发票代码')).numFmt).toBe('@');
    expect(r2.getCell(colOf('金额(元)')).value).toBe(100);
    expect(r2.getCell(colOf('金额(元)')).numFmt).toBe('0.00');
    expect(r2.getCell(colOf('税额(元)')).value).toBe(11.5);
    expect(r2.getCell(colOf('对账状态')).value).toBe('一致');
    expect(r2.getCell(colOf('最后查询时间（北京时间）')).value).toBe('2026-11-23 17:00:00');

    const r3 = sheet.getRow(3);
    expect(r3.getCell(colOf('发票号码')).value).toBe('24322000000012345678');
    expect(r3.getCell(colOf('发票代码')).value).toBeNull();
    expect(r3.getCell(colOf('金额(元)')).value).toBe(-90);
    expect(r3.getCell(colOf('税额(元)')).value).toBeNull();
    // A string cell, never a formula: Excel shows it as typed.
    expect(r3.getCell(colOf('购方抬头')).value).toBe("=cmd|' /C calc'!A0");
    expect(r3.getCell(colOf('购方抬头')).type).toBe(ExcelJS.ValueType.String);
  });

  it('has a bold, frozen header row and sensible widths', async () => {
    const path = join(dir, 'out.xlsx');
    await writeInvoicesXlsx([invoiceRow()], path);
    const sheet = await readBack(path);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(colOf('购方抬头')).width).toBeGreaterThanOrEqual(20);
    expect(sheet.getColumn(colOf('金额(元)')).width).toBeGreaterThanOrEqual(10);
  });

  it('streams many rows from an async source into a Writable', async () => {
    async function* rows(): AsyncGenerator<ReturnType<typeof invoiceRow>> {
      for (let i = 0; i < 1500; i += 1) {
        if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
        yield invoiceRow({ id: i, invoiceNo: `FP${String(i).padStart(6, '0')}` });
      }
    }
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    expect(await writeInvoicesXlsx(rows(), sink)).toEqual({ rows: 1500 });
    const wb = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type (an ArrayBuffer); hand it the bytes as one.
    const bytes = Buffer.concat(chunks);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(1501);
    expect(sheet?.getRow(1501).getCell(1).value).toBe('FP001499');
  });

  it('writes just the header row when there are no rows', async () => {
    const path = join(dir, 'empty.xlsx');
    expect(await writeInvoicesXlsx([], path)).toEqual({ rows: 0 });
    const sheet = await readBack(path);
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getRow(1).getCell(1).value).toBe('发票编号');
  });

  it('writes submission history', async () => {
    const path = join(dir, 'subs.xlsx');
    await writeSubmissionsXlsx([submission()], path);
    const sheet = await readBack(path);
    expect(sheet.getRow(1).values).toEqual([undefined, ...headersOf(SUBMISSION_COLUMNS)]);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(7);
    expect(row.getCell(3).value).toBe('被拒绝');
    expect(row.getCell(6).value).toBe('24322000000012345678');
    expect(row.getCell(10).value).toBe('30000');
  });

  it('leaves no file behind when the source fails', async () => {
    const path = join(dir, 'bad.xlsx');
    async function* failing(): AsyncGenerator<ReturnType<typeof invoiceRow>> {
      yield invoiceRow();
      throw new Error('database went away');
    }
    await expect(writeRowsXlsx(failing(), INVOICE_COLUMNS, path)).rejects.toThrow('database went away');
    expect(await readdir(dir)).toEqual([]);
  });

  it('still finds the zip backlog inside exceljs (memory bound relies on it)', () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() });
    const sheet = wb.addWorksheet('s');
    sheet.addRow(['x']).commit();
    expect(sheetBacklog(sheet)).not.toBeNull();
    expect(sheetBacklog({})).toBeNull();
  });

  it('still finds the sheet stream and style registry inside exceljs (fast row path relies on them)', () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: true });
    const sheet = wb.addWorksheet('s');
    // Before the first row is committed, <sheetData> is not open yet: raw rows must not be written.
    expect(sheetXmlSink(sheet)).toBeNull();
    sheet.addRow(['x']).commit();
    expect(sheetXmlSink(sheet)).not.toBeNull();
    const text = Object.freeze({ numFmt: '@' });
    const ids = styleIdsOf(wb, [{ style: text, type: ExcelJS.ValueType.String }, { style: Object.freeze({ numFmt: '0.00' }), type: ExcelJS.ValueType.Number }]);
    expect(ids).not.toBeNull();
    expect(new Set(ids).size).toBe(2);
    expect(styleIdsOf(wb, [{ style: text, type: ExcelJS.ValueType.String }])).toEqual([ids?.[0]]);
  });
});
