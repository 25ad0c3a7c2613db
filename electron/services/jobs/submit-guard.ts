// Main process. The submit job's guard: before an outbox row is written, the invoice's write-back plan decides
// whether it may be sent with the status on record. Every host's submit (bulk, single, re-send, CLI) runs
// through the submit job, so the rule holds everywhere; what it refuses is recorded on the job item with the
// reason, never silently dropped and never sent.
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { InvoiceRow, Submission } from '../../../shared/domain/invoice';
import { PLAN_REFUSED_CODE, PLAN_SKIPPED_CODE, type PlanOutcomes } from '../../../shared/domain/plan';
import type { Db } from '../../db/open';
import type { Repositories } from '../../db/repositories';
import { decideSubmit, type SubmitDecision } from '../../domain/write-back-plan';
import { planClock, planOfRow } from '../plan';
import type { Settings } from '../../../shared/api/schemas';
import type { JobContext } from './context';

/** A per-invoice override of the plan, stored in the job's params so a resumed job still honours it. */
export const overrideParamsSchema = z.object({
  invoiceId: z.number().int().positive(),
  reason: z.string().trim().min(1).max(255),
});
export type OverrideParams = z.infer<typeof overrideParamsSchema>;

export function overrideOf(params: Record<string, unknown> | undefined): OverrideParams | null {
  const r = overrideParamsSchema.safeParse(params?.override);
  return r.success ? r.data : null;
}

interface JobFacts {
  readonly jobId: number;
  readonly override: OverrideParams | null;
  settings: Settings;
  settingsAt: number;
}

/** Settings are re-read at most this often during a job (reading and parsing them per item cost more than the rule). */
const SETTINGS_TTL_MS = 1000;
const factsByContext = new WeakMap<JobContext, JobFacts>();

/** The job's override (its params never change) and the settings, read once per second rather than per item. */
function jobFacts(ctx: JobContext, jobId: number): JobFacts {
  const now = Date.now();
  let f = factsByContext.get(ctx);
  if (!f || f.jobId !== jobId) {
    f = { jobId, override: overrideOf(ctx.repos.jobs.get(jobId)?.params), settings: ctx.settings(), settingsAt: now };
    factsByContext.set(ctx, f);
  } else if (now - f.settingsAt > SETTINGS_TTL_MS) {
    f.settings = ctx.settings();
    f.settingsAt = now;
  }
  return f;
}

/** The decision for one invoice as it stands now, with or without an override for it. */
export function submitDecision(invoice: InvoiceRow, settings: Settings, overridden: boolean): SubmitDecision {
  return decideSubmit(planOfRow(invoice, planClock(settings)), invoice.targetStatus, overridden);
}

/**
 * True when the job may write the outbox row for this invoice. Otherwise the item is finished here: a
 * refusal as failed with code `plan.refused`, "nothing to do" as done with code `plan.skipped`, both with
 * the reason in zh and en.
 */
export function admitToOutbox(ctx: JobContext, jobId: number, invoice: InvoiceRow): boolean {
  const { settings, override } = jobFacts(ctx, jobId);
  const d = submitDecision(invoice, settings, override?.invoiceId === invoice.id);
  if (d.send) return true;
  const message = `${d.reason.zh} / ${d.reason.en}`;
  if (d.skip) ctx.repos.jobs.markItemDone(jobId, invoice.id, PLAN_SKIPPED_CODE, message);
  else ctx.repos.jobs.markItemFailed(jobId, invoice.id, PLAN_REFUSED_CODE, message);
  return false;
}

/**
 * A single submit the plan forbids fails at once, with the reason, before any job exists. One with nothing to
 * do (accepted and unchanged) is not an error: its job skips it and says so, as a bulk submit would.
 */
export function refuseSingle(invoice: InvoiceRow, settings: Settings): void {
  const d = submitDecision(invoice, settings, false);
  if (d.send || d.skip) return;
  throw new AppError('plan.refused', d.reason, { invoiceNo: invoice.invoiceNo, refusal: d.refusal });
}

/** The job's invoices the plan refused or skipped, grouped by code and reason, largest group first. */
export function planOutcomes(db: Db, jobId: number): PlanOutcomes {
  const rows = db.prepare(`SELECT code, message, COUNT(*) AS n FROM job_items WHERE job_id = ? AND code IN (?, ?)
    GROUP BY code, message ORDER BY n DESC, message`).all(jobId, PLAN_REFUSED_CODE, PLAN_SKIPPED_CODE) as { code: typeof PLAN_REFUSED_CODE | typeof PLAN_SKIPPED_CODE; message: string | null; n: number }[];
  return rows.map((r) => {
    // Stored as "中文 / English" (admitToOutbox); the reasons themselves never contain " / ".
    const text = r.message ?? '';
    const at = text.indexOf(' / ');
    return { code: r.code, reason: at === -1 ? { zh: text, en: text } : { zh: text.slice(0, at), en: text.slice(at + 3) }, count: r.n };
  });
}

/** Adds the override reason to submissions that were sent under one (提交记录 shows it). */
export function withOverrideReasons<T extends Submission>(repos: Pick<Repositories, 'jobs'>, rows: readonly T[]): (T & { overrideReason: string | null })[] {
  const byJob = new Map<number, OverrideParams | null>();
  return rows.map((r) => {
    if (r.jobId === null) return { ...r, overrideReason: null };
    let o = byJob.get(r.jobId);
    if (o === undefined) {
      o = overrideOf(repos.jobs.get(r.jobId)?.params);
      byJob.set(r.jobId, o);
    }
    return { ...r, overrideReason: o !== null && o.invoiceId === r.invoiceId ? o.reason : null };
  });
}
