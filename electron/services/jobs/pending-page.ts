// Main process. The next page of a job's pending invoices, shared by the jobs that walk their items in id order
// (query, archive): an item whose invoice was deleted since the job started is settled as failed, not skipped.
import type { InvoiceRow } from '../../../shared/domain/invoice';
import type { JobContext } from './context';

export interface PendingPage {
  readonly rows: InvoiceRow[];
  /** The last item id read: where the next page starts. */
  readonly cursor: number;
}

/** Null when no pending item is left after `cursor`. */
export function nextPendingPage(ctx: JobContext, jobId: number, cursor: number, size: number): PendingPage | null {
  const ids = ctx.repos.jobs.nextPendingAfter(jobId, cursor, size);
  if (ids.length === 0) return null;
  const rows = ctx.repos.invoices.getMany(ids);
  const present = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !present.has(id));
  if (missing.length > 0) {
    ctx.db.transaction(() => {
      for (const id of missing) ctx.repos.jobs.markItemFailed(jobId, id, 'not_found', '发票记录已删除 / invoice record deleted');
    })();
  }
  return { rows, cursor: ids[ids.length - 1] ?? cursor };
}
