// Main process. The write-back plan (electron/domain/write-back-plan.ts) applied to stored invoices: the clock
// from the settings, rows with their plan, and what a submit of a selection would do before anything is sent.
// The plan is computed on read, not stored: it depends on the age of Suning's answer, which changes with time
// alone, and every fact it needs is already in the row's derived columns.
import type { InvoiceRow, ReconStatus, SubmitState, WdtStatus } from '../../shared/domain/invoice';
import type { InvoiceFilter, InvoiceSort, Settings } from '../../shared/api/schemas';
import type { AutoPlan, PlannedInvoiceRow, SubmitPreview, SubmitRefusal, WriteBackPlan } from '../../shared/domain/plan';
import type { Db } from '../db/open';
import { chunk } from '../db/util';
import { yieldToEventLoop } from './jobs/pool';
import { decideSubmit, planFromState, type PlanClock, type PlanResult } from '../domain/write-back-plan';

const HOUR_MS = 3_600_000;

export function planClock(settings: Settings, now: number = Date.now()): PlanClock {
  return { now, maxAnswerAgeHours: settings.suning.maxAnswerAgeHours };
}

/** The clerk's split choice is in effect while the record's invoice number is exactly that choice. */
export function splitChosenOf(row: Pick<InvoiceRow, 'splitChoice' | 'invoiceNum'>): boolean {
  return row.splitChoice !== '' && row.splitChoice === row.invoiceNum;
}

export function planOfRow(row: Pick<InvoiceRow, 'reconStatus' | 'submitState' | 'queriedAt' | 'splitChoice' | 'invoiceNum' | 'fileVerdict'>, clock: PlanClock): PlanResult {
  return planFromState({ reconStatus: row.reconStatus, submitState: row.submitState, answeredAt: row.queriedAt, splitChosen: splitChosenOf(row), fileVerdict: row.fileVerdict }, clock);
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
  readonly chosen: number;
  /** 1 when the archived file differs (the only file verdict the plan depends on). */
  readonly fmis: number;
}

/**
 * Ids per statement, with a turn of the event loop between statements: grouping 100,000 invoices in one
 * statement held the main thread for 100-400 ms on this machine; 5,000 at a time keeps each step to a few ms.
 */
const PREVIEW_CHUNK = 5_000;

/** Invoices that share everything their plan depends on (a split choice in effect too), with their count and amount total. */
export interface PlanGroup {
  readonly reconStatus: ReconStatus;
  readonly submitState: SubmitState;
  readonly targetStatus: WdtStatus;
  /** The latest answer time in the group (fresh and stale answers are never in one group). */
  readonly answeredAt: string | null;
  readonly count: number;
  readonly amountFen: number;
  readonly plan: PlanResult;
}

/**
 * The invoices grouped per (reconciliation, submission state, target status, answer fresh or stale) in SQL:
 * the plan depends on nothing else, so a group decides as a whole exactly as the guard decides for each of
 * its invoices. Groups of different chunks may repeat a key; callers add them up.
 */
export async function* planGroups(db: Db, ids: readonly number[], clock: PlanClock): AsyncGenerator<PlanGroup> {
  const cutoff = new Date(clock.now - clock.maxAnswerAgeHours * HOUR_MS).toISOString();
  const st = db.prepare(`SELECT recon_status, submit_state, target_status, MAX(queried_at) AS at, COUNT(*) AS n, SUM(amount_fen) AS fen,
      (split_choice != '' AND split_choice = invoice_num) AS chosen, (file_verdict = 'mismatch') AS fmis
    FROM invoices WHERE id IN (SELECT value FROM json_each(?))
    GROUP BY recon_status, submit_state, target_status, (queried_at IS NULL OR queried_at < ?), chosen, fmis`);
  for (const [i, part] of chunk(ids, PREVIEW_CHUNK).entries()) {
    if (i > 0) await yieldToEventLoop();
    for (const g of st.all(JSON.stringify(part), cutoff) as GroupRow[]) {
      const reconStatus = g.recon_status as ReconStatus;
      const submitState = g.submit_state as SubmitState;
      yield {
        reconStatus, submitState, targetStatus: g.target_status as WdtStatus, answeredAt: g.at, count: g.n, amountFen: g.fen,
        plan: planFromState({ reconStatus, submitState, answeredAt: g.at, splitChosen: g.chosen === 1, fileVerdict: g.fmis === 1 ? 'mismatch' : undefined }, clock),
      };
    }
  }
}

/** What a bulk submit of these invoices would send and skip, before anything is sent. */
export async function previewSubmit(db: Db, ids: readonly number[], clock: PlanClock): Promise<SubmitPreview> {
  const out = { total: 0, as80: { count: 0, amountFen: 0 }, asFailure: { count: 0, amountFen: 0 }, sentAmountFen: 0 };
  const skipped = new Map<string, SubmitPreview['skipped'][number]>();
  for await (const g of planGroups(db, ids, clock)) {
    out.total += g.count;
    const d = decideSubmit(g.plan, g.targetStatus, false);
    if (d.send) {
      const bucket = g.targetStatus === 80 ? out.as80 : out.asFailure;
      bucket.count += g.count;
      bucket.amountFen += g.amountFen;
      out.sentAmountFen += g.amountFen;
      continue;
    }
    const key = `${d.refusal}|${g.reconStatus}`;
    const prev = skipped.get(key);
    if (prev) skipped.set(key, { ...prev, count: prev.count + g.count, amountFen: prev.amountFen + g.amountFen });
    else skipped.set(key, { refusal: d.refusal, reconStatus: g.reconStatus, count: g.count, amountFen: g.amountFen, reason: g.plan.reason });
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

/** The plan screen of 自动处理 / `auto --dry-run`: what each phase would take on, and what is left for the clerk. */
export async function planAuto(db: Db, ids: readonly number[], clock: PlanClock): Promise<AutoPlan> {
  const zero = () => ({ count: 0, amountFen: 0 });
  const out = { total: 0, query: zero(), fill: zero(), submit: zero(), nothing: zero() };
  const left = new Map<string, AutoPlan['leftForClerk'][number]>();
  for await (const g of planGroups(db, ids, clock)) {
    out.total += g.count;
    const p = g.plan.plan;
    const bucket = p === 'query_first' ? out.query : p === 'fill_then_submit' ? out.fill : p === 'submit' ? out.submit : p === 'nothing' ? out.nothing : null;
    if (bucket) {
      bucket.count += g.count;
      bucket.amountFen += g.amountFen;
      continue;
    }
    if (p !== 'needs_clerk' && p !== 'never_80') throw new Error(`planAuto: unhandled plan ${p}`);
    const key = `${p}|${g.reconStatus}`;
    const prev = left.get(key);
    if (prev) left.set(key, { ...prev, count: prev.count + g.count, amountFen: prev.amountFen + g.amountFen });
    else left.set(key, { plan: p, reconStatus: g.reconStatus, count: g.count, amountFen: g.amountFen, reason: g.plan.reason });
  }
  const leftForClerk = [...left.values()].sort((a, b) => (a.plan === b.plan ? b.count - a.count : a.plan === 'needs_clerk' ? -1 : 1));
  return { ...out, leftForClerk };
}
