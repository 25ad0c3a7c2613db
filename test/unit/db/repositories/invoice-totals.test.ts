// Unit tests (Node, real SQLite file): money totals of a filter or selection (electron/db/repositories/invoice-totals.ts).
// The Suning answers go through the real suning repository, so 苏宁金额 is derived as the table shows it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { SuningInvoice } from '../../../../shared/domain/invoice';
import { invoiceFilterSchema, type InvoiceFilter } from '../../../../shared/api/schemas';
import { invoicesRepo, type InvoiceInput, type InvoicesRepo } from '../../../../electron/db/repositories/invoices';
import { suningRepo } from '../../../../electron/db/repositories/suning';
import { tempDb, type TempDb } from '../temp-db';

const CODE = '032001700211';

function rec(n: number, over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    invoiceNo: `F${n}`, orderNo: `O${n}`, billType: '01', shop: '旗舰店', saleOrg: '10001', buyerTitle: '某某公司',
    amountFen: 10000, taxAmountFen: null, invoiceDate: '2026-01-15', invoiceCode: '', invoiceNum: '', pdfUrl: '',
    targetStatus: 80, errorInfo: '', ...over,
  };
}

function inv(orderNo: string, over: Partial<SuningInvoice>): SuningInvoice {
  return {
    orderNo, orderItemId: '1', saleOrg: '10001', saleTaxNo: '', invoiceFlag: '04', invoiceType: 1, invoiceCode: CODE,
    invoiceNum: '88093702', amountFen: 10000, noTaxAmountFen: null, invoiceDate: '2026-01-15', securityCode: '',
    oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '', logisticsComp: '', invoiceStatus: '2', pdfUrl: '', ...over,
  };
}
const blue = (o: string, num: string, amountFen: number) => inv(o, { invoiceNum: num, amountFen });
const red = (o: string, num: string, oldNum: string, amountFen: number) =>
  inv(o, { invoiceType: -1, invoiceNum: num, oldInvoiceNum: oldNum, oldInvoiceCode: CODE, amountFen });

let t: TempDb;
let repo: InvoicesRepo;
beforeEach(() => {
  t = tempDb();
  repo = invoicesRepo(t.db);
  const suning = suningRepo(t.db);
  repo.upsertMany([
    rec(1, { amountFen: 10000 }), // one blue of 100.00: no difference
    rec(2, { amountFen: 10000 }), // one blue of 99.50: +0.50
    rec(3, { amountFen: 10000, shop: '专营店' }), // split 60 + 30: 苏宁金额 90.00, +10.00
    rec(4, { amountFen: 5000, shop: '专营店' }), // blue reversed by its red: 苏宁金额 0, +50.00
    rec(5, { amountFen: 7000 }), // never queried: no Suning amount
    rec(6, { amountFen: 12345, shop: '专营店' }), // no result: no Suning amount
    rec(7, { amountFen: 8000 }), // one blue of 81.00: −1.00
  ], 'seed');
  const found = (o: string, list: SuningInvoice[]) => {
    suning.replaceForOrder(o, list, {});
    suning.logQuery({ orderNo: o, billType: '01', outcome: 'found', invoices: list.length });
  };
  found('O1', [blue('O1', '10000001', 10000)]);
  found('O2', [blue('O2', '10000002', 9950)]);
  found('O3', [blue('O3', '10000003', 6000), blue('O3', '10000004', 3000)]);
  found('O4', [blue('O4', '10000005', 5000), red('O4', '10000006', '10000005', -5000)]);
  suning.logQuery({ orderNo: 'O6', billType: '01', outcome: 'no_result', invoices: 0 });
  found('O7', [blue('O7', '10000007', 8100)]);
});
afterEach(() => t.cleanup());

const idOf = (no: string): number => {
  const r = repo.getByInvoiceNo(no);
  if (!r) throw new Error(`no ${no}`);
  return r.id;
};

