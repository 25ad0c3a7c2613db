// Unit tests (Node, real SQLite file): the 概览 aggregates — sums per status, shop and day in integer fen, and
// every to-do figure equal to the total the reconcile table shows for that to-do's filter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECON_STATUSES, SUBMIT_STATES, type ReconStatus, type SubmitState } from '../../../../shared/domain/invoice';
import { OVERVIEW_MAX_SHOPS, overviewOutput } from '../../../../shared/api/overview';
import { invoicesRepo, type InvoiceInput, type InvoicesRepo } from '../../../../electron/db/repositories/invoices';
import { overviewRepo } from '../../../../electron/db/repositories/overview';
import { tempDb, type TempDb } from '../temp-db';

function rec(n: number, over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    invoiceNo: `F${String(n).padStart(5, '0')}`, orderNo: `${100000 + n}`, billType: '01', shop: '旗舰店', saleOrg: '10001',
    buyerTitle: '某某公司', amountFen: 1000 + n, taxAmountFen: null, invoiceDate: '2026-01-15', invoiceCode: '', invoiceNum: '',
    pdfUrl: '', targetStatus: 80, errorInfo: '', ...over,
  };
}

let t: TempDb;
let invoices: InvoicesRepo;
beforeEach(() => {
  t = tempDb();
  invoices = invoicesRepo(t.db);
});
afterEach(() => t.cleanup());

/** Sets the derived columns directly: these tests are about the sums, not about how a status is derived. */
function setDerived(invoiceNo: string, recon: ReconStatus, submit: SubmitState, queryFailed = false): void {
  t.db.prepare('UPDATE invoices SET recon_status = ?, submit_state = ?, query_failed_at = ? WHERE invoice_no = ?')
    .run(recon, submit, queryFailed ? '2026-01-16T01:00:00.000Z' : null, invoiceNo);
}

describe('overview', () => {
  it('is all zeros, every status listed, on an empty store', () => {
    const o = overviewOutput.parse(overviewRepo(t.db).get());
    expect(o.total).toEqual({ count: 0, amountFen: 0 });
    expect(o.byRecon.map((g) => g.reconStatus)).toEqual([...RECON_STATUSES]);
    expect(o.bySubmit.map((g) => g.submitState)).toEqual([...SUBMIT_STATES]);
    expect(o.byShop).toEqual([]);
    expect(o.byDay).toEqual([]);
    expect(o.todo.every((x) => x.count === 0 && x.amountFen === 0)).toBe(true);
  });

  it('sums counts and fen per status, shop and day, days oldest first, undated apart', () => {
    invoices.upsertMany([
      rec(1, { amountFen: 10_001, shop: 'A店', invoiceDate: '2026-01-02' }),
      rec(2, { amountFen: -2_50, shop: 'A店', invoiceDate: '2026-01-01' }),
      rec(3, { amountFen: 99_999_999_99, shop: 'B店', invoiceDate: null }),
      rec(4, { amountFen: 1, shop: 'B店', invoiceDate: '2026-01-02' }),
      rec(5, { amountFen: 7, shop: 'A店', invoiceDate: '2026-01-02' }),
    ], 'test');
    setDerived('F00001', 'matched', 'accepted');
    setDerived('F00002', 'matched', 'rejected');
    setDerived('F00003', 'amount_mismatch', 'not_submitted');
    setDerived('F00004', 'query_failed', 'not_submitted', true);
    const o = overviewOutput.parse(overviewRepo(t.db).get());
    expect(o.total).toEqual({ count: 5, amountFen: 10_001 - 250 + 99_999_999_99 + 1 + 7 });
    const recon = Object.fromEntries(o.byRecon.map((g) => [g.reconStatus, [g.count, g.amountFen]]));
    expect(recon).toMatchObject({ matched: [2, 9_751], amount_mismatch: [1, 99_999_999_99], query_failed: [1, 1], not_queried: [1, 7], fillable: [0, 0] });
    const submit = Object.fromEntries(o.bySubmit.map((g) => [g.submitState, [g.count, g.amountFen]]));
    expect(submit).toMatchObject({ accepted: [1, 10_001], rejected: [1, -250], not_submitted: [3, 99_999_999_99 + 8], unknown: [0, 0] });
    expect(o.byShop).toEqual([
      { shop: 'A店', count: 3, amountFen: 10_001 - 250 + 7 },
      { shop: 'B店', count: 2, amountFen: 99_999_999_99 + 1 },
    ]);
    expect(o.byDay).toEqual([
      { date: '2026-01-01', count: 1, amountFen: -250 },
      { date: '2026-01-02', count: 3, amountFen: 10_009 },
    ]);
    expect(o.noDate).toEqual({ count: 1, amountFen: 99_999_999_99 });
    expect(o.olderDays).toEqual({ count: 0, amountFen: 0, days: 0 });
  });

  it('counts each to-do exactly as the table counts its filter', () => {
    const recs: InvoiceInput[] = [];
    for (let i = 0; i < 300; i++) recs.push(rec(i, { amountFen: 100 * i + 3, shop: `店${i % 3}`, invoiceDate: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}` }));
    invoices.upsertMany(recs, 'test');
    recs.forEach((r, i) => setDerived(r.invoiceNo, RECON_STATUSES[i % RECON_STATUSES.length] as ReconStatus, SUBMIT_STATES[(i * 3) % SUBMIT_STATES.length] as SubmitState, i % 13 === 0));
    const o = overviewRepo(t.db).get();
    expect(o.todo.map((x) => x.key)).toEqual(['to_query', 'query_failed', 'to_submit', 'needs_clerk', 'never_80', 'submit_failed']);
    for (const item of o.todo) {
      expect(item.count, item.key).toBe(invoices.count(item.filter));
      let fen = 0;
      for (const rows of invoices.iterate(item.filter, { field: 'invoiceNo', dir: 'asc' })) for (const r of rows) fen += r.amountFen;
      expect(item.amountFen, item.key).toBe(fen);
      expect(item.count, item.key).toBeGreaterThan(0);
    }
    // Days and shops add up to the whole store, and each day's figure is that day's filter.
    expect(o.byDay.reduce((n, d) => n + d.count, 0) + o.noDate.count).toBe(300);
    for (const d of o.byDay.slice(0, 3)) expect(d.count).toBe(invoices.count({ dateFrom: d.date, dateTo: d.date }));
    for (const s of o.byShop) expect(s.count).toBe(invoices.count({ shop: s.shop }));
  });

  it('shows the biggest shops one by one and sums up the rest', () => {
    const recs: InvoiceInput[] = [];
    let n = 0;
    for (let s = 0; s < OVERVIEW_MAX_SHOPS + 3; s++) for (let k = 0; k <= s; k++) recs.push(rec(n++, { shop: `S${String(s).padStart(2, '0')}`, amountFen: 10 }));
    invoices.upsertMany(recs, 'test');
    const o = overviewRepo(t.db).get();
    expect(o.byShop).toHaveLength(OVERVIEW_MAX_SHOPS);
    expect(o.byShop[0]).toEqual({ shop: `S${OVERVIEW_MAX_SHOPS + 2}`, count: OVERVIEW_MAX_SHOPS + 3, amountFen: (OVERVIEW_MAX_SHOPS + 3) * 10 });
    expect(o.otherShops).toEqual({ shops: 3, count: 1 + 2 + 3, amountFen: 60 });
  });
});
