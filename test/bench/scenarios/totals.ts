// Benchmark (plain Node). The money totals (invoices:totals) of the footer and the selection bar over the
// 100,000-invoice store, through the handler, for the filters the reconcile page can send and a large selection.
import { performance } from 'node:perf_hooks';
import type { ParsedInput } from '../../../shared/api/contract';
import type { AppCore } from '../../../electron/services/app-core';
import { CTX } from '../bench-core';
import type { BenchContext } from '../context';
import { Watch, median, nextTask, percentile } from '../measure';
import type { ScenarioResult } from '../result';

// The footer's sum is asked for after the first page and never blocks it; it should still feel instant and keep
// the main process's loop free for the pages that follow.
const MEDIAN_LIMIT_MS = 25;
const WARMUP = 3;

type Selection = ParsedInput<'invoices:totals'>['selection'];

export async function totalsScenarios(ctx: BenchContext, core: AppCore, rows: number): Promise<ScenarioResult[]> {
  const mid = ctx.data.erpRecords[Math.floor(Math.min(rows, ctx.data.erpRecords.length) / 2)];
  if (!mid) throw new Error('no records');
  const ids = core.services.repos.invoices.idsForSelection({ kind: 'filter', filter: {} }).filter((_, i) => i % 5 === 0);
  const f = (name: string, filter: Extract<Selection, { kind: 'filter' }>['filter']): [string, Selection] => [name, { kind: 'filter', filter }];
  const cases: [string, Selection][] = [
    f('whole store', {}),
    f('status fillable + matched', { reconStatus: ['fillable', 'matched'] }),
    f(`shop ${mid.shop}`, { shop: mid.shop }),
    f('date from (most rows)', { dateFrom: '2000-01-01' }),
    f('amount 100–500 yuan', { amountMinFen: 10_000, amountMaxFen: 50_000 }),
    f('有差额', { amountDiff: 'nonzero' }),
    f('search prefix (month)', { search: mid.invoiceNo.slice(0, 8) }),
    ['selection of 20,000 ids', { kind: 'ids', ids: ids.slice(0, 20_000) }],
  ];
  ctx.log(`totals: ${cases.length} cases × ${ctx.opts.listRuns} runs over ${rows} invoices…`);
  const out: ScenarioResult[] = [];
  for (const [name, selection] of cases) {
    for (let i = 0; i < WARMUP; i++) await core.handlers['invoices:totals']({ selection }, CTX);
    const samples: number[] = [];
    let count = 0;
    const watch = new Watch();
    for (let i = 0; i < ctx.opts.listRuns; i++) {
      await nextTask();
      const t0 = performance.now();
      count = (await core.handlers['invoices:totals']({ selection }, CTX)).count;
      samples.push(performance.now() - t0);
    }
    const w = await watch.stop();
    const med = median(samples);
    out.push({
      name: `totals: ${name}`,
      n: count,
      median_ms: med,
      p95_ms: percentile(samples, 95),
      ops_per_s: 1000 / med,
      peak_rss_mb: w.peakRssMb,
      max_event_loop_delay_ms: w.maxLoopDelayMs,
      target: `median ≤ ${MEDIAN_LIMIT_MS} ms`,
      pass: med <= MEDIAN_LIMIT_MS,
      runs: samples.length,
      note: `${count} of ${rows} summed`,
    });
  }
  return out;
}
