// Benchmark (plain Node). Archive + verify (issue 15): the archive job downloads `orders` distinct real
// e-invoice PDFs (10,000 by default) from a file host answering after `latency` ms (a child process,
// file-server-child.ts), stores each under its hash, parses each in the parser's worker and derives the
// verdict. Its floor is what the network and the limits allow: latency × files / concurrency, or files / rps,
// whichever is larger. Targets: ≤ 1.3× that floor, peak RSS ≤ 300 MB, main loop ≤ 50 ms.
import { fork } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BUYER, DATE, KINDS, SELLER, SELLER_TAX_ID, TAX_FEN, noTaxFenOf, numOf, totalFenOf } from '../archive-files';
import { openBenchCore, tempDir } from '../bench-core';
import { LOOP_LIMIT_MS, type BenchContext } from '../context';
import { REPO_ROOT, tsxExecArgv } from '../emulators';
import { Watch, settle } from '../measure';
import type { ScenarioResult } from '../result';

const TARGET = 1.3;
const RSS_LIMIT_MB = 300;

interface FileHost {
  readonly url: string;
  served(): Promise<number>;
  close(): Promise<void>;
}

async function startFileHost(latencyMs: number): Promise<FileHost> {
  const child = fork(path.join(import.meta.dirname, '..', 'file-server-child.ts'), [String(latencyMs)], {
    cwd: REPO_ROOT, execArgv: tsxExecArgv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { type: string; url?: string }) => (m.type === 'ready' && m.url ? resolve(m.url) : reject(new Error('file host did not start'))));
    child.once('exit', (code) => reject(new Error(`file host exited (${String(code)})`)));
  });
  return {
    url,
    served: () => new Promise((resolve) => {
      child.once('message', (m: { served?: number }) => resolve(m.served ?? -1));
      child.send({ type: 'stats' });
    }),
    close: () => new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.send({ type: 'close' });
    }),
  };
}


