// Unit test (Node, real core over a real SQLite file): invoices:totals through the one call pipeline every host
// uses, and the XLSX export's 汇总 sheet read back with exceljs — the same totals as invoices:totals, the CSV
// still one table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SuningInvoice } from '../../../../shared/domain/invoice';
import { createAppCore, type AppCore } from '../../../../electron/services/app-core';
import { invoke } from '../../../../electron/hosts/invoke';
import type { InvoiceInput } from '../../../../electron/db/repositories/invoices';
import { PLANNED_INVOICE_COLUMNS } from '../../../../electron/services/export';
import { call, exportedFile, tempDir, testCipher } from '../../../support/core-harness';

const CODE = '032001700211';
const dir = tempDir();
let core: AppCore;

function rec(n: number, amountFen: number, shop: string): InvoiceInput {
  return {
    invoiceNo: `F${n}`, orderNo: `O${n}`, billType: '01', shop, saleOrg: '10001', buyerTitle: '某某公司', amountFen,
    taxAmountFen: null, invoiceDate: '2026-01-15', invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80, errorInfo: '',
  };
}
function blue(orderNo: string, invoiceNum: string, amountFen: number, over: Partial<SuningInvoice> = {}): SuningInvoice {
  return {
    orderNo, orderItemId: '1', saleOrg: '10001', saleTaxNo: '', invoiceFlag: '04', invoiceType: 1, invoiceCode: CODE, invoiceNum,
    amountFen, noTaxAmountFen: null, invoiceDate: '2026-01-15', securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '',
    logisticsOrderId: '', logisticsComp: '', invoiceStatus: '2', pdfUrl: '', ...over,
  };
}

beforeAll(async () => {
  core = await createAppCore({ dataDir: dir.dir, host: 'browser', cipher: testCipher(), version: 'test', resumeJobs: false, restorePractice: false });
  const { repos } = core.services;
  repos.invoices.upsertMany([rec(1, 10000, '旗舰店'), rec(2, 10000, '旗舰店'), rec(3, 10000, '专营店'), rec(4, 5000, '专营店'), rec(5, 7000, ''), rec(6, 2500, '旗舰店')], 'seed');
  const found = (o: string, list: SuningInvoice[]) => {
    repos.suning.replaceForOrder(o, list, {});
    repos.suning.logQuery({ orderNo: o, billType: '01', outcome: 'found', invoices: list.length });
  };
  found('O1', [blue('O1', '10000001', 10000)]);
  found('O2', [blue('O2', '10000002', 9950)]);
  found('O3', [blue('O3', '10000003', 6000), blue('O3', '10000004', 3000)]); // split: 苏宁金额 90.00
  found('O4', [blue('O4', '10000005', 5000), blue('O4', '10000006', -5000, { invoiceType: -1, oldInvoiceCode: CODE, oldInvoiceNum: '10000005' })]); // reversed: 0
  // O5 never queried; O6 answered "no result".
  repos.suning.logQuery({ orderNo: 'O6', billType: '01', outcome: 'no_result', invoices: 0 });
});
afterAll(async () => {
  await core.close();
  dir.remove();
});

const ctx = { host: 'browser', logError: () => undefined } as const;

