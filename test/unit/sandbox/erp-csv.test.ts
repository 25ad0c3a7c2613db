import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ERP_CSV_HEADER, erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';
import { generateSeed } from '../../../electron/sandbox/seed';
import type { ErpRecord } from '../../../electron/sandbox/types';

const base: ErpRecord = {
  invoiceNo: 'DZ20261101000001',
  orderNo: '30000000001',
  billType: '01',
  shop: '苏宁易购官方旗舰店',
  saleOrg: '70066253',
  buyerTitle: '上海"星河"科技有限公司,采购部',
  amountFen: 10050,
  taxAmountFen: -7,
  invoiceDate: '2026-11-01',
  invoiceCode: '032001900111',
  invoiceNum: '00412345',
  pdfUrl: 'https://fp.example.cn/a.pdf?x=1,2',
  status: 80,
  errorInfo: '第一行\n第二行',
};

describe('ERP CSV export', () => {
  it('starts with a UTF-8 BOM and the exact header row, CRLF-terminated', () => {
    const buf = erpRecordsToCsv([base]);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    expect(text.startsWith('发票编号,订单号,单号类型,店铺,商户编码,购方抬头,金额,税额,开票日期,发票代码,发票号码,下载地址,状态,错误信息\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('quotes commas, quotes and newlines, writes yuan with two decimals and keeps leading zeros', () => {
    const text = erpRecordsToCsv([base]).toString('utf8');
    const line = text.split('\r\n')[1] ?? '';
    expect(line).toContain('"上海""星河""科技有限公司,采购部"');
    expect(line).toContain(',100.50,-0.07,');
    expect(line).toContain(',032001900111,00412345,');
    const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({
      发票编号: 'DZ20261101000001',
      订单号: '30000000001',
      单号类型: '01',
      店铺: '苏宁易购官方旗舰店',
      商户编码: '70066253',
      购方抬头: '上海"星河"科技有限公司,采购部',
      金额: '100.50',
      税额: '-0.07',
      开票日期: '2026-11-01',
      发票代码: '032001900111',
      发票号码: '00412345',
      下载地址: 'https://fp.example.cn/a.pdf?x=1,2',
      状态: '80',
      错误信息: '第一行\n第二行',
    });
  });

  it('round-trips a whole seeded export', () => {
    const seed = generateSeed({ orders: 500, seed: 9 });
    const rows = parse(erpRecordsToCsv(seed.erpRecords), { bom: true }) as string[][];
    expect(rows[0]).toEqual([...ERP_CSV_HEADER]);
    expect(rows).toHaveLength(501);
    rows.slice(1).forEach((row, i) => {
      const r = seed.erpRecords[i];
      expect(row[0]).toBe(r?.invoiceNo);
      expect(row[5]).toBe(r?.buyerTitle);
      expect(row[6]).toBe(((r?.amountFen ?? 0) / 100).toFixed(2));
      expect(row[10]).toBe(r?.invoiceNum);
    });
  });

  it('writes only the header for no records', () => {
    expect(erpRecordsToCsv([]).toString('utf8')).toBe(`\ufeff${ERP_CSV_HEADER.join(',')}\r\n`);
  });
});
