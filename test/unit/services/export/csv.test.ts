import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { invoiceRowToCells, quoteCsvField, submissionToCells, writeCsv, writeInvoicesCsv, writeSubmissionsCsv } from '../../../../electron/services/export/csv';
import { INVOICE_COLUMNS, SUBMISSION_COLUMNS, headersOf } from '../../../../electron/services/export/columns';
import { AppError } from '../../../../shared/errors';
import { invoiceRow, submission } from './fixtures';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recon-csv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Parses as Excel would see the records: BOM stripped, RFC 4180. */
function records(buf: Buffer): string[][] {
  return parse(buf.subarray(3).toString('utf8'), { relax_column_count: false }) as string[][];
}

async function* slowly<T>(rows: readonly T[]): AsyncGenerator<T> {
  for (const r of rows) {
    await new Promise((resolve) => setImmediate(resolve));
    yield r;
  }
}

describe('writeCsv', () => {
  it('writes UTF-8 with BOM, Chinese headers, CRLF line ends', async () => {
    const path = join(dir, 'out.csv');
    const result = await writeInvoicesCsv([invoiceRow()], path);
    expect(result).toEqual({ rows: 1 });
    const buf = await readFile(path);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.subarray(3).toString('utf8');
    expect(text.startsWith('发票编号,订单号,店铺,商户编码,购方抬头,金额(元),税额(元),开票日期,发票代码,发票号码,PDF链接,')).toBe(true);
    expect(text).toContain('对账状态');
    expect(text).toContain('回传状态');
    expect(text).toContain('苏宁发票号码');
    expect(text).toContain('苏宁金额(元)');
    expect(text).toContain('最后查询时间');
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('protects identifiers, labels states in Chinese, writes yuan with two decimals and Beijing time', async () => {
    const path = join(dir, 'out.csv');
    await writeInvoicesCsv([invoiceRow({ amountFen: -9000, taxAmountFen: null, reconStatus: 'fillable', submitState: 'outdated' })], path);
    const buf = await readFile(path);
    const text = buf.toString('utf8');
    expect(text).toContain('"=""032001700211"""');
    const [header, row] = records(buf);
    const cell = (name: string): string | undefined => row?.[header?.indexOf(name) ?? -1];
    expect(cell('发票代码')).toBe('="032001700211"');
    expect(cell('订单号')).toBe('="30012345678"');
    expect(cell('发票号码')).toBe('="08809370"');
    expect(cell('商户编码')).toBe('70066253');
    expect(cell('金额(元)')).toBe('-90.00');
    expect(cell('税额(元)')).toBe('');
    expect(cell('苏宁金额(元)')).toBe('100.00');
    expect(cell('对账状态')).toBe('可填入');
    expect(cell('回传状态')).toBe('已回传但本地已修改');
    expect(cell('最后查询时间（北京时间）')).toBe('2026-11-23 17:00:00');
  });

  it('neutralises formula injection in every text cell', async () => {
    const evil = ["=cmd|' /C calc'!A0", '+1', '@SUM(1)', '-2+3'];
    const rows = evil.map((t, i) => invoiceRow({ id: i, buyerTitle: t, shop: t, errorInfo: t }));
    const path = join(dir, 'out.csv');
    await writeInvoicesCsv(rows, path);
    const [header, ...body] = records(await readFile(path));
    const col = header?.indexOf('购方抬头') ?? -1;
    expect(body.map((r) => r[col])).toEqual(evil.map((t) => `'${t}`));
    // The only cells allowed to start like a formula are our own ="digits" text wrappers and plain negative numbers.
    for (const r of body) for (const c of r) if (!/^="\d+"$/.test(c)) expect(c).not.toMatch(/^[=+@]|^-(?!\d+(\.\d+)?$)/);
  });

  it('writes just the header row when there are no rows', async () => {
    const path = join(dir, 'empty.csv');
    expect(await writeInvoicesCsv([], path)).toEqual({ rows: 0 });
    expect(records(await readFile(path))).toEqual([headersOf(INVOICE_COLUMNS)]);
  });

  it('quotes commas, quotes and newlines so the record survives', async () => {
    const title = '北京"某某",有限公司\n分部\r\n二部';
    const path = join(dir, 'out.csv');
    await writeInvoicesCsv([invoiceRow({ buyerTitle: title }), invoiceRow({ id: 2, buyerTitle: 'plain' })], path);
    const [header, first, second] = records(await readFile(path));
    const col = header?.indexOf('购方抬头') ?? -1;
    expect(first?.[col]).toBe(title);
    expect(second?.[col]).toBe('plain');
  });

  it('quoteCsvField agrees with csv-parse on awkward values', () => {
    const values = ['', 'a', 'a,b', '"', '""', 'a"b', '\n', '\r', '\r\n', ' lead', 'trail ', '中文,"引号"\n换行', "'quote"];
    const line = values.map(quoteCsvField).join(',') + '\r\n';
    expect(parse(line)).toEqual([values]);
  });

  it('streams from an async iterable into a Writable and ends it', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const rows = Array.from({ length: 1203 }, (_, i) => invoiceRowToCells(invoiceRow({ id: i, invoiceNo: `FP${i}` })));
    const result = await writeCsv(slowly(rows), headersOf(INVOICE_COLUMNS), sink);
    expect(result.rows).toBe(1203);
    expect(sink.writableEnded).toBe(true);
    const parsed = records(Buffer.concat(chunks));
    expect(parsed).toHaveLength(1204);
    expect(parsed[1203]?.[0]).toBe('FP1202');
  });

  it('writes submission history with its own columns', async () => {
    const path = join(dir, 'subs.csv');
    await writeSubmissionsCsv([submission()], path);
    const [header, row] = records(await readFile(path));
    expect(header).toEqual(headersOf(SUBMISSION_COLUMNS));
    expect(row).toEqual(submissionToCells(submission()).map((c) => (c === '24322000000012345678' ? `="${c}"` : c)));
    expect(row).toContain('被拒绝');
    expect(row).toContain('发票编号在系统中不存在');
    expect(row).toContain('="24322000000012345678"');
  });

  it('refuses a row with the wrong number of cells and leaves no file behind', async () => {
    const path = join(dir, 'bad.csv');
    const rows = [['a', 'b'], ['only one']];
    await expect(writeCsv(rows, ['h1', 'h2'], path)).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.messageZh.includes('第 2 行') && e.messageEn.includes('row 2'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps an existing file intact when a later export fails', async () => {
    const path = join(dir, 'keep.csv');
    await writeFile(path, 'old');
    async function* failing(): AsyncGenerator<string[]> {
      yield ['x'];
      throw new Error('database went away');
    }
    await expect(writeCsv(failing(), ['h'], path)).rejects.toThrow('database went away');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['keep.csv']);
  });
});
