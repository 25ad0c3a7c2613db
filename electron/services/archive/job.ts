// Main process. The archive job (issue 15 §1): for each invoice of the job, every blue and red invoice Suning
// reported for its order with a file link is downloaded (electron/http/file-download.ts) into the
// content-addressed store, parsed off the main thread, and recorded (invoice_files) — which refreshes the
// invoice's derived file_verdict. Same machinery as the query job: persisted items read page by page, a pool of
// `archive.concurrency` workers under an `archive.rps` limiter, writes through the job writer, cancel/pause by
// the signal (an item in flight stays pending and is done again on resume — its temp file is discarded or
// swept, nothing lands under a hash half-written).
//
// Never fetched twice: a Suning invoice whose file is stored (and present under its hash) is skipped, and a
// link another invoice already stored is reused without a request.
import { readFile } from 'node:fs/promises';
import { FILE_OUTCOMES, type EinvoiceFacts, type FileOutcome } from '../../../shared/domain/einvoice-file';
import type { InvoiceRow, SuningInvoice } from '../../../shared/domain/invoice';
import type { Bilingual } from '../../../shared/errors';
import { downloadPdf, fileUrlOf, type DownloadResult } from '../../http/file-download';
import { RateLimiter } from '../../http/rate-limiter';
import { abortableSleep, backoffDelay } from '../../http/retry';
import type { FileKey, FileRecord } from '../../db/repositories/invoice-files';
import { runUntilFatal, type JobContext } from '../jobs/context';
import { isCancel, isFatal, toFailure } from '../jobs/failure';
import { nextPendingPage } from '../jobs/pending-page';
import { runPool } from '../jobs/pool';
import type { ArchiveEnv } from './env';

const PAGE = 200;

interface Target extends FileKey {
  readonly url: string;
}

/** The files an invoice's order has: one per Suning invoice (blue and red) that carries a link. */
export function targetsOf(orderNo: string, suning: readonly SuningInvoice[]): Target[] {
  return suning.filter((s) => s.pdfUrl.trim() !== '').map((s) => ({
    orderNo, suningInvoiceNum: s.invoiceNum, suningInvoiceCode: s.invoiceCode, kind: s.invoiceType === -1 ? 'red' : 'blue', url: s.pdfUrl.trim(),
  }));
}

const keyOf = (t: FileKey): string => `${t.orderNo}\u0000${t.suningInvoiceNum}\u0000${t.suningInvoiceCode}\u0000${t.kind}`;

interface Settled {
  readonly outcome: FileOutcome;
  readonly detail: string;
}

function envOf(ctx: JobContext): ArchiveEnv {
  if (!ctx.archive) throw new Error('archive job started without an archive environment');
  return ctx.archive;
}