describe('invoices:totals', () => {
  it('answers the totals of a filter and of a selection through the pipeline', async () => {
    const all = await invoke(core.handlers, 'invoices:totals', { selection: { kind: 'filter', filter: {} } }, ctx);
    expect(all.result).toEqual({ ok: true, value: { count: 6, amountFen: 44500, suningAmountFen: 28950, withSuning: 4, missingSuning: 2, diffFen: 6050 } });
    const ids = core.services.repos.invoices.idsForSelection({ kind: 'filter', filter: { shop: '专营店' } });
    const some = await invoke(core.handlers, 'invoices:totals', { selection: { kind: 'ids', ids } }, ctx);
    expect(some.result).toEqual({ ok: true, value: { count: 2, amountFen: 15000, suningAmountFen: 9000, withSuning: 2, missingSuning: 0, diffFen: 6000 } });
  });

  it('refuses bad input with one AppError, zh and en, naming the field', async () => {
    const fraction = await invoke(core.handlers, 'invoices:totals', { selection: { kind: 'filter', filter: { amountMinFen: 1.5 } } }, ctx);
    expect(fraction.outcome).toBe('invalid');
    expect(fraction.result).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (fraction.result.ok) throw new Error('accepted');
    expect(fraction.result.error.message).toContain('selection.filter.amountMinFen：金额下限须为整数分');
    expect(fraction.result.error.messageEn).toContain('selection.filter.amountMinFen: The lowest amount must be a whole number of fen');

    const reversed = await invoke(core.handlers, 'invoices:totals', { selection: { kind: 'filter', filter: { amountMinFen: 500, amountMaxFen: 100 } } }, ctx);
    expect(reversed.outcome).toBe('failed');
    expect(reversed.result).toEqual({ ok: false, error: {
      code: 'validation',
      message: '金额上限 1.00 元低于下限 5.00 元',
      messageEn: 'The highest amount (1.00 yuan) is below the lowest (5.00 yuan)',
      details: { field: 'amountMaxFen' },
    } });

    const unknown = await invoke(core.handlers, 'invoices:totals', { filter: {} }, ctx);
    expect(unknown.outcome).toBe('invalid');
  });
});

describe('export:invoices 汇总', () => {
  async function sheets(filter: Parameters<typeof call<'export:invoices'>>[2]['filter']) {
    const out = await call(core, 'export:invoices', { filter, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(core.services.dataDir, 'exports', out.fileName));
    return wb;
  }

  function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
    const out: unknown[][] = [];
    sheet.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
    return out;
  }

  it('adds a 汇总 sheet per status and per shop, in yuan, equal to invoices:totals of the same filter', async () => {
    const wb = await sheets({});
    expect(wb.worksheets.map((w) => w.name)).toEqual(['发票对账', '汇总']);
    const summary = wb.getWorksheet('汇总');
    if (!summary) throw new Error('no 汇总');
    expect(rowsOf(summary)).toEqual([
      ['分组', '名称', '发票数', '金额(元)', '苏宁金额(元)', '差额(元)', '无苏宁金额的发票数'],
      ['合计', '全部', 6, 445, 289.5, 60.5, 2],
      ['按对账状态', '未查询', 1, 70, 0, 0, 1],
      ['按对账状态', '苏宁未开票', 1, 25, 0, 0, 1],
      ['按对账状态', '可填入', 1, 100, 100, 0, 0],
      ['按对账状态', '金额不符', 1, 100, 99.5, 0.5, 0],
      ['按对账状态', '已冲红', 1, 50, 0, 50, 0],
      ['按对账状态', '多张蓝票', 1, 100, 90, 10, 0],
      ['按店铺', '（无店铺）', 1, 70, 0, 0, 1],
      ['按店铺', '专营店', 2, 150, 90, 60, 0],
      ['按店铺', '旗舰店', 3, 225, 199.5, 0.5, 1],
    ]);
    const t = await call(core, 'invoices:totals', { selection: { kind: 'filter', filter: {} } });
    expect(rowsOf(summary)[1]).toEqual(['合计', '全部', t.count, t.amountFen / 100, t.suningAmountFen / 100, t.diffFen / 100, t.missingSuning]);
    // Amounts are numbers with two decimals shown, as on the invoice sheet.
    expect(summary.getCell('D2').numFmt).toBe('0.00');
  });

  it('sums only the exported rows (the amount range filter narrows both sheets)', async () => {
    const wb = await sheets({ amountMinFen: 5000, amountMaxFen: 9999 });
    const summary = wb.getWorksheet('汇总');
    const main = wb.getWorksheet('发票对账');
    if (!summary || !main) throw new Error('sheets missing');
    expect(main.rowCount).toBe(1 + 2);
    expect(rowsOf(summary)[1]).toEqual(['合计', '全部', 2, 120, 0, 50, 1]);
  });

  it('keeps the CSV one clean table', async () => {
    const out = await call(core, 'export:invoices', { filter: {}, format: 'csv' });
    const lines = exportedFile(core, out).toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 6);
    expect(lines[0]?.split(',')).toHaveLength(PLANNED_INVOICE_COLUMNS.length);
    expect(lines.join('\n')).not.toContain('汇总');
  });
});
