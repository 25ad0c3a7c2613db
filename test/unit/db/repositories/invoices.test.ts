// Unit tests (Node, real SQLite file): invoices repository — idempotent upsert with diffs, edits, listing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { RECON_STATUSES, SUBMIT_STATES, type InvoiceRow } from '../../../../shared/domain/invoice';
import { SORT_FIELDS, type InvoiceFilter, type InvoiceSort } from '../../../../shared/api/schemas';
import { invoicesRepo, type InvoiceInput, type InvoicesRepo } from '../../../../electron/db/repositories/invoices';
import { suningRepo } from '../../../../electron/db/repositories/suning';
import { DEFAULT_CACHE_KIB } from '../../../../electron/db/open';
import { tempDb, type TempDb } from '../temp-db';

function rec(n: number, over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    invoiceNo: `F${String(n).padStart(5, '0')}`,
    orderNo: `${100000 + n}`,
    billType: '01',
    shop: '旗舰店',
    saleOrg: '10001',
    buyerTitle: '某某公司',
    amountFen: 1000 + n,
    taxAmountFen: null,
    invoiceDate: '2026-01-15',
    invoiceCode: '',
    invoiceNum: '',
    pdfUrl: '',
    targetStatus: 80,
    errorInfo: '',
    ...over,
  };
}

let t: TempDb;
let repo: InvoicesRepo;
beforeEach(() => {
  t = tempDb();
  repo = invoicesRepo(t.db);
});
afterEach(() => t.cleanup());

describe('upsertMany', () => {
  it('inserts new rows, leaves identical rows alone and reports field-level changes', () => {
    const first = repo.upsertMany([rec(1), rec(2), rec(3)], 'import:a.csv');
    expect(first).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, changes: [] });
    const before = repo.getByInvoiceNo('F00002');
    expect(before).toMatchObject({ amountFen: 1002, source: 'import:a.csv', reconStatus: 'not_queried', submitState: 'not_submitted' });

    const again = repo.upsertMany([rec(1), rec(2), rec(3)], 'import:b.csv');
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, changes: [] });
    expect(repo.getByInvoiceNo('F00002')?.updatedAt).toBe(before?.updatedAt);
    expect(repo.getByInvoiceNo('F00002')?.source).toBe('import:a.csv');

    const changed = repo.upsertMany([rec(1), rec(2, { amountFen: 9900, invoiceNum: '00012345', invoiceDate: null }), rec(4)], 'import:c.csv');
    expect(changed).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
    expect(changed.changes).toEqual([{
      invoiceNo: 'F00002',
      fields: [
        { field: 'amountFen', before: '10.02', after: '99.00' },
        { field: 'invoiceDate', before: '2026-01-15', after: '' },
        { field: 'invoiceNum', before: '', after: '00012345' },
      ],
    }]);
    const after = repo.getByInvoiceNo('F00002');
    expect(after).toMatchObject({ amountFen: 9900, invoiceNum: '00012345', invoiceDate: null, source: 'import:c.csv' });
    expect(after && before && after.updatedAt >= before.updatedAt).toBe(true);
  });

  // A first import skips looking up Suning answers when none are stored; once some are, new rows must see them.
  it.each([3, 6000])('derives new rows\' statuses from Suning answers stored before them (%s rows)', (n) => {
    const suning = suningRepo(t.db);
    repo.upsertMany([rec(0, { orderNo: 'A' })], 'seed');
    expect(repo.getByInvoiceNo('F00000')?.reconStatus).toBe('not_queried');
    suning.logQuery({ orderNo: `${100000 + 1}`, billType: '01', outcome: 'no_result', invoices: 0, at: '2026-01-03T00:00:00.000Z' });
    repo.upsertMany(Array.from({ length: n }, (_, i) => rec(i + 1)), 'later');
    expect(repo.getByInvoiceNo('F00001')).toMatchObject({ reconStatus: 'not_issued', queriedAt: '2026-01-03T00:00:00.000Z' });
    expect(repo.getByInvoiceNo('F00002')).toMatchObject({ reconStatus: 'not_queried', queriedAt: null });
  });

  it('refuses a batch naming one invoice number twice, writing nothing', () => {
    expect(() => repo.upsertMany([rec(1), rec(2), rec(1, { amountFen: 5 })], 'x')).toThrow(AppError);
    expect(repo.count({})).toBe(0);
  });

  it('bulk-inserts past the index-rebuild threshold and keeps every index', () => {
    const indexesBefore = t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invoices' ORDER BY name").pluck().all();
    const r = repo.upsertMany(Array.from({ length: 6000 }, (_, i) => rec(i)), 'bulk');
    expect(r.inserted).toBe(6000);
    expect(new Set(r.touchedIds).size).toBe(6000);
    const indexesAfter = t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invoices' ORDER BY name").pluck().all();
    expect(indexesAfter).toEqual(indexesBefore);
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(repo.getByInvoiceNo('F05999')?.amountFen).toBe(6999);
    // The rebuild's larger page cache is given back (an export reading the whole table would fill it).
    expect(t.db.pragma('cache_size', { simple: true })).toBe(-DEFAULT_CACHE_KIB);
    // So is the in-memory temporary storage the rebuild switched away from.
    expect(t.db.pragma('temp_store', { simple: true })).toBe(2);
  });
});

