// Main process. The 概览 page's aggregates (`overview:get`): one GROUP BY over (reconciliation status, submission
// state, shop, invoice date) read from its covering index, folded in JS into each chart, plus the query-failed flag.
// What is left to do is summed from the status groups in JS, so each figure is exactly the count of the table
// filter it names (the same columns the list filters on), never a second definition that could drift.
import {
  RECON_STATUSES, SUBMIT_STATES, type ReconStatus, type SubmitState,
} from '../../../shared/domain/invoice';
import type { InvoiceFilter } from '../../../shared/api/schemas';
import { OVERVIEW_MAX_DAYS, OVERVIEW_MAX_SHOPS, type Overview, type OverviewTodo } from '../../../shared/api/overview';
import type { Db } from '../open';

interface GroupRow {
  readonly r: string;
  readonly s: string;
  readonly shop: string;
  readonly d: string | null;
  readonly n: number;
  readonly fen: number;
}
interface Sum { count: number; amountFen: number }

/** Submission states in which an invoice still waits for something from the clerk (not accepted, not in the outbox). */
const OPEN_SUBMIT: readonly SubmitState[] = ['not_submitted', 'rejected', 'unknown', 'outdated'];

/**
 * What is left to do, as table filters. Each mirrors the write-back plan (electron/domain/write-back-plan.ts) as
 * far as the stored columns can say it: the plan's age rule (a stale answer asks for a new query) is not a column,
 * so "to submit" counts matched and fillable invoices whatever the age of their answer — 自动处理 queries those
 * again before it sends them.
 */
export const TODO_FILTERS: Readonly<Record<OverviewTodo, InvoiceFilter>> = {
  to_query: { reconStatus: ['not_queried'] },
  query_failed: { queryFailed: true },
  to_submit: { reconStatus: ['matched', 'fillable'], submitState: [...OPEN_SUBMIT] },
  needs_clerk: { reconStatus: ['amount_mismatch', 'number_mismatch', 'split', 'partially_reversed', 'red_without_blue'], submitState: [...OPEN_SUBMIT] },
  never_80: { reconStatus: ['not_issued', 'reversed'], submitState: [...OPEN_SUBMIT] },
  submit_failed: { submitState: ['rejected', 'unknown'] },
};

const zero = (): Sum => ({ count: 0, amountFen: 0 });
function add(to: Sum, n: number, fen: number): void {
  to.count += n;
  to.amountFen += fen;
}

function matchesStatus(f: InvoiceFilter, r: ReconStatus, s: SubmitState): boolean {
  return (!f.reconStatus || f.reconStatus.includes(r)) && (!f.submitState || f.submitState.includes(s));
}

export function overviewRepo(db: Db) {
  // One scan of the covering index invoices_overview (migration 009) answers every grouping; SUM() of no rows is
  // NULL and TOTAL() would be a float, so COALESCE keeps integer fen.
  const groups = db.prepare(`SELECT recon_status AS r, submit_state AS s, shop, invoice_date AS d, COUNT(*) AS n,
      COALESCE(SUM(amount_fen), 0) AS fen
    FROM invoices INDEXED BY invoices_overview GROUP BY recon_status, submit_state, shop, invoice_date`);
  const queryFailed = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(amount_fen), 0) AS fen
    FROM invoices WHERE query_failed_at IS NOT NULL`);

  function get(): Overview {
    const total = zero();
    const recon = new Map<ReconStatus, Sum>(RECON_STATUSES.map((r) => [r, zero()]));
    const submit = new Map<SubmitState, Sum>(SUBMIT_STATES.map((s) => [s, zero()]));
    const status = new Map<string, { r: ReconStatus; s: SubmitState; sum: Sum }>();
    const shops = new Map<string, Sum>();
    const days = new Map<string, Sum>();
    const noDate = zero();
    for (const g of groups.iterate() as Iterable<GroupRow>) {
      const r = g.r as ReconStatus;
      const s = g.s as SubmitState;
      add(total, g.n, g.fen);
      const rb = recon.get(r);
      if (rb) add(rb, g.n, g.fen);
      const sb = submit.get(s);
      if (sb) add(sb, g.n, g.fen);
      const key = `${r}|${s}`;
      const st = status.get(key);
      if (st) add(st.sum, g.n, g.fen);
      else status.set(key, { r, s, sum: { count: g.n, amountFen: g.fen } });
      const shop = shops.get(g.shop);
      if (shop) add(shop, g.n, g.fen);
      else shops.set(g.shop, { count: g.n, amountFen: g.fen });
      // '' and NULL are "no date"; the table's date filter never matches them either.
      if (!g.d) add(noDate, g.n, g.fen);
      else {
        const day = days.get(g.d);
        if (day) add(day, g.n, g.fen);
        else days.set(g.d, { count: g.n, amountFen: g.fen });
      }
    }

    const todo = (Object.keys(TODO_FILTERS) as OverviewTodo[]).map((key) => {
      const filter = TODO_FILTERS[key];
      const sum = zero();
      if (filter.queryFailed) {
        const q = queryFailed.get() as { n: number; fen: number };
        add(sum, q.n, q.fen);
      } else {
        for (const g of status.values()) if (matchesStatus(filter, g.r, g.s)) add(sum, g.sum.count, g.sum.amountFen);
      }
      return { key, filter, ...sum };
    });

    const shopList = [...shops.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const otherShops = { ...zero(), shops: 0 };
    for (const [, sum] of shopList.slice(OVERVIEW_MAX_SHOPS)) {
      add(otherShops, sum.count, sum.amountFen);
      otherShops.shops += 1;
    }
    // ISO dates sort as text; the newest OVERVIEW_MAX_DAYS are shown, older ones summed.
    const dayList = [...days.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const cut = Math.max(0, dayList.length - OVERVIEW_MAX_DAYS);
    const olderDays = { ...zero(), days: 0 };
    for (const [, sum] of dayList.slice(0, cut)) {
      add(olderDays, sum.count, sum.amountFen);
      olderDays.days += 1;
    }

    return {
      total,
      byRecon: RECON_STATUSES.map((reconStatus) => ({ reconStatus, ...(recon.get(reconStatus) ?? zero()) })),
      bySubmit: SUBMIT_STATES.map((submitState) => ({ submitState, ...(submit.get(submitState) ?? zero()) })),
      byShop: shopList.slice(0, OVERVIEW_MAX_SHOPS).map(([shop, sum]) => ({ shop, ...sum })),
      otherShops,
      byDay: dayList.slice(cut).map(([date, sum]) => ({ date, ...sum })),
      olderDays,
      noDate,
      todo,
    };
  }

  return { get };
}

export type OverviewRepo = ReturnType<typeof overviewRepo>;
