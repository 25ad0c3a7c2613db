// Main process. Bulk Wangdiantong submit through the outbox: intent is stored before each send, so after a
// crash every submission is queued, accepted, rejected or unknown — and unknown ones are sent again.
import { wangdianUpdateRequestSchema } from '../../../shared/domain/wangdian';
import { describeZodIssues } from '../../../shared/errors';
import { isPlatformError } from '../../platforms/errors';
import type { OutboxRow } from '../../db/repositories/submissions';
import { payloadOf } from '../reconcile';
import { runUntilFatal, type JobContext } from './context';
import { isCancel, isFatal, toFailure } from './failure';
import { runPool } from './pool';

const PAGE = 500;

/** Kinds after which we cannot know whether the ERP applied the update: the send may be repeated. */
const UNCERTAIN_KINDS: ReadonlySet<string> = new Set(['network', 'server', 'rate_limit', 'protocol']);

/** Writes the outbox row for one invoice (or finds the one a crash left behind). Null: nothing to send. */
function outboxRowFor(ctx: JobContext, jobId: number, invoiceId: number, leftovers: Map<number, OutboxRow>): OutboxRow | null {
  const left = leftovers.get(invoiceId);
  if (left) return left;
  const invoice = ctx.repos.invoices.getById(invoiceId);
  if (!invoice) {
    ctx.repos.jobs.markItemFailed(jobId, invoiceId, 'not_found', '发票记录已删除 / invoice record deleted');
    return null;
  }
  const payload = payloadOf(invoice);
  const check = wangdianUpdateRequestSchema.safeParse(payload);
  if (!check.success) {
    // Never sent, so never in the outbox: the clerk fixes the record and submits again.
    const d = describeZodIssues(check.error);
    ctx.repos.jobs.markItemFailed(jobId, invoiceId, 'validation', `${d.zh} / ${d.en}`);
    return null;
  }
  const id = ctx.repos.submissions.enqueue(invoiceId, payload, jobId);
  const row = ctx.repos.submissions.get(id);
  if (!row) throw new Error('outbox row vanished after enqueue');
  return row;
}

async function sendOne(ctx: JobContext, jobId: number, row: OutboxRow, signal: AbortSignal): Promise<unknown> {
  const client = await ctx.clients.wangdian();
  ctx.repos.submissions.markSending(row.id);
  try {
    const res = await client.updateInvoice(row.payload, signal);
    ctx.db.transaction(() => {
      ctx.repos.submissions.markAccepted(row.id, '0', res.message);
      ctx.repos.jobs.markItemDone(jobId, row.invoiceId, '0', null);
    })();
    return null;
  } catch (error) {
    const f = toFailure(error);
    const uncertain = isCancel(error) || (isPlatformError(error) && UNCERTAIN_KINDS.has(error.kind)) || !isPlatformError(error);
    ctx.db.transaction(() => {
      if (uncertain) {
        ctx.repos.submissions.markUnknown(row.id, f.message);
        if (!isCancel(error)) ctx.repos.jobs.markItemFailed(jobId, row.invoiceId, 'unknown', f.message);
      } else {
        ctx.repos.submissions.markRejected(row.id, f.code, f.message);
        ctx.repos.jobs.markItemFailed(jobId, row.invoiceId, f.code, f.message);
      }
      ctx.repos.jobs.setLastError(jobId, f);
    })();
    return error;
  }
}

/** Runs (or resumes) a submit job until its pending items are done, it is aborted, or a fatal error. */
export async function runSubmitJob(ctx: JobContext, jobId: number, signal: AbortSignal): Promise<void> {
  await ctx.clients.wangdian(); // fail fast when not configured, before anything is queued
  const concurrency = ctx.settings().wangdian.concurrency;
  const leftovers = new Map(ctx.repos.submissions.pendingForJob(jobId).map((r) => [r.invoiceId, r]));
  await runUntilFatal(signal, toFailure, async (inner, stop) => {
    const inFlight = new Set<number>();
    while (!inner.aborted) {
      const ids = ctx.repos.jobs.nextPending(jobId, PAGE).filter((id) => !inFlight.has(id));
      if (ids.length === 0) break;
      let next = 0;
      await runPool(concurrency, () => ids[next++] ?? null, async (invoiceId) => {
        inFlight.add(invoiceId);
        const row = outboxRowFor(ctx, jobId, invoiceId, leftovers);
        if (row) {
          const error = await sendOne(ctx, jobId, row, inner);
          if (error !== null && isFatal(error)) stop(error);
        }
        ctx.changed();
        ctx.progressed();
      }, inner);
    }
  });
}
