// Main process. Bulk Wangdiantong submit through the outbox: intent is stored before each send, so after a
// crash every submission is queued, accepted, rejected or unknown — and unknown ones are sent again, always
// with the invoice's values at the time of sending, and never after a newer submission of the same invoice.
import { wangdianUpdateRequestSchema } from '../../../shared/domain/wangdian';
import { describeZodIssues } from '../../../shared/errors';
import { isPlatformError } from '../../http/errors';
import type { OutboxRow } from '../../db/repositories/submissions';
import { payloadOf, samePayload } from '../../domain/reconcile';
import { runUntilFatal, type JobContext } from './context';
import { isCancel, isFatal, toFailure } from './failure';
import { runPool } from './pool';
import { admitToOutbox } from './submit-guard';

const PAGE = 500;

/** Kinds after which we cannot know whether the ERP applied the update: the send may be repeated. */
const UNCERTAIN_KINDS: ReadonlySet<string> = new Set(['network', 'server', 'rate_limit', 'protocol']);

/**
 * A job started after this one has already submitted the invoice (the clerk submitted again, e.g. from the
 * CLI, after this job was interrupted): sending it from here would repeat it, or worse, send older values
 * after newer ones. The item is done without a request; a row this job left waiting is superseded.
 */
function skipIfRedundant(ctx: JobContext, jobId: number, invoiceId: number, leftover: OutboxRow | undefined): boolean {
  const newer = ctx.repos.submissions.newerJobSubmission(invoiceId, jobId);
  if (!newer) return false;
  const note = `已由任务 #${newer.jobId ?? '?'} 的提交 #${newer.id} 回传 / covered by submission #${newer.id} of job #${newer.jobId ?? '?'}`;
  const left = leftover ? ctx.repos.submissions.get(leftover.id) : null;
  if (left && (left.state === 'queued' || left.state === 'unknown')) ctx.repos.submissions.markSuperseded(left.id, note);
  ctx.repos.jobs.markItemDone(jobId, invoiceId, 'superseded', note);
  return true;
}

/** What a (re)started job knows from before its first send. */
export interface SubmitRun {
  /** Outbox rows this job left waiting (queued, or unknown after a crash), by invoice. */
  readonly leftovers: ReadonlyMap<number, OutboxRow>;
  /** A later submit job exists, so items may already be covered (a fresh job skips the per-item check). */
  readonly laterJobs: boolean;
}

/**
 * The outbox row to send for one invoice, built from the invoice as it is now. A row this job left behind
 * (a crash, a pause) is sent again only while it still carries the current values; otherwise a new row
 * with the current values supersedes it. Null: nothing to send (the item is already marked).
 */
function outboxRowFor(ctx: JobContext, jobId: number, invoiceId: number, run: SubmitRun): OutboxRow | null {
  const leftover = run.leftovers.get(invoiceId);
  const invoice = ctx.repos.invoices.getById(invoiceId);
  if (!invoice) {
    ctx.repos.jobs.markItemFailed(jobId, invoiceId, 'not_found', '发票记录已删除 / invoice record deleted');
    return null;
  }
  if (run.laterJobs && skipIfRedundant(ctx, jobId, invoiceId, leftover)) return null;
  // The write-back plan decides next: a refused invoice is recorded on its job item and never queued. A row this
  // job left behind was admitted when it was queued (the plan now sees that row and would say "already queued").
  if (!leftover && !admitToOutbox(ctx, jobId, invoice)) return null;
  const payload = payloadOf(invoice);
  const check = wangdianUpdateRequestSchema.safeParse(payload);
  if (!check.success) {
    // Never sent, so never in the outbox: the clerk fixes the record and submits again.
    const d = describeZodIssues(check.error);
    ctx.repos.jobs.markItemFailed(jobId, invoiceId, 'validation', `${d.zh} / ${d.en}`);
    return null;
  }
  const left = leftover ? ctx.repos.submissions.get(leftover.id) : null;
  if (left && (left.state === 'queued' || left.state === 'unknown') && samePayload(left.payload, payload)) return left;
  // enqueue supersedes the leftover (and any older waiting row of the invoice) in the same transaction.
  const id = ctx.repos.submissions.enqueue(invoiceId, payload, jobId);
  const row = ctx.repos.submissions.get(id);
  if (!row) throw new Error('outbox row vanished after enqueue');
  return row;
}

/**
 * Writes the outbox row (or takes the one a crash left) and marks it sending, in one transaction through
 * the job's writer; null when there is nothing to send or the job was stopped meanwhile.
 */
function prepareSend(ctx: JobContext, jobId: number, invoiceId: number, run: SubmitRun, signal: AbortSignal): Promise<OutboxRow | null> {
  return ctx.writer.write(() => {
    if (signal.aborted) return null; // stays pending: a resume picks it up
    const row = outboxRowFor(ctx, jobId, invoiceId, run);
    if (row) ctx.repos.submissions.markSending(row.id);
    return row;
  });
}

/**
 * Sends one row and records the answer. Returns null on success, else the error that matters for the job:
 * the send's, or the recording's when that failed too (a full disk) — never throws, so one failure cannot
 * leave the pool's other sends running unobserved.
 */
async function sendOne(ctx: JobContext, jobId: number, row: OutboxRow, signal: AbortSignal): Promise<unknown> {
  let res: { message: string };
  try {
    const client = await ctx.clients.wangdian();
    res = await client.updateInvoice(row.payload, signal);
  } catch (error) {
    return recordFailure(ctx, jobId, row, error);
  }
  try {
    await ctx.writer.write(() => {
      ctx.repos.submissions.markAccepted(row.id, '0', res.message);
      ctx.repos.jobs.markItemDone(jobId, row.invoiceId, '0', null);
    });
    return null;
  } catch (error) {
    // Accepted by the ERP but not recorded: the row stays 'sending', so the next start makes it 'unknown'
    // and it is sent again (the update is idempotent) with the invoice's values of that time.
    return error;
  }
}

async function recordFailure(ctx: JobContext, jobId: number, row: OutboxRow, error: unknown): Promise<unknown> {
  const f = toFailure(error);
  const uncertain = isCancel(error) || (isPlatformError(error) && UNCERTAIN_KINDS.has(error.kind)) || !isPlatformError(error);
  try {
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
  } catch (writeError) {
    return writeError;
  }
}

/** Runs (or resumes) a submit job until its pending items are done, it is aborted, or a fatal error. */
export async function runSubmitJob(ctx: JobContext, jobId: number, signal: AbortSignal): Promise<void> {
  await ctx.clients.wangdian(); // fail fast when not configured, before anything is queued
  const concurrency = ctx.settings().wangdian.concurrency;
  // No later job can appear while this one runs (one submit job at a time, one owner per folder).
  const run: SubmitRun = {
    leftovers: new Map(ctx.repos.submissions.pendingForJob(jobId).map((r) => [r.invoiceId, r])),
    laterJobs: ctx.repos.jobs.hasLater(jobId, 'wangdian_submit'),
  };
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
      let row: OutboxRow | null;
      try {
        row = await prepareSend(ctx, jobId, invoiceId, run, inner);
      } catch (error) {
        // Nothing was sent for this item (its transaction rolled back); a store that cannot write stops the job.
        if (isFatal(error)) {
          stop(error);
          return;
        }
        throw error;
      }
      if (row) {
        const error = await sendOne(ctx, jobId, row, inner);
        if (error !== null && isFatal(error)) stop(error);
      }
      ctx.changed();
      ctx.progressed();
    }, inner);
  });
}