export async function archiveScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { opts } = ctx;
  const n = opts.orders;
  const dir = tempDir('archive');
  ctx.log(`archive + verify ${n} files at ${opts.latencyMs} ms latency, ${opts.archive.rps} rps, ${opts.archive.concurrency} in flight: the file host renders ${KINDS} invoices…`);
  const host = await startFileHost(opts.latencyMs);
  const core = await openBenchCore(path.join(dir.dir, 'data'), null);
  try {
    core.services.settings.update({ archive: opts.archive });
    const { repos, db } = core.services;
    repos.invoices.upsertMany(Array.from({ length: n }, (_, i) => ({
      invoiceNo: `AR${String(i).padStart(6, '0')}`, orderNo: `ARO${i}`, billType: '01' as const, shop: SELLER, saleOrg: '10001',
      buyerTitle: BUYER, amountFen: totalFenOf(i % KINDS), taxAmountFen: TAX_FEN, invoiceDate: DATE, invoiceCode: '',
      invoiceNum: numOf(i % KINDS), pdfUrl: '', targetStatus: 80 as const, errorInfo: '',
    })), 'bench');
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        repos.suning.replaceForOrder(`ARO${i}`, [{
          orderNo: `ARO${i}`, orderItemId: '1', saleOrg: '10001', saleTaxNo: SELLER_TAX_ID, invoiceFlag: '01', invoiceType: 1,
          invoiceCode: '', invoiceNum: numOf(i % KINDS), amountFen: totalFenOf(i % KINDS), noTaxAmountFen: noTaxFenOf(i % KINDS), invoiceDate: DATE,
          securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '', logisticsComp: '', invoiceStatus: '2', pdfUrl: `${host.url}/f/${i}.pdf`,
        }], {});
        repos.suning.logQuery({ orderNo: `ARO${i}`, billType: '01', outcome: 'found', invoices: 1 });
      }
    })();
    await settle();
    const rssBeforeMb = process.memoryUsage.rss() / 2 ** 20;
    const watch = new Watch();
    const t0 = performance.now();
    // Where the longest gaps between loop turns fall (seconds into the run, files done then): where to look
    // when the loop target is missed.
    const gaps: { at: number; ms: number; done: number }[] = [];
    let jobId = 0;
    let lastTick = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      const gap = now - lastTick - 10;
      lastTick = now;
      if (gap > 30) gaps.push({ at: (now - t0) / 1000, ms: gap, done: jobId > 0 ? (repos.jobs.get(jobId)?.done ?? 0) : 0 });
    }, 10);
    jobId = (await core.handlers['archive:start']({ selection: { kind: 'filter', filter: {} } }, { host: 'cli' })).jobId;
    const job = await core.services.jobs.wait(jobId);
    const ms = performance.now() - t0;
    clearInterval(probe);
    const w = await watch.stop();
    const worst = [...gaps].sort((a, b) => b.ms - a.ms).slice(0, 5).map((g) => `${g.ms.toFixed(0)} ms at ${g.at.toFixed(1)} s (${g.done} done)`).join(', ');
    ctx.log(`  loop gaps > 30 ms: ${gaps.length}; longest: ${worst || 'none'}`);
    const served = await host.served();
    const verdicts = db.prepare('SELECT file_verdict AS v, COUNT(*) AS c FROM invoices GROUP BY file_verdict ORDER BY v').all() as { v: string; c: number }[];
    const storedFiles = db.prepare("SELECT COUNT(DISTINCT sha256) FROM invoice_files WHERE outcome = 'stored'").pluck().get() as number;
    const latencyFloor = (opts.latencyMs * n) / opts.archive.concurrency;
    const rateFloor = (n / opts.archive.rps) * 1000;
    const floorMs = Math.max(latencyFloor, rateFloor);
    const over = ms / floorMs;
    const verdictText = verdicts.map((v) => `${v.v} ${v.c}`).join(', ');
    ctx.log(`  archive ${n}: ${(ms / 1000).toFixed(1)} s, floor ${(floorMs / 1000).toFixed(1)} s, ${over.toFixed(2)}×, loop ${w.maxLoopDelayMs.toFixed(0)} ms, RSS ${w.peakRssMb.toFixed(0)} MB (${rssBeforeMb.toFixed(0)} MB before the job); ${verdictText}`);
    return {
      name: 'archive + verify files',
      n,
      median_ms: ms,
      p95_ms: ms,
      ops_per_s: (n * 1000) / ms,
      baseline_ms: floorMs,
      ratio: floorMs / ms,
      peak_rss_mb: w.peakRssMb,
      max_event_loop_delay_ms: w.maxLoopDelayMs,
      target: `≤ ${TARGET}× the floor, RSS ≤ ${RSS_LIMIT_MB} MB, loop ≤ ${LOOP_LIMIT_MS} ms`,
      pass: job.state === 'done' && job.failed === 0 && over <= TARGET && w.peakRssMb <= RSS_LIMIT_MB && w.maxLoopDelayMs <= LOOP_LIMIT_MS,
      runs: 1,
      note: `took ${over.toFixed(2)}× the floor (baseline column = floor = max(latency ${opts.latencyMs} ms × ${n} / ${opts.archive.concurrency} = ` +
        `${(latencyFloor / 1000).toFixed(1)} s, ${n} / ${opts.archive.rps} rps = ${(rateFloor / 1000).toFixed(1)} s); job ${job.state}, ${job.failed} failed; ` +
        `${served} files served, ${storedFiles} distinct files stored; verdicts: ${verdictText}; RSS ${rssBeforeMb.toFixed(0)} MB before the job ` +
        '(the bench process itself: tsx, the seed data of the emulators); ' +
        `loop gaps > 30 ms: ${gaps.length}, longest ${worst || 'none'}`,
    };
  } finally {
    await core.close();
    await host.close();
    dir.remove();
  }
}
