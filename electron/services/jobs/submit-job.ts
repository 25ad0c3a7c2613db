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
import { admitToOutbox } from './submit-guard';

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
  // The write-back plan decides first: a refused invoice is recorded on its job item and never queued.
  if (!admitToOutbox(ctx, jobId, invoice)) return null;
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

/**
 * Writes the outbox row (or takes the one a crash left) and marks it sending, in one transaction through
 * the job's writer; null when there is nothing to send or the job was stopped meanwhile.
 */
function prepareSend(ctx: JobContext, jobId: number, invoiceId: number, leftovers: Map<number, OutboxRow>, signal: AbortSignal): Promise<OutboxRow | null> {
  return ctx.writer.write(() => {
    if (signal.aborted) return null; // stays pending: a resume picks it up
    const row = outboxRowFor(ctx, jobId, invoiceId, leftovers);
    if (row) ctx.repos.submissions.markSending(row.id);
    return row;
  });
}

async function sendOne(ctx: JobContext, jobId: number, row: OutboxRow, signal: AbortSignal): Promise<unknown> {
  try {
    const client = await ctx.clients.wangdian();
    const res = await client.updateInvoice(row.payload, signal);
    await ctx.writer.write(() => {
      ctx.repos.submissions.markAccepted(row.id, '0', res.message);
      ctx.repos.jobs.markItemDone(jobId, row.invoiceId, '0', null);
    });
    return null;
  } catch (error) {
    const f = toFailure(error);
    const uncertain = isCancel(error) || (isPlatformError(error) && UNCERTAIN_KINDS.has(error.kind)) || !isPlatformError(error);
    await ctx.writer.write(() => {
      if (uncertain) {
        ctx.repos.submissions.markUnknown(row.id, f.message);
        if (!isCancel(error)) ctx.repos.jobs.markItemFailed(jobId, row.invoiceId, 'unknown', f.message);
      } else {
        ctx.repos.submissions.markRejected(row.id, f.code, f.message);
        ctx.repos.jobs.markItemFailed(jobId, row.invoiceId, f.code, f.message);
      }
      ctx.repos.jobs.setLastError(jobId, f);
    });
    return error;
  }
}

/** Runs (or resumes) a submit job until its pending items are done, it is aborted, or a fatal error. */
export async function runSubmitJob(ctx: JobContext, jobId: number, signal: AbortSignal): Promise<void> {
  await ctx.clients.wangdian(); // fail fast when not configured, before anything is queued
  const concurrency = ctx.settings().wangdian.concurrency;
  const leftovers = new Map(ctx.repos.submissions.pendingForJob(jobId).map((r) => [r.invoiceId, r]));
  await runUntilFatal(signal, toFailure, async (inner, stop) => {
    // One continuous feed over the pending items (a cursor, read a page at a time), so the pool never drains
    // at a page boundary and an item in flight is never read twice.
    let page: number[] = [];
    let at = 0;
    let cursor = 0;
    let exhausted = false;
    const next = (): number | null => {
      if (at >= page.length && !exhausted) {
        page = ctx.repos.jobs.nextPendingAfter(jobId, cursor, PAGE);
        at = 0;
        if (page.length === 0) exhausted = true;
        else cursor = page[page.length - 1] ?? cursor;
      }
      return at < page.length ? (page[at++] ?? null) : null;
    };
    await runPool(concurrency, next, async (invoiceId) => {
      const row = await prepareSend(ctx, jobId, invoiceId, leftovers, inner);
      if (row) {
        const error = await sendOne(ctx, jobId, row, inner);
        if (error !== null && isFatal(error)) stop(error);
      }
      ctx.changed();
      ctx.progressed();
    }, inner);
  });
}
