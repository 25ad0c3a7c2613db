// Main process. The write-back plan (electron/domain/write-back-plan.ts) applied to stored invoices: the clock
// from the settings, rows with their plan, and what a submit of a selection would do before anything is sent.
// The plan is computed on read, not stored: it depends on the age of Suning's answer, which changes with time
// alone, and every fact it needs is already in the row's derived columns.
import type { InvoiceRow, ReconStatus, SubmitState, WdtStatus } from '../../shared/domain/invoice';
import type { InvoiceFilter, InvoiceSort, Settings } from '../../shared/api/schemas';
import type { PlannedInvoiceRow, SubmitPreview, SubmitRefusal, WriteBackPlan } from '../../shared/domain/plan';
import type { Db } from '../db/open';
import { chunk } from '../db/util';
import { yieldToEventLoop } from './jobs/pool';
import { decideSubmit, planFromState, type PlanClock, type PlanResult } from '../domain/write-back-plan';

const HOUR_MS = 3_600_000;

export function planClock(settings: Settings, now: number = Date.now()): PlanClock {
  return { now, maxAnswerAgeHours: settings.suning.maxAnswerAgeHours };
}

export function planOfRow(row: Pick<InvoiceRow, 'reconStatus' | 'submitState' | 'queriedAt'>, clock: PlanClock): PlanResult {
  return planFromState({ reconStatus: row.reconStatus, submitState: row.submitState, answeredAt: row.queriedAt }, clock);
}

export function withPlan(row: InvoiceRow, clock: PlanClock): PlannedInvoiceRow {
  const p = planOfRow(row, clock);
  return { ...row, plan: p.plan, planReason: p.reason };
}

interface GroupRow {
  readonly recon_status: string;
  readonly submit_state: string;
  readonly target_status: number;
  readonly at: string | null;
  readonly n: number;
  readonly fen: number;
}

/**
 * Ids per statement, with a turn of the event loop between statements: grouping 100,000 invoices in one
 * statement held the main thread for 100-400 ms on this machine; 5,000 at a time keeps each step to a few ms.
 */
const PREVIEW_CHUNK = 5_000;

/**
 * What a bulk submit of these invoices would send, counted per (reconciliation, submission state, target
 * status, answer fresh or stale) in SQL: the plan depends on nothing else, so each group decides as a whole
 * exactly as the submit guard decides for each of its invoices.
 */
export async function previewSubmit(db: Db, ids: readonly number[], clock: PlanClock): Promise<SubmitPreview> {
  const cutoff = new Date(clock.now - clock.maxAnswerAgeHours * HOUR_MS).toISOString();
  const st = db.prepare(`SELECT recon_status, submit_state, target_status, MAX(queried_at) AS at, COUNT(*) AS n, SUM(amount_fen) AS fen
    FROM invoices WHERE id IN (SELECT value FROM json_each(?))
    GROUP BY recon_status, submit_state, target_status, (queried_at IS NULL OR queried_at < ?)`);
  const out = { total: 0, as80: { count: 0, amountFen: 0 }, asFailure: { count: 0, amountFen: 0 }, sentAmountFen: 0 };
  const skipped = new Map<string, SubmitPreview['skipped'][number]>();
  for (const [i, part] of chunk(ids, PREVIEW_CHUNK).entries()) {
    if (i > 0) await yieldToEventLoop();
    for (const g of st.all(JSON.stringify(part), cutoff) as GroupRow[]) {
      out.total += g.n;
      const reconStatus = g.recon_status as ReconStatus;
      const p = planFromState({ reconStatus, submitState: g.submit_state as SubmitState, answeredAt: g.at }, clock);
      const d = decideSubmit(p, g.target_status as WdtStatus, false);
      if (d.send) {
        const bucket = g.target_status === 80 ? out.as80 : out.asFailure;
        bucket.count += g.n;
        bucket.amountFen += g.fen;
        out.sentAmountFen += g.fen;
        continue;
      }
      const key = `${d.refusal}|${reconStatus}`;
      const prev = skipped.get(key);
      if (prev) skipped.set(key, { ...prev, count: prev.count + g.n, amountFen: prev.amountFen + g.fen });
      else skipped.set(key, { refusal: d.refusal, reconStatus, count: g.n, amountFen: g.fen, reason: p.reason });
    }
  }
  const order: readonly SubmitRefusal[] = ['needs_clerk', 'never_80', 'fill_first', 'query_first', 'in_outbox', 'accepted'];
  const list = [...skipped.values()].sort((a, b) => order.indexOf(a.refusal) - order.indexOf(b.refusal) || b.count - a.count);
  return { ...out, skipped: list };
}

/** Ids, ascending, of the invoices matching the filter whose plan is `plan` now (read in batches). */
export function idsWithPlan(
  invoices: { iterate(filter: InvoiceFilter, sort: InvoiceSort): Iterable<InvoiceRow[]> },
  filter: InvoiceFilter,
  plan: WriteBackPlan,
  clock: PlanClock,
): number[] {
  const ids: number[] = [];
  for (const batch of invoices.iterate(filter, { field: 'invoiceNo', dir: 'asc' })) {
    for (const row of batch) if (planOfRow(row, clock).plan === plan) ids.push(row.id);
  }
  return ids.sort((a, b) => a - b);
}
