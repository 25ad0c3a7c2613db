// Benchmark (plain Node). One 100-row page out of the whole store through the invoices:list handler (page
// plus the filter's total, as the reconcile page asks for it), for every variant the UI can send.
import { performance } from 'node:perf_hooks';
import type { AppCore } from '../../../electron/services/app-core';
import { CTX } from '../bench-core';
import type { BenchContext } from '../context';
import { Watch, median, nextTask, percentile } from '../measure';
import type { ScenarioResult } from '../result';
import { listVariants, preparedInput } from './list-variants';

const MEDIAN_LIMIT_MS = 10;
const P95_LIMIT_MS = 25;
const WARMUP = 3;

export async function listScenarios(ctx: BenchContext, core: AppCore, rows: number): Promise<ScenarioResult[]> {
  const variants = listVariants(ctx.data.erpRecords.slice(0, rows));
  ctx.log(`list: ${variants.length} variants × ${ctx.opts.listRuns} runs over ${rows} invoices…`);
  const out: ScenarioResult[] = [];
  const all: { med: number; p95: number }[] = [];
  for (const variant of variants) {
    const input = await preparedInput(core, variant);
    let total = 0;
    let got = 0;
    for (let i = 0; i < WARMUP; i++) await core.handlers['invoices:list'](input, CTX);
    const samples: number[] = [];
    const watch = new Watch();
    for (let i = 0; i < ctx.opts.listRuns; i++) {
      await nextTask();
      const t0 = performance.now();
      const page = await core.handlers['invoices:list'](input, CTX);
      samples.push(performance.now() - t0);
      total = page.total;
      got = page.rows.length;
    }
    const w = await watch.stop();
    if (got > input.limit) throw new Error(`${variant.name}: ${got} rows for a page of ${input.limit}`);
    const med = median(samples);
    const p95 = percentile(samples, 95);
    all.push({ med, p95 });
    out.push({
      name: `list: ${variant.name}`,
      n: got,
      median_ms: med,
      p95_ms: p95,
      ops_per_s: 1000 / med,
      peak_rss_mb: w.peakRssMb,
      max_event_loop_delay_ms: w.maxLoopDelayMs,
      target: `median ≤ ${MEDIAN_LIMIT_MS} ms, p95 ≤ ${P95_LIMIT_MS} ms`,
      pass: med <= MEDIAN_LIMIT_MS && p95 <= P95_LIMIT_MS,
      runs: samples.length,
      note: `${total} of ${rows} match`,
    });
  }
  const worstMed = Math.max(...all.map((a) => a.med));
  const worstP95 = Math.max(...all.map((a) => a.p95));
  out.unshift({
    name: `list: worst of ${variants.length} variants`,
    n: rows,
    median_ms: worstMed,
    p95_ms: worstP95,
    ops_per_s: 1000 / worstMed,
    peak_rss_mb: Math.max(...out.map((r) => r.peak_rss_mb)),
    max_event_loop_delay_ms: Math.max(...out.map((r) => r.max_event_loop_delay_ms)),
    target: `median ≤ ${MEDIAN_LIMIT_MS} ms, p95 ≤ ${P95_LIMIT_MS} ms`,
    pass: out.every((r) => r.pass),
    note: `each figure is the slowest variant's; ${out.filter((r) => !r.pass).length} of ${variants.length} variants miss the target`,
  });
  return out;
}
