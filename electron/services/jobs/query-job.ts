// Main process. Bulk Suning query: several bills per request, bounded concurrency, per-bill outcome stored.
import type { BillType, InvoiceRow } from '../../../shared/domain/invoice';
import type { SuningStorage } from '../../../shared/domain/suning';
import type { SuningBillResult } from '../../platforms/suning/client';
import { runUntilFatal, type JobContext } from './context';
import { isCancel, isFatal, toFailure } from './failure';
import { nextPendingPage } from './pending-page';
import { runFeed } from './pool';

interface Bill {
  readonly storage: SuningStorage;
  readonly invoiceIds: number[];
}

/** Pending items read at a time; small, so reading a page never holds the event loop. */
const PAGE = 500;

function billKey(orderNo: string, billType: BillType, saleOrg: string): string {
  return `${orderNo}\u0000${billType}\u0000${saleOrg}`;
}

/** Groups invoices into distinct bills: several ERP invoices of one order need one query. */
export function groupBills(rows: readonly InvoiceRow[], defaultSaleOrg: string, saleTaxNo: string): Bill[] {
  const bills = new Map<string, Bill>();
  for (const r of rows) {
    const saleOrg = r.saleOrg || defaultSaleOrg;
    const key = billKey(r.orderNo, r.billType, saleOrg);
    const existing = bills.get(key);
    if (existing) {
      existing.invoiceIds.push(r.id);
      continue;
    }
    const storage: SuningStorage = saleTaxNo
      ? { billNo: r.orderNo, billType: r.billType, saleOrg, saleTaxNo }
      : { billNo: r.orderNo, billType: r.billType, saleOrg };
    bills.set(key, { storage, invoiceIds: [r.id] });
  }
  return [...bills.values()];
}

/** Stores each bill's answer in its own transaction through the job's writer (bounded per loop turn). */
async function storeResults(ctx: JobContext, jobId: number, batch: readonly Bill[], results: readonly SuningBillResult[]): Promise<void> {
  if (results.length < batch.length) throw new Error('Suning client answered fewer bills than asked');
  await Promise.all(batch.map((bill, i) => ctx.writer.write(() => storeBill(ctx, jobId, bill, results[i] as SuningBillResult))));
}

function storeBill(ctx: JobContext, jobId: number, bill: Bill, r: SuningBillResult): void {
  const { repos } = ctx;
  const orderNo = bill.storage.billNo;
  if (r.outcome === 'found' || r.outcome === 'no_result') {
    repos.suning.replaceForOrder(orderNo, r.invoices, { outcome: r.outcome, code: r.code, invoices: r.invoices });
  }
  repos.suning.logQuery({ orderNo, billType: bill.storage.billType, outcome: r.outcome, invoices: r.invoices.length, code: r.code, message: r.message, jobId });
  for (const id of bill.invoiceIds) {
    if (r.outcome === 'error') repos.jobs.markItemFailed(jobId, id, r.code ?? 'error', r.message ?? '');
    else repos.jobs.markItemDone(jobId, id, r.code, null);
  }
}

async function storeFailure(ctx: JobContext, jobId: number, batch: readonly Bill[], error: unknown): Promise<void> {
  const f = toFailure(error);
  await Promise.all(batch.map((bill) => ctx.writer.write(() => {
    ctx.repos.suning.logQuery({ orderNo: bill.storage.billNo, billType: bill.storage.billType, outcome: 'error', invoices: 0, code: f.code, message: f.message, jobId });
    for (const id of bill.invoiceIds) ctx.repos.jobs.markItemFailed(jobId, id, f.code, f.message);
  })));
  await ctx.writer.write(() => ctx.repos.jobs.setLastError(jobId, f));
}

/**
 * Halves of a batch the platform refused as a whole (returnCode 9999: one bad order fails the request).
 * Each half goes back through the pool as its own request, so the good orders are answered after about
 * 2·log2(n) requests, concurrently and under the same rate limit, and the bad one is isolated alone.
 */
export function bisect<T>(batch: readonly T[]): [T[], T[]] {
  const mid = Math.ceil(batch.length / 2);
  return [batch.slice(0, mid), batch.slice(mid)];
}

/** Runs (or resumes) a query job until its pending items are done, it is aborted, or a fatal error. */
export async function runQueryJob(ctx: JobContext, jobId: number, signal: AbortSignal): Promise<void> {
  const { client, saleOrg, saleTaxNo } = await ctx.clients.suning();
  const batchSize = ctx.settings().suning.batchSize;
  const concurrency = ctx.settings().suning.concurrency;
  await runUntilFatal(signal, toFailure, async (inner, stop) => {
    // Batches waiting for a worker. Pages of pending items are read when it runs low, so the pool stays
    // fed across pages; split halves go to the front so a refused batch is settled before new work.
    const queue: Bill[][] = [];
    let cursor = 0;
    let exhausted = false;

    function refill(): void {
      while (queue.length < concurrency * 2 && !exhausted) {
        const next = nextPendingPage(ctx, jobId, cursor, PAGE);
        if (!next) {
          exhausted = true;
          return;
        }
        cursor = next.cursor;
        const rows = next.rows;
        const bills = groupBills(rows, saleOrg, saleTaxNo);
        for (let i = 0; i < bills.length; i += batchSize) queue.push(bills.slice(i, i + batchSize));
      }
    }

    async function handle(batch: Bill[]): Promise<void> {
      try {
        const results = await client.queryStorage(batch.map((b) => b.storage), inner);
        if (batch.length > 1 && results.every((r) => r.outcome === 'error')) {
          // returnCode 9999 answers for the whole request: split it so one bad order does not mark its
          // neighbours as failed; the halves are queried by any free worker.
          queue.unshift(...bisect(batch));
          return;
        }
        await storeResults(ctx, jobId, batch, results);
      } catch (error) {
        if (isCancel(error) || inner.aborted) return;
        if (isFatal(error)) {
          stop(error);
          return;
        }
        try {
          await storeFailure(ctx, jobId, batch, error);
        } catch (storeError) {
          // The failure itself could not be stored (a full disk): that stops the job.
          if (!isFatal(storeError)) throw storeError;
          stop(storeError);
          return;
        }
      }
      ctx.changed();
      ctx.progressed();
    }

    await runFeed(concurrency, () => {
      if (queue.length === 0) refill();
      return queue.shift() ?? null;
    }, handle, inner);
  });
}
