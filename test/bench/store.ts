// Benchmark (plain Node). The 100,000-invoice store that the list, reconcile, export, memory and renderer
// scenarios share: imported from the ERP CSV, every order queried on Suning, some invoices submitted —
// so statuses and submit states are spread as in real use, not all "not queried".
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MIGRATIONS } from '../../electron/db/migrations/index';
import { migrationChecksum } from '../../electron/db/open';
import type { AppCore } from '../../electron/services/app-core';
import { importBytes, openBenchCore, openClerkCore, runJob, tempDir, type TempDir } from './bench-core';
import type { BenchContext } from './context';
import { csvUtf8 } from './data';

export interface Store {
  readonly dir: TempDir;
  readonly rows: number;
  /** Open the store's core (the caller closes it). */
  open(): Promise<AppCore>;
  /** Open it as the app does for a clerk, endpoints and secrets in Settings (for the renderer). */
  openAsClerk(): Promise<AppCore>;
}

/** Submitted during preparation so the submit-state filters have something to find. */
const SUBMITTED = 1000;

/**
 * Building the store takes minutes (100,000 imports plus 2,000 Suning requests), and it depends only on the
 * options below and the schema: it is kept in the system temp folder under a key of those, and copied into a
 * fresh temp dir for each bench run. `BENCH_STORE_CACHE=0` builds it anew (and does not keep it).
 */
function storeCacheDir(ctx: BenchContext): string | null {
  if (process.env['BENCH_STORE_CACHE'] === '0') return null;
  const { opts } = ctx;
  const key = createHash('sha256').update(JSON.stringify({
    v: 1,
    rows: opts.rows,
    orders: Math.max(opts.rows, opts.orders),
    seed: opts.seed,
    suning: opts.suning,
    wangdian: opts.wangdian,
    submitted: SUBMITTED,
    schema: MIGRATIONS.map((m) => `${m.version}:${migrationChecksum(m)}`),
  })).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `ir-bench-store-cache-${key}`);
}

export async function prepareStore(ctx: BenchContext): Promise<Store> {
  const { opts } = ctx;
  const dir = tempDir('store');
  const limits = { suning: opts.suning, wangdian: opts.wangdian };
  const cache = storeCacheDir(ctx);
  const store: Store = {
    dir,
    rows: Math.min(opts.rows, ctx.data.erpRecords.length),
    open: () => openBenchCore(dir.dir, ctx.emulators, limits),
    openAsClerk: () => openClerkCore(dir.dir, ctx.emulators),
  };
  if (cache !== null && existsSync(path.join(cache, 'complete'))) {
    cpSync(path.join(cache, 'data'), dir.dir, { recursive: true });
    ctx.log(`store: copied from the cache ${cache} (BENCH_STORE_CACHE=0 builds it anew)`);
    return store;
  }
  await buildStore(ctx, dir);
  if (cache !== null) {
    const staging = `${cache}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    cpSync(dir.dir, path.join(staging, 'data'), { recursive: true });
    mkdirSync(path.join(staging, 'complete'));
    rmSync(cache, { recursive: true, force: true });
    renameSync(staging, cache);
    ctx.log(`store: cached in ${cache}`);
  }
  return store;
}

async function buildStore(ctx: BenchContext, dir: TempDir): Promise<void> {
  const { opts } = ctx;
  const records = ctx.data.erpRecords.slice(0, opts.rows);
  const limits = { suning: opts.suning, wangdian: opts.wangdian };
  // Preparation only: the largest batch the settings allow, so 100,000 invoices take 2,000 requests.
  const core = await openBenchCore(dir.dir, ctx.emulators, { ...limits, suning: { ...opts.suning, batchSize: 50 } });
  try {
    let t0 = performance.now();
    const imported = await importBytes(core, 'erp-export.csv', csvUtf8(records));
    if (imported.inserted !== records.length) throw new Error(`store: imported ${imported.inserted} of ${records.length}`);
    ctx.log(`store: imported ${records.length} invoices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // Preparation is not measured: no added latency, so it takes seconds rather than minutes.
    await ctx.emulators.setFaults('suning', { latencyMs: 0 });
    await ctx.emulators.setFaults('wangdian', { latencyMs: 0 });
    // The seed's few 9999 orders make the job ask their batch bill by bill; at 100,000 invoices that alone
    // would take minutes at the settings' rate cap. So: everything else first, then just those orders.
    await ctx.emulators.failingOrders(false);
    t0 = performance.now();
    const failing = new Set(ctx.data.failingOrders);
    const failingIds: number[] = [];
    const otherIds: number[] = [];
    for (const r of core.services.repos.invoices.iterate({}, { field: 'invoiceNo', dir: 'asc' }, 5000)) {
      for (const row of r) (failing.has(row.orderNo) ? failingIds : otherIds).push(row.id);
    }
    const q = await runJob(core, 'jobs:startQuery', otherIds);
    await ctx.emulators.failingOrders(true);
    const qf = failingIds.length > 0 ? await runJob(core, 'jobs:startQuery', failingIds) : null;
    ctx.log(`store: queried Suning for every invoice in ${((performance.now() - t0) / 1000).toFixed(1)} s (${q.failed + (qf?.failed ?? 0)} failed)`);
    const matched = core.services.repos.invoices.idsForSelection({ kind: 'filter', filter: { reconStatus: ['matched'] } });
    const toSubmit = matched.slice(0, Math.min(SUBMITTED, Math.ceil(records.length / 100)));
    if (toSubmit.length > 0) {
      t0 = performance.now();
      const s = await runJob(core, 'jobs:startSubmit', toSubmit);
      ctx.log(`store: submitted ${toSubmit.length} matched invoices in ${((performance.now() - t0) / 1000).toFixed(1)} s (${s.failed} failed)`);
    }
    const counts = core.services.repos.invoices.counts({});
    ctx.log(`store: ${Object.entries(counts.byRecon).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  } finally {
    await ctx.emulators.failingOrders(true);
    await ctx.emulators.setFaults('suning', { latencyMs: opts.latencyMs });
    await ctx.emulators.setFaults('wangdian', { latencyMs: opts.latencyMs });
    await core.close();
  }
}
