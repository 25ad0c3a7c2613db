// Main process. Bulk Suning query: several bills per request, bounded concurrency, per-bill outcome stored.
import type { BillType, InvoiceRow } from '../../../shared/domain/invoice';
import type { SuningStorage } from '../../../shared/domain/suning';
import type { SuningBillResult } from '../../platforms/suning/client';
import { runUntilFatal, type JobContext } from './context';
import { isCancel, isFatal, toFailure } from './failure';
import { runPool } from './pool';

interface Bill {
  readonly storage: SuningStorage;
  readonly invoiceIds: number[];
}

const PAGE = 2000;

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

function storeResults(ctx: JobContext, jobId: number, batch: readonly Bill[], results: readonly SuningBillResult[]): void {
  const { repos } = ctx;
  ctx.db.transaction(() => {
    batch.forEach((bill, i) => {
      const r = results[i];
      if (!r) throw new Error('Suning client answered fewer bills than asked');
      const orderNo = bill.storage.billNo;
      if (r.outcome === 'found' || r.outcome === 'no_result') {
        repos.suning.replaceForOrder(orderNo, r.invoices, { outcome: r.outcome, code: r.code, invoices: r.invoices });
      }
      repos.suning.logQuery({ orderNo, billType: bill.storage.billType, outcome: r.outcome, invoices: r.invoices.length, code: r.code, message: r.message, jobId });
      for (const id of bill.invoiceIds) {
        if (r.outcome === 'error') repos.jobs.markItemFailed(jobId, id, r.code ?? 'error', r.message ?? '');
        else repos.jobs.markItemDone(jobId, id, r.code, null);
      }
    });
  })();
}

function storeFailure(ctx: JobContext, jobId: number, batch: readonly Bill[], error: unknown): void {
  const f = toFailure(error);
  ctx.db.transaction(() => {
    for (const bill of batch) {
      ctx.repos.suning.logQuery({ orderNo: bill.storage.billNo, billType: bill.storage.billType, outcome: 'error', invoices: 0, code: f.code, message: f.message, jobId });
      for (const id of bill.invoiceIds) ctx.repos.jobs.markItemFailed(jobId, id, f.code, f.message);
    }
    ctx.repos.jobs.setLastError(jobId, f);
  })();
}

/** Runs (or resumes) a query job until its pending items are done, it is aborted, or a fatal error. */
export async function runQueryJob(ctx: JobContext, jobId: number, signal: AbortSignal): Promise<void> {
  const { client, saleOrg, saleTaxNo } = await ctx.clients.suning();
  const batchSize = ctx.settings().suning.batchSize;
  const concurrency = ctx.settings().suning.concurrency;
  await runUntilFatal(signal, toFailure, async (inner, stop) => {
    while (!inner.aborted) {
      const ids = ctx.repos.jobs.nextPending(jobId, PAGE);
      if (ids.length === 0) break;
      const rows = ctx.repos.invoices.getMany(ids);
      const bills = groupBills(rows, saleOrg, saleTaxNo);
      const present = new Set(rows.map((r) => r.id));
      const missing = ids.filter((id) => !present.has(id));
      for (const id of missing) ctx.repos.jobs.markItemFailed(jobId, id, 'not_found', '发票记录已删除 / invoice record deleted');
      const batches: Bill[][] = [];
      for (let i = 0; i < bills.length; i += batchSize) batches.push(bills.slice(i, i + batchSize));
      let next = 0;
      await runPool(concurrency, () => batches[next++] ?? null, async (batch) => {
        try {
          const results = await client.queryStorage(batch.map((b) => b.storage), inner);
          if (batch.length > 1 && results.every((r) => r.outcome === 'error')) {
            // returnCode 9999 answers for the whole request: ask bill by bill so one bad order
            // does not mark its nineteen neighbours as failed.
            for (const bill of batch) {
              if (inner.aborted) return;
              storeResults(ctx, jobId, [bill], await client.queryStorage([bill.storage], inner));
            }
          } else {
            storeResults(ctx, jobId, batch, results);
          }
        } catch (error) {
          if (isCancel(error) || inner.aborted) return;
          if (isFatal(error)) {
            stop(error);
            return;
          }
          storeFailure(ctx, jobId, batch, error);
        }
        ctx.changed();
        ctx.progressed();
      }, inner);
    }
  });
}
