// Benchmark (plain Node). `overview:get` (the 概览 page) over the whole store through its handler: one GROUP BY
// over the covering index plus the query-failed count, on the main thread, each time the clerk opens the page.
import { performance } from 'node:perf_hooks';
import type { AppCore } from '../../../electron/services/app-core';
import { CTX } from '../bench-core';
import type { BenchContext } from '../context';
import { Watch, median, nextTask, percentile } from '../measure';
import type { ScenarioResult } from '../result';

const MEDIAN_LIMIT_MS = 50;
const WARMUP = 3;

export async function overviewScenarios(ctx: BenchContext, core: AppCore, rows: number): Promise<ScenarioResult[]> {
  for (let i = 0; i < WARMUP; i++) await core.handlers['overview:get']({}, CTX);
  const samples: number[] = [];
  let total = 0;
  let days = 0;
  const watch = new Watch();
  for (let i = 0; i < ctx.opts.listRuns; i++) {
    await nextTask();
    const t0 = performance.now();
    const o = await core.handlers['overview:get']({}, CTX);
    samples.push(performance.now() - t0);
    total = o.total.count;
    days = o.byDay.length;
  }
  const w = await watch.stop();
  if (total !== rows) throw new Error(`overview counted ${total} invoices of ${rows}`);
  const med = median(samples);
  return [{
    name: 'overview: figures of the whole store',
    n: total,
    median_ms: med,
    p95_ms: percentile(samples, 95),
    ops_per_s: 1000 / med,
    peak_rss_mb: w.peakRssMb,
    max_event_loop_delay_ms: w.maxLoopDelayMs,
    target: `median ≤ ${MEDIAN_LIMIT_MS} ms`,
    pass: med <= MEDIAN_LIMIT_MS,
    runs: samples.length,
    note: `${days} invoice days, every status, shop and to-do`,
  }];
}
