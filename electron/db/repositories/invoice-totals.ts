// Main process. Money totals of a filter or a selection (invoices:totals, the table's footer, the selection bar):
// count, 金额, 苏宁金额 and 差额, integer fen, summed by SQLite.
//
// 苏宁金额 is suning_amount_fen as the table shows it (db/derived.ts: the one valid blue's amount, a split
// order's valid blues summed, 0 for a reversed one); rows without one (not queried, not issued, query failed)
// are counted apart and left out of both 苏宁金额 and 差额, so the difference compares like with like.
import type { InvoiceFilter, InvoiceTotals, Selection } from '../../../shared/api/schemas';
import { AppError } from '../../../shared/errors';
import type { Db } from '../open';
import { filterWhere } from './invoice-query';
import type { SqlParam } from './invoice-fields';

interface SumsRow {
  readonly n: number;
  readonly a: number | null;
  readonly s: number | null;
  readonly k: number;
  readonly d: number | null;
}

/** SUM of no rows is NULL; COUNT of the Suning column counts the rows that have one. */
const SUMS = `COUNT(*) AS n, SUM(amount_fen) AS a, SUM(suning_amount_fen) AS s, COUNT(suning_amount_fen) AS k,
  SUM(amount_fen - suning_amount_fen) AS d`;

/**
 * Above this share of the table a filter's matches are summed by one pass over invoices_money (migration 008),
 * or over the table when the filter names a column that index lacks (the search): fetching each match through
 * another index costs a random read per row (a date range over 60% of 100,000 rows took 150 ms that way, the
 * pass over invoices_money 5–10 ms, over the table 30–50 ms).
 */
// 1/50: 有差额 matched 11% of the bench store and took 40–50 ms through invoices_diff_asc, 9 ms from invoices_money.
const SCAN_SHARE = 1 / 50;

/** Columns invoices_money holds (diff_asc is computed from two of them). */
const MONEY_INDEX_COLUMNS = new Set(['recon_status', 'amount_fen', 'suning_amount_fen', 'submit_state', 'shop', 'invoice_date', 'query_failed_at', 'diff_asc']);

function totalsOf(r: SumsRow): InvoiceTotals {
  const out = { count: r.n, amountFen: r.a ?? 0, suningAmountFen: r.s ?? 0, withSuning: r.k, missingSuning: r.n - r.k, diffFen: r.d ?? 0 };
  // Amounts are safe integers, but a sum of many need not be; a rounded total must never be shown as exact.
  for (const [k, v] of Object.entries(out)) {
    if (!Number.isSafeInteger(v)) {
      throw new AppError('validation', { zh: `合计超出可精确计算的范围（${k}）`, en: `The total is too large to compute exactly (${k})` }, { field: k });
    }
  }
  return out;
}

export function invoiceTotals(db: Db) {
  const countAll = db.prepare('SELECT COUNT(*) FROM invoices').pluck();
  const all = db.prepare(`SELECT ${SUMS} FROM invoices`);
  const byIds = db.prepare(`SELECT ${SUMS} FROM invoices WHERE id IN (SELECT value FROM json_each(?))`);

  function sums(sql: string, params: readonly SqlParam[]): SumsRow {
    return db.prepare(sql).get(...params) as SumsRow;
  }

  function forFilter(filter: InvoiceFilter): InvoiceTotals {
    const w = filterWhere(filter);
    // The whole store, or status filters only: a scan or a range of invoices_money, which SQLite picks itself.
    if (w.sql === '') return totalsOf(all.get() as SumsRow);
    if (w.clauses.every((c) => c.col === 'recon_status')) return totalsOf(sums(`SELECT ${SUMS} FROM invoices ${w.sql}`, w.params));
    const n = db.prepare(`SELECT COUNT(*) FROM invoices ${w.sql}`).pluck().get(...w.params) as number;
    if (n === 0) return totalsOf({ n: 0, a: null, s: null, k: 0, d: null });
    const covered = w.clauses.every((c) => c.col !== null && MONEY_INDEX_COLUMNS.has(c.col));
    const scan = n <= (countAll.get() as number) * SCAN_SHARE ? '' : covered ? 'INDEXED BY invoices_money' : 'NOT INDEXED';
    return totalsOf(sums(`SELECT ${SUMS} FROM invoices ${scan} ${w.sql}`, w.params));
  }

  /** Totals of what a selection names; ids that do not exist are not counted. */
  function totals(selection: Selection): InvoiceTotals {
    switch (selection.kind) {
      case 'ids': return totalsOf(byIds.get(JSON.stringify(selection.ids)) as SumsRow);
      case 'filter': return forFilter(selection.filter);
      default: {
        const never: never = selection;
        throw new Error(`unknown selection ${String(never)}`);
      }
    }
  }

  return { totals };
}