describe('invoice totals', () => {
  it('derives 苏宁金额 for split and reversed orders as the table shows it (the fixture is what it says)', () => {
    expect(repo.getByInvoiceNo('F3')).toMatchObject({ reconStatus: 'split', suningAmountFen: 9000 });
    expect(repo.getByInvoiceNo('F4')).toMatchObject({ reconStatus: 'reversed', suningAmountFen: 0 });
    expect(repo.getByInvoiceNo('F5')).toMatchObject({ reconStatus: 'not_queried', suningAmountFen: null });
    expect(repo.getByInvoiceNo('F6')).toMatchObject({ reconStatus: 'not_issued', suningAmountFen: null });
  });

  it('sums the whole store: 差额 only over rows with a Suning amount, the others counted apart', () => {
    expect(repo.totals({ kind: 'filter', filter: {} })).toEqual({
      count: 7,
      amountFen: 10000 + 10000 + 10000 + 5000 + 7000 + 12345 + 8000,
      suningAmountFen: 10000 + 9950 + 9000 + 0 + 8100,
      withSuning: 5,
      missingSuning: 2,
      diffFen: 0 + 50 + 1000 + 5000 - 100,
    });
  });

  it('sums a selection of ids (ids that do not exist are not counted)', () => {
    expect(repo.totals({ kind: 'ids', ids: [idOf('F3'), idOf('F4'), idOf('F5'), 9999] })).toEqual({
      count: 3, amountFen: 22000, suningAmountFen: 9000, withSuning: 2, missingSuning: 1, diffFen: 6000,
    });
  });

  it('sums status filters (read from the covering index) and other filters alike', () => {
    expect(repo.totals({ kind: 'filter', filter: { reconStatus: ['split', 'reversed'] } })).toMatchObject({ count: 2, amountFen: 15000, suningAmountFen: 9000, diffFen: 6000, missingSuning: 0 });
    expect(repo.totals({ kind: 'filter', filter: { shop: '专营店' } })).toMatchObject({ count: 3, amountFen: 27345, suningAmountFen: 9000, withSuning: 2, missingSuning: 1, diffFen: 6000 });
    expect(repo.totals({ kind: 'filter', filter: { amountDiff: 'unknown' } })).toMatchObject({ count: 2, amountFen: 19345, suningAmountFen: 0, withSuning: 0, missingSuning: 2, diffFen: 0 });
    expect(repo.totals({ kind: 'filter', filter: { amountDiff: 'nonzero' } })).toMatchObject({ count: 4, diffFen: 5950 });
    expect(repo.totals({ kind: 'filter', filter: { amountDiff: 'zero' } })).toMatchObject({ count: 1, amountFen: 10000 });
  });

  it('sums alike whichever way it reads: a narrow filter by its own index, a wide one from invoices_money, a search from the table', () => {
    // 200 more invoices with no Suning amount, in a third shop: shop 专营店 is now narrow (3 of 207, under 1/50), 新店 wide.
    repo.upsertMany(Array.from({ length: 200 }, (_, i) => rec(100 + i, { amountFen: 100 * (i + 1), shop: '新店' })), 'more');
    const rows = repo.list({}, { field: 'invoiceNo', dir: 'asc' }, 500).rows;
    const want = (keep: (r: (typeof rows)[number]) => boolean) => {
      const m = rows.filter(keep);
      const known = m.filter((r) => r.suningAmountFen !== null);
      return {
        count: m.length, amountFen: m.reduce((a, r) => a + r.amountFen, 0), suningAmountFen: known.reduce((a, r) => a + (r.suningAmountFen ?? 0), 0),
        withSuning: known.length, missingSuning: m.length - known.length, diffFen: known.reduce((a, r) => a + r.amountFen - (r.suningAmountFen ?? 0), 0),
      };
    };
    expect(repo.totals({ kind: 'filter', filter: { shop: '专营店' } })).toEqual(want((r) => r.shop === '专营店'));
    expect(repo.totals({ kind: 'filter', filter: { shop: '新店', amountMinFen: 1000 } })).toEqual(want((r) => r.shop === '新店' && r.amountFen >= 1000));
    expect(repo.totals({ kind: 'filter', filter: { search: 'F1' } })).toEqual(want((r) => r.invoiceNo.startsWith('F1') || r.orderNo.startsWith('F1')));
    expect(repo.totals({ kind: 'filter', filter: { dateFrom: '2026-01-01', amountDiff: 'nonzero' } })).toEqual(want((r) => r.suningAmountFen !== null && r.amountFen !== r.suningAmountFen));
  });

  it('answers zeros for a filter nothing matches', () => {
    expect(repo.totals({ kind: 'filter', filter: { search: 'nothing' } })).toEqual({ count: 0, amountFen: 0, suningAmountFen: 0, withSuning: 0, missingSuning: 0, diffFen: 0 });
  });

  it('takes both bounds of the amount range inclusively', () => {
    const nos = (f: InvoiceFilter) => repo.list(f, { field: 'invoiceNo', dir: 'asc' }, 100).rows.map((r) => r.invoiceNo);
    expect(nos({ amountMinFen: 8000, amountMaxFen: 10000 })).toEqual(['F1', 'F2', 'F3', 'F7']);
    expect(nos({ amountMinFen: 12345 })).toEqual(['F6']);
    expect(nos({ amountMaxFen: 5000 })).toEqual(['F4']);
    expect(nos({ amountMinFen: 8001, amountMaxFen: 9999 })).toEqual([]);
    expect(repo.totals({ kind: 'filter', filter: { amountMinFen: 8000, amountMaxFen: 10000 } })).toMatchObject({ count: 4, amountFen: 38000 });
  });

  it('takes both bounds of the 差额 range inclusively and never takes in a row without a Suning amount', () => {
    const nos = (f: InvoiceFilter) => repo.list(f, { field: 'invoiceNo', dir: 'asc' }, 100).rows.map((r) => r.invoiceNo);
    expect(nos({ diffMinFen: -100, diffMaxFen: 50 })).toEqual(['F1', 'F2', 'F7']);
    expect(nos({ diffMinFen: 1000 })).toEqual(['F3', 'F4']);
    expect(nos({ diffMaxFen: 0 })).toEqual(['F1', 'F7']);
  });

  it('sorts by 差额 with the rows without a Suning amount last in both directions, page by page', () => {
    const walk = (dir: 'asc' | 'desc') => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const p = repo.list({}, { field: 'amountDiff', dir }, 2, cursor);
        out.push(...p.rows.map((r) => r.invoiceNo));
        cursor = p.nextCursor;
      } while (cursor);
      return out;
    };
    expect(walk('asc')).toEqual(['F7', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6']);
    expect(walk('desc')).toEqual(['F4', 'F3', 'F2', 'F1', 'F7', 'F6', 'F5']);
  });

  it('refuses a range whose upper bound is below its lower one, naming the field, in zh and en', () => {
    for (const [filter, field, zh, en] of [
      [{ amountMinFen: 10000, amountMaxFen: 9999 }, 'amountMaxFen', '金额上限 99.99 元低于下限 100.00 元', 'highest amount (99.99 yuan) is below the lowest (100.00 yuan)'],
      [{ diffMinFen: 1, diffMaxFen: -1 }, 'diffMaxFen', '差额上限 -0.01 元低于下限 0.01 元', 'highest difference (-0.01 yuan) is below the lowest (0.01 yuan)'],
    ] as const) {
      let error: unknown;
      try {
        repo.totals({ kind: 'filter', filter });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'validation', messageZh: zh, details: { field } });
      expect((error as AppError).messageEn).toContain(en);
      // The listing refuses the same filter the same way.
      expect(() => repo.list(filter, { field: 'invoiceNo', dir: 'asc' }, 10)).toThrow(AppError);
    }
  });

  it('the filter schema refuses fractions of fen and amounts beyond safe integers, zh and en', () => {
    const bad = invoiceFilterSchema.safeParse({ amountMinFen: 10.5, diffMaxFen: 2 ** 60 });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('金额下限须为整数分 / The lowest amount must be a whole number of fen');
    expect(messages).toContain('差额上限超出可处理范围 / The highest difference is out of range');
    expect(invoiceFilterSchema.safeParse({ amountDiff: 'maybe' }).success).toBe(false);
  });
});
