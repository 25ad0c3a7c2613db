import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { columnName, SheetRowRenderer, xmlEncode } from '../../../../electron/services/export/sheet-xml';
import { writeRowsXlsx } from '../../../../electron/services/export/xlsx';
import { INVOICE_COLUMNS, SUBMISSION_COLUMNS, type ExportColumn } from '../../../../electron/services/export/columns';
import { invoiceRow, submission } from './fixtures';
import { zipEntry } from './zip-entry';

async function xlsxBytes<T>(rows: readonly T[], columns: readonly ExportColumn<T>[], renderRows: boolean): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeRowsXlsx(rows, columns, sink, 'S', { renderRows });
  return Buffer.concat(chunks);
}

/** Every part of the workbook except the zip's own timestamps. */
const PARTS = ['xl/worksheets/sheet1.xml', 'xl/styles.xml', 'xl/workbook.xml', '[Content_Types].xml'];

describe('SheetRowRenderer', () => {
  it('writes the same workbook XML as exceljs rows do, for awkward values', async () => {
    const rows = [
      invoiceRow(),
      invoiceRow({ id: 2, invoiceCode: '', invoiceNum: '24322000000012345678', amountFen: -9000, taxAmountFen: null, suningAmountFen: null, buyerTitle: "=cmd|' /C calc'!A0" }),
      invoiceRow({ id: 3, shop: 'A & B <"店">', errorInfo: 'tab\there\r\nnew line', pdfUrl: 'ctl\u0001\u0008\u000b\u000c\u000e\u001f\u007fend', buyerTitle: ' 前后空格 ' }),
      invoiceRow({ id: 4, amountFen: 1, taxAmountFen: 0, suningAmountFen: 123456789012, invoiceDate: null, queriedAt: null, orderNo: '0012', invoiceNo: '😀 emoji' }),
    ];
    const viaExceljs = await xlsxBytes(rows, INVOICE_COLUMNS, false);
    const rendered = await xlsxBytes(rows, INVOICE_COLUMNS, true);
    for (const part of PARTS) expect(zipEntry(rendered, part).toString('utf8'), part).toBe(zipEntry(viaExceljs, part).toString('utf8'));
    // The comparison is only worth something if the rows are really there.
    expect(zipEntry(rendered, 'xl/worksheets/sheet1.xml').toString('utf8')).toContain('A &amp; B &lt;&quot;店&quot;&gt;');
  });

  it('matches exceljs for submissions (integer and empty columns)', async () => {
    const rows = [submission(), submission({ id: 8, platformCode: null, message: null, attempts: 0 })];
    const viaExceljs = await xlsxBytes(rows, SUBMISSION_COLUMNS, false);
    const rendered = await xlsxBytes(rows, SUBMISSION_COLUMNS, true);
    for (const part of PARTS) expect(zipEntry(rendered, part).toString('utf8'), part).toBe(zipEntry(viaExceljs, part).toString('utf8'));
  });

  it('matches exceljs over thousands of rows (several batches and turns of the event loop)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => invoiceRow({
      id: i, invoiceNo: `FP${String(i).padStart(7, '0')}`, amountFen: i * 37 - 5000, taxAmountFen: i % 3 === 0 ? null : i,
      buyerTitle: i % 7 === 0 ? `公司 & <${i}>` : '上海某某科技有限公司', errorInfo: i % 11 === 0 ? 'bad "quote"' : '',
    }));
    const viaExceljs = await xlsxBytes(rows, INVOICE_COLUMNS, false);
    const rendered = await xlsxBytes(rows, INVOICE_COLUMNS, true);
    expect(zipEntry(rendered, 'xl/worksheets/sheet1.xml').equals(zipEntry(viaExceljs, 'xl/worksheets/sheet1.xml'))).toBe(true);
  });

  it('skips a row whose cells are all null and unstyled, as exceljs does', () => {
    const r = new SheetRowRenderer([0, 0]);
    expect(r.render(2, [null, null])).toBe('');
    expect(r.render(3, [null, 'x'])).toBe('<row r="3" spans="2:2" x14ac:dyDescent="0.25"><c r="B3" t="str"><v>x</v></c></row>');
    expect(new SheetRowRenderer([5, 6]).render(4, [null, 1.5])).toBe('<row r="4" spans="1:2" x14ac:dyDescent="0.25"><c r="A4" s="5"/><c r="B4" s="6"><v>1.5</v></c></row>');
  });
});

describe('xmlEncode', () => {
  it('escapes the five entities and drops characters XML 1.0 forbids', () => {
    expect(xmlEncode('plain 中文')).toBe('plain 中文');
    expect(xmlEncode(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlEncode('\u0000a\u0009b\u000ac\u000dd\u001fe\u007f')).toBe('a\tb\nc\rde');
    expect(xmlEncode('&')).toBe('&amp;');
  });
});

describe('columnName', () => {
  it('names columns as spreadsheets do', () => {
    expect([1, 18, 26, 27, 52, 53, 702, 703].map(columnName)).toEqual(['A', 'R', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