describe('update', () => {
  it('changes only what differs and moves updated_at only then', () => {
    repo.upsertMany([rec(1)], 'x');
    const row = repo.getByInvoiceNo('F00001');
    if (!row) throw new Error('missing row');
    const same = repo.update(row.id, { invoiceNum: '' });
    expect(same.fields).toEqual([]);
    expect(same.row.updatedAt).toBe(row.updatedAt);
    const changed = repo.update(row.id, { invoiceNum: '12345678', invoiceCode: '032001700211', targetStatus: 75 });
    expect(changed.fields.map((f) => f.field)).toEqual(['invoiceCode', 'invoiceNum', 'targetStatus']);
    expect(changed.row).toMatchObject({ invoiceNum: '12345678', invoiceCode: '032001700211', targetStatus: 75 });
  });

  it('reports a missing invoice as not_found', () => {
    expect(() => repo.update(42, { invoiceNum: '1' })).toThrow(expect.objectContaining({ code: 'not_found' }) as Error);
  });
});

describe('list / counts / selection', () => {
  const N = 600;
  // Deterministic pseudo-random data with many ties, so the id tiebreak matters.
  let seed = 7;
  const rnd = (k: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed >>> 12) % k;
  };

  beforeEach(() => {
    seed = 7;
    const rows = Array.from({ length: N }, (_, i) => rec(i, {
      orderNo: `${900 + rnd(300)}`,
      shop: ['旗舰店', '专营店', 'Shop C', ''][rnd(4)] ?? '',
      buyerTitle: ['甲公司', '乙公司', 'ACME', ''][rnd(4)] ?? '',
      amountFen: rnd(20) * 100 - 300,
      invoiceDate: rnd(10) === 0 ? null : `2026-0${1 + rnd(3)}-1${rnd(10)}`,
      invoiceNum: rnd(2) === 0 ? '' : String(rnd(50)).padStart(8, '0'),
      invoiceCode: rnd(3) === 0 ? '' : '03200170021' + String(rnd(3)),
    }));
    repo.upsertMany(rows, 'seed');
    const upd = t.db.prepare('UPDATE invoices SET recon_status = ?, submit_state = ? WHERE id = ?');
    // Skewed statuses: some common, some rare; set directly (the listing only reads the columns).
    for (let id = 1; id <= N; id++) {
      upd.run(RECON_STATUSES[rnd(4) === 0 ? rnd(RECON_STATUSES.length) : rnd(3)], SUBMIT_STATES[rnd(3) === 0 ? rnd(SUBMIT_STATES.length) : 0], id);
    }
    // 苏宁金额 (set directly too): none for a third, equal for a third, off by a few yuan either way otherwise,
    // so the 差额 sorts and filters meet unknown, zero, positive and negative differences and ties.
    const sn = t.db.prepare('UPDATE invoices SET suning_amount_fen = amount_fen + ? WHERE id = ?');
    for (let id = 1; id <= N; id++) {
      const k = rnd(3);
      if (k === 1) sn.run(0, id);
      else if (k === 2) sn.run((rnd(7) - 3) * 100, id);
    }
  });

  function all(): InvoiceRow[] {
    return t.db.prepare('SELECT id FROM invoices ORDER BY id').pluck().all().map((id) => {
      const r = repo.getById(id as number);
      if (!r) throw new Error('row vanished');
      return r;
    });
  }

  function matches(r: InvoiceRow, f: InvoiceFilter): boolean {
    if (f.reconStatus?.length && !f.reconStatus.includes(r.reconStatus)) return false;
    if (f.submitState?.length && !f.submitState.includes(r.submitState)) return false;
    if (f.dateFrom && (r.invoiceDate === null || r.invoiceDate < f.dateFrom)) return false;
    if (f.dateTo && (r.invoiceDate === null || r.invoiceDate > f.dateTo)) return false;
    if (f.shop && r.shop !== f.shop) return false;
    if (f.search && ![r.orderNo, r.invoiceNo, r.invoiceNum].some((v) => v.startsWith(f.search ?? ''))) return false;
    if (f.amountMinFen !== undefined && r.amountFen < f.amountMinFen) return false;
    if (f.amountMaxFen !== undefined && r.amountFen > f.amountMaxFen) return false;
    const diff = r.suningAmountFen === null ? null : r.amountFen - r.suningAmountFen;
    if (f.amountDiff === 'unknown' && diff !== null) return false;
    if (f.amountDiff === 'zero' && diff !== 0) return false;
    if (f.amountDiff === 'nonzero' && (diff === null || diff === 0)) return false;
    if (f.diffMinFen !== undefined && (diff === null || diff < f.diffMinFen)) return false;
    if (f.diffMaxFen !== undefined && (diff === null || diff > f.diffMaxFen)) return false;
    return true;
  }

  function key(r: InvoiceRow, sort: InvoiceSort): string | number {
    if (sort.field === 'amountDiff') {
      // Rows without a Suning amount come last whichever the direction.
      if (r.suningAmountFen === null) return sort.dir === 'asc' ? Infinity : -Infinity;
      return r.amountFen - r.suningAmountFen;
    }
    const v = r[sort.field];
    return v === null ? '' : v;
  }

  function expected(f: InvoiceFilter, sort: InvoiceSort): number[] {
    const sign = sort.dir === 'asc' ? 1 : -1;
    const enc = (v: string | number): string | number => (typeof v === 'string' ? Buffer.from(v, 'utf8').toString('hex') : v);
    return all().filter((r) => matches(r, f)).sort((a, b) => {
      const x = enc(key(a, sort));
      const y = enc(key(b, sort));
      if (x < y) return -sign;
      if (x > y) return sign;
      return (a.id - b.id) * sign;
    }).map((r) => r.id);
  }

  function walk(f: InvoiceFilter, sort: InvoiceSort, limit: number): { ids: number[]; totals: Set<number> } {
    const ids: number[] = [];
    const totals = new Set<number>();
    let cursor: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const p = repo.list(f, sort, limit, cursor);
      totals.add(p.total);
      ids.push(...p.rows.map((r) => r.id));
      expect(p.rows.length).toBeLessThanOrEqual(limit);
      if (!p.nextCursor) return { ids, totals };
      cursor = p.nextCursor;
    }
    throw new Error('pagination did not end');
  }

  const filters: [string, InvoiceFilter][] = [
    ['none', {}],
    ['one common status', { reconStatus: ['not_queried'] }],
    ['rare statuses', { reconStatus: ['split', 'red_without_blue', 'query_failed'] }],
    ['submit state', { submitState: ['not_submitted'] }],
    ['date range', { dateFrom: '2026-02-01', dateTo: '2026-02-28' }],
    ['date to only', { dateTo: '2026-01-15' }],
    ['shop', { shop: '专营店' }],
    ['search prefix', { search: '91' }],
    ['search exact invoice number', { search: 'F00042' }],
    ['everything', { reconStatus: ['not_queried', 'not_issued'], submitState: ['not_submitted'], dateFrom: '2026-01-01', shop: '旗舰店', search: '9' }],
    // Planned per searched column: a stretch of invoice numbers, numbers found in two columns, with other filters.
    ['search prefix of invoice numbers', { search: 'F003' }],
    ['search matching two columns', { search: '00' }],
    ['search with status and date', { search: 'F00', reconStatus: ['not_queried', 'matched'], dateFrom: '2026-02-01' }],
    ['date range and shop', { dateFrom: '2026-01-10', dateTo: '2026-02-15', shop: '旗舰店' }],
    // Amount range (inclusive bounds on values that occur: amounts are whole yuan from -3 to 16) and the 差额.
    ['amount range', { amountMinFen: -100, amountMaxFen: 500 }],
    ['amount from only, with status', { amountMinFen: 1200, reconStatus: ['not_queried', 'matched'] }],
    ['has a difference', { amountDiff: 'nonzero' }],
    ['no difference', { amountDiff: 'zero' }],
    ['no Suning amount', { amountDiff: 'unknown' }],
    ['difference range', { diffMinFen: -200, diffMaxFen: 100 }],
    ['difference and amount with shop', { diffMinFen: 100, amountMaxFen: 1000, shop: '旗舰店' }],
  ];

  // Default budget (index walks), a small one (walks that give up and fall back), none (always sort matches).
  for (const [name, f] of filters) {
    it.each([undefined, 60, 0])(`walks every page exactly once, in order, for filter "${name}" and every sort (walk budget %s)`, (budget) => {
      repo = invoicesRepo(t.db, { walkBudget: budget });
      for (const field of SORT_FIELDS) {
        for (const dir of ['asc', 'desc'] as const) {
          const sort = { field, dir };
          const want = expected(f, sort);
          const got = walk(f, sort, 37);
          expect(got.ids, `${name} ${field} ${dir}`).toEqual(want);
          expect([...got.totals]).toEqual([want.length]);
        }
      }
    });
  }

  // The default probe exceeds these 600 rows (every count takes "the table minus the other values"); 10 only
  // when nearly all rows match; 0 never.
  it.each([undefined, 10, 0])('counts status filters exactly whichever side it counts (probe %s)', (probe) => {
    // A value outside the known set, sorting between and after them, must still be counted on the right side.
    t.db.prepare("UPDATE invoices SET submit_state = 'legacy', recon_status = 'zz_legacy' WHERE id IN (3, 5)").run();
    repo = invoicesRepo(t.db, { countProbe: probe });
    const rows = t.db.prepare('SELECT recon_status AS r, submit_state AS s FROM invoices').all() as { r: string; s: string }[];
    const cases: InvoiceFilter[] = [
      ...RECON_STATUSES.map((s) => ({ reconStatus: [s] })),
      ...SUBMIT_STATES.map((s) => ({ submitState: [s] })),
      { reconStatus: ['not_queried', 'matched', 'not_queried'] },
      { reconStatus: [...RECON_STATUSES] },
      { submitState: ['not_submitted', 'accepted'] },
    ];
    const within = (values: readonly string[] | undefined, v: string): boolean => values === undefined || values.includes(v);
    for (const f of cases) {
      const want = rows.filter((x) => within(f.reconStatus, x.r) && within(f.submitState, x.s)).length;
      expect(repo.count(f), JSON.stringify(f)).toBe(want);
    }
    expect(rows.filter((x) => x.s === 'not_submitted').length).toBeGreaterThan(10);
  });

  it('finds the expected non-empty sets (so the walks above test something)', () => {
    for (const [, f] of filters) expect(expected(f, { field: 'invoiceNo', dir: 'asc' }).length).toBeGreaterThan(0);
  });

  it('counts per status for the date/shop/search filter', () => {
    const c = repo.counts({ shop: '旗舰店' });
    const rows = all().filter((r) => r.shop === '旗舰店');
    expect(c.total).toBe(rows.length);
    for (const s of RECON_STATUSES) expect(c.byRecon[s]).toBe(rows.filter((r) => r.reconStatus === s).length);
    for (const s of SUBMIT_STATES) expect(c.bySubmit[s]).toBe(rows.filter((r) => r.submitState === s).length);
    expect(c.shops).toEqual(['Shop C', '专营店', '旗舰店']);
  });

  it('refuses a cursor made for another sort', () => {
    const p = repo.list({}, { field: 'amountFen', dir: 'asc' }, 10);
    expect(p.nextCursor).not.toBeNull();
    expect(() => repo.list({}, { field: 'shop', dir: 'asc' }, 10, p.nextCursor)).toThrow(expect.objectContaining({ code: 'validation' }) as Error);
    expect(() => repo.list({}, { field: 'shop', dir: 'asc' }, 10, 'not-a-cursor')).toThrow(expect.objectContaining({ code: 'validation' }) as Error);
  });

  it('selects ids by filter or by list, ascending, skipping unknown ids', () => {
    const f: InvoiceFilter = { reconStatus: ['not_queried'] };
    expect(repo.idsForSelection({ kind: 'filter', filter: f })).toEqual(expected(f, { field: 'invoiceNo', dir: 'asc' }).sort((a, b) => a - b));
    expect(repo.idsForSelection({ kind: 'ids', ids: [5, 3, 99999] })).toEqual([3, 5]);
  });

  it('iterates an export in bounded batches, in order', () => {
    const f: InvoiceFilter = { dateFrom: '2026-01-01' };
    const sort: InvoiceSort = { field: 'amountFen', dir: 'desc' };
    const batches = [...repo.iterate(f, sort, 50)];
    expect(batches.every((b) => b.length <= 50)).toBe(true);
    expect(batches.flat().map((r) => r.id)).toEqual(expected(f, sort));
  });
});