/** Reads the facts of stored bytes: once per hash (another invoice's row may already hold them). */
async function factsOf(ctx: JobContext, env: ArchiveEnv, sha256: string): Promise<{ facts: EinvoiceFacts | null; problem: Bilingual | null }> {
  const known = ctx.repos.files.parsedBySha(sha256);
  if (known?.facts) return { facts: known.facts, problem: null };
  let bytes: Buffer;
  try {
    bytes = await readFile(env.store.pathOf(sha256));
  } catch {
    return { facts: null, problem: { zh: '存档文件无法读取', en: 'The archived file cannot be read' } };
  }
  try {
    const r = await env.parser().parse(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return r.ok ? { facts: r.facts, problem: null } : { facts: null, problem: r.reason };
  } catch (error) {
    return { facts: null, problem: { zh: `解析失败：${error instanceof Error ? error.message : '未知错误'}`, en: `Parsing failed: ${error instanceof Error ? error.message : 'unknown error'}` } };
  }
}

export async function runArchiveJob(ctx: JobContext, jobId: number, signal: AbortSignal): Promise<void> {
  const env = envOf(ctx);
  const cfg = ctx.settings().archive;
  const limiter = new RateLimiter({ rps: cfg.rps, concurrency: cfg.concurrency });
  const maxBytes = cfg.maxFileMb * 1024 * 1024;
  // Nothing downloads in this process yet (one archive job at a time): what a killed run left in tmp/ goes.
  await env.store.sweepTemp();
  /** Files in flight, so two invoices of one order wait for the same download. */
  const inFlight = new Map<string, Promise<Settled>>();

  async function download(t: Target, inner: AbortSignal): Promise<{ result: DownloadResult; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      const release = await limiter.acquire(inner);
      let result: DownloadResult;
      try {
        result = await downloadPdf(t.url, () => env.store.openTemp(), {
          dispatcher: env.dispatcher, maxBytes, readTimeoutMs: env.timeouts.readTimeoutMs, totalTimeoutMs: env.timeouts.totalTimeoutMs, signal: inner,
        });
      } finally {
        release();
      }
      if (result.outcome === 'stored' || !result.retry || attempt >= env.retry.maxAttempts) return { result, attempts: attempt };
      await abortableSleep(backoffDelay(attempt, { ...env.retry, random: Math.random }), inner);
    }
  }

  async function settle(t: Target, inner: AbortSignal): Promise<Settled> {
    const existing = ctx.repos.files.byKey(t);
    if (existing?.outcome === 'stored' && existing.sha256 !== null && existing.sourceUrl === t.url && await env.store.has(existing.sha256)) {
      if (existing.facts === null && existing.parseProblem === null) {
        const f = await factsOf(ctx, env, existing.sha256);
        await ctx.writer.write(() => ctx.repos.files.record({ ...t, ...recordOf(existing.sourceUrl, existing), attempts: 0, facts: f.facts, parseProblem: f.problem }));
      }
      return { outcome: 'stored', detail: 'already archived' };
    }
    const link = fileUrlOf(t.url);
    const sameLink = link.ok ? ctx.repos.files.storedFromSource(t.url) : null;
    if (sameLink?.sha256 && await env.store.has(sameLink.sha256)) {
      await ctx.writer.write(() => ctx.repos.files.record({
        ...t, sourceUrl: t.url, outcome: 'stored', outcomeDetail: `${sameLink.outcomeDetail} (same link as another invoice)`, httpStatus: sameLink.httpStatus,
        sha256: sameLink.sha256, size: sameLink.size, attempts: 0, facts: sameLink.facts, parseProblem: sameLink.parseProblem,
      }));
      return { outcome: 'stored', detail: 'same link already archived' };
    }
    const { result, attempts } = await download(t, inner);
    let rec: FileRecord;
    if (result.outcome === 'stored') {
      const f = await factsOf(ctx, env, result.sha256);
      rec = { ...t, sourceUrl: t.url, outcome: 'stored', outcomeDetail: result.detail, httpStatus: result.httpStatus, sha256: result.sha256, size: result.size, attempts, facts: f.facts, parseProblem: f.problem };
    } else {
      rec = { ...t, sourceUrl: t.url, outcome: result.outcome, outcomeDetail: result.detail, httpStatus: result.httpStatus, sha256: null, size: null, attempts, facts: null, parseProblem: null };
    }
    await ctx.writer.write(() => ctx.repos.files.record(rec));
    return { outcome: rec.outcome, detail: rec.outcomeDetail };
  }

  function settleOnce(t: Target, inner: AbortSignal): Promise<Settled> {
    const k = keyOf(t);
    const running = inFlight.get(k);
    if (running) return running;
    const p = settle(t, inner).finally(() => inFlight.delete(k));
    inFlight.set(k, p);
    return p;
  }

  await runUntilFatal(signal, toFailure, async (inner, stop) => {
    let cursor = 0;
    let page: InvoiceRow[] = [];
    let exhausted = false;
    function next(): InvoiceRow | null {
      while (page.length === 0 && !exhausted) {
        const more = nextPendingPage(ctx, jobId, cursor, PAGE);
        if (!more) {
          exhausted = true;
          break;
        }
        cursor = more.cursor;
        page = more.rows;
      }
      return page.shift() ?? null;
    }

    async function handle(row: InvoiceRow): Promise<void> {
      try {
        const targets = targetsOf(row.orderNo, ctx.repos.suning.listForOrder(row.orderNo));
        const settled = await Promise.all(targets.map((t) => settleOnce(t, inner)));
        if (inner.aborted) return;
        const bad = settled.find((s) => s.outcome !== 'stored');
        await ctx.writer.write(() => {
          if (targets.length === 0) ctx.repos.jobs.markItemDone(jobId, row.id, 'no_file', '苏宁没有提供发票文件链接 / Suning gave no file link');
          else if (bad) ctx.repos.jobs.markItemFailed(jobId, row.id, bad.outcome, `${FILE_OUTCOMES[bad.outcome].zh} / ${FILE_OUTCOMES[bad.outcome].en}: ${bad.detail}`);
          else ctx.repos.jobs.markItemDone(jobId, row.id, 'stored', null);
        });
      } catch (error) {
        if (isCancel(error) || inner.aborted) return;
        if (isFatal(error)) {
          stop(error);
          return;
        }
        throw error;
      }
      ctx.changed();
      ctx.progressed();
    }

    await runPool(cfg.concurrency, next, handle, inner);
  });
}

/** The stored facts of a row, to write it again (facts added later). */
function recordOf(sourceUrl: string, f: { outcomeDetail: string; httpStatus: number | null; sha256: string | null; size: number | null }) {
  return { sourceUrl, outcome: 'stored' as const, outcomeDetail: f.outcomeDetail, httpStatus: f.httpStatus, sha256: f.sha256, size: f.size };
}

