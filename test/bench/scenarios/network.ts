// Benchmark (plain Node). The two bulk jobs against the emulators with added latency, each paired back to
// back with the SDK-style sequential baseline, so every ratio compares two runs made under the same load.
import type { AppCore } from '../../../electron/services/app-core';
import type { JobProgress } from '../../../shared/api/schemas';
import { importBytes, openBenchCore, runJob, tempDir } from '../bench-core';
import { LOOP_LIMIT_MS, type BenchContext } from '../context';
import { csvUtf8, evenSubset, submitReadyRecords, wdtUpdateOf } from '../data';
import type { TrafficStats } from '../emulator-protocol';
import { Watch, median, percentile, settle } from '../measure';
import type { ScenarioResult } from '../result';
import { suningSdkBaseline, wangdianSdkBaseline, type BaselineRun } from '../sdk-baseline';
import { performance } from 'node:perf_hooks';
import { maxPerSecond } from '../../../electron/http/rate-limiter';
import { refreshDerived } from '../../../electron/db/derived';

interface Pair {
  readonly oursMs: number;
  /** Baseline time for the full n (extrapolated from the subset when smaller). */
  readonly baselineMs: number;
  readonly loopMs: number;
  readonly rssMb: number;
  readonly job: JobProgress;
  readonly traffic: TrafficStats;
  readonly baseline: BaselineRun;
}

interface PairedSpec {
  readonly name: string;
  readonly n: number;
  readonly runs: number;
  readonly subset: number;
  readonly baseline: () => Promise<BaselineRun>;
  readonly ours: () => Promise<JobProgress>;
  /** Run before each measured run, outside its time (e.g. putting the data back as it was). */
  readonly prepare?: () => void;
  readonly platform: 'wangdian' | 'suning';
}

async function measurePairs(ctx: BenchContext, spec: PairedSpec): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for (let r = 0; r < spec.runs; r++) {
    await ctx.emulators.reset();
    const baseline = await spec.baseline();
    if (baseline.failed > 0 && baseline.ok === 0) throw new Error(`${spec.name}: every baseline call failed`);
    await ctx.emulators.reset();
    spec.prepare?.();
    await settle();
    const watch = new Watch();
    const t0 = performance.now();
    const job = await spec.ours();
    const oursMs = performance.now() - t0;
    const w = await watch.stop();
    if (job.state !== 'done') throw new Error(`${spec.name}: the job ended ${job.state}: ${job.lastError?.messageEn ?? ''}`);
    const traffic = await ctx.emulators.stats(spec.platform);
    const baselineMs = baseline.ms * (spec.n / baseline.calls);
    ctx.log(`  pair ${r + 1}/${spec.runs}: ours ${(oursMs / 1000).toFixed(2)} s, baseline ${(baselineMs / 1000).toFixed(1)} s` +
      `${baseline.calls < spec.n ? ` (from ${baseline.calls} calls in ${(baseline.ms / 1000).toFixed(1)} s)` : ''}, ratio ${(baselineMs / oursMs).toFixed(1)}×, loop ${w.maxLoopDelayMs.toFixed(0)} ms`);
    pairs.push({ oursMs, baselineMs, loopMs: w.maxLoopDelayMs, rssMb: w.peakRssMb, job, traffic, baseline });
  }
  return pairs;
}

function pairedResult(spec: PairedSpec, pairs: readonly Pair[], minRatio: number, extraPass: boolean, note: string): ScenarioResult {
  const ours = pairs.map((p) => p.oursMs);
  const ratio = median(pairs.map((p) => p.baselineMs / p.oursMs));
  const loop = Math.max(...pairs.map((p) => p.loopMs));
  const med = median(ours);
  return {
    name: spec.name,
    n: spec.n,
    median_ms: med,
    p95_ms: percentile(ours, 95),
    ops_per_s: (spec.n * 1000) / med,
    baseline_ms: median(pairs.map((p) => p.baselineMs)),
    ratio,
    ...(spec.subset < spec.n ? { baseline_extrapolated_from: spec.subset } : {}),
    peak_rss_mb: Math.max(...pairs.map((p) => p.rssMb)),
    max_event_loop_delay_ms: loop,
    target: `≥ ${minRatio}× baseline, loop ≤ ${LOOP_LIMIT_MS} ms`,
    pass: ratio >= minRatio && loop <= LOOP_LIMIT_MS && extraPass,
    runs: pairs.length,
    note,
  };
}

async function coreWith(ctx: BenchContext, label: string, records: Parameters<typeof csvUtf8>[0]): Promise<{ core: AppCore; ids: number[]; close(): Promise<void> }> {
  const dir = tempDir(label);
  const core = await openBenchCore(dir.dir, ctx.emulators, { suning: ctx.opts.suning, wangdian: ctx.opts.wangdian });
  const r = await importBytes(core, `${label}.csv`, csvUtf8(records));
  if (r.inserted !== records.length) throw new Error(`${label}: imported ${r.inserted} of ${records.length}`);
  const ids = core.services.repos.invoices.idsForSelection({ kind: 'filter', filter: {} });
  return { core, ids, close: async () => { await core.close(); dir.remove(); } };
}

const WARMUP_ITEMS = 100;

/**
 * The write-back plan sends 80 only for invoices matched against a fresh Suning answer, and skips what was
 * accepted and is unchanged. The submit bench measures sending, so each record gets Suning's answer equal to
 * it (one valid blue with the record's number, code and amount) without the query phase's time, and
 * `forgetSubmissions` puts the outbox back to empty before each run so every run sends all of them again.
 */
function answerAsMatched(core: AppCore, records: Parameters<typeof csvUtf8>[0]): void {
  const { db, repos } = core.services;
  db.transaction(() => {
    for (const r of records) {
      repos.suning.replaceForOrder(r.orderNo, [{
        orderNo: r.orderNo, orderItemId: '1', saleOrg: r.saleOrg, saleTaxNo: '', invoiceFlag: '04', invoiceType: 1,
        invoiceCode: r.invoiceCode, invoiceNum: r.invoiceNum, amountFen: r.amountFen, noTaxAmountFen: null, invoiceDate: r.invoiceDate,
        securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '', logisticsComp: '', invoiceStatus: '2', pdfUrl: r.pdfUrl,
      }], {});
      repos.suning.logQuery({ orderNo: r.orderNo, billType: r.billType, outcome: 'found', invoices: 1 });
    }
  })();
}

function forgetSubmissions(core: AppCore): void {
  const { db } = core.services;
  db.transaction(() => {
    db.prepare('DELETE FROM submissions').run();
    refreshDerived(db, 'all');
  })();
}

export async function suningQueryScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { opts } = ctx;
  const records = ctx.data.erpRecords.slice(0, opts.orders);
  const env = await coreWith(ctx, 'query', records);
  try {
    const subset = Math.min(opts.baselineSubset, records.length);
    const orderNos = evenSubset(records.map((r) => r.orderNo), subset);
    if (opts.platformLimit.suning > 0) await ctx.emulators.setFaults('suning', { latencyMs: opts.latencyMs, rateLimitPerSecond: opts.platformLimit.suning });
    else await ctx.emulators.setFaults('suning', { latencyMs: opts.latencyMs });
    ctx.log(`suning query ${records.length} orders at ${opts.latencyMs} ms latency: warm-up…`);
    for (let i = 0; i < opts.warmup; i++) {
      await runJob(env.core, 'jobs:startQuery', env.ids.slice(0, WARMUP_ITEMS));
      await suningSdkBaseline(ctx.emulators.suning, orderNos.slice(0, 10));
    }
    const spec: PairedSpec = {
      name: 'bulk Suning query',
      n: records.length,
      runs: opts.runs,
      subset,
      platform: 'suning',
      baseline: () => suningSdkBaseline(ctx.emulators.suning, orderNos),
      ours: () => runJob(env.core, 'jobs:startQuery'),
    };
    const pairs = await measurePairs(ctx, spec);
    const last = pairs[pairs.length - 1];
    const s = opts.suning;
    const respected = pairs.every((p) => rateRespected(p.traffic, s.rps));
    const batches = Math.ceil(records.length / s.batchSize);
    const floorS = (last?.traffic.requests ?? 0) / s.rps;
    const note = `ours: settings rps ${s.rps}, concurrency ${s.concurrency}, batchSize ${s.batchSize}, keep-alive, one continuous feed; ` +
      `${last?.traffic.requests ?? 0} requests per run (${batches} batches; a batch answered 9999 as a whole — one failing order ` +
      `fails the request — is split in halves through the same pool until the failing order stands alone), so at ${s.rps} rps ` +
      `the run cannot take less than ${floorS.toFixed(1)} s; rate limit ${respected ? 'respected' : 'NOT respected'} (busiest second ` +
      `${last?.traffic.busiestSecond ?? 0}, allowed ${allowedPerSecond(s.rps)}); ${last?.job.failed ?? 0} bills failed with 9999 on their own; ` +
      `baseline: 1 order per request, sequential, Connection: close, ${last?.baseline.ok ?? 0}/${last?.baseline.calls ?? 0} answered`;
    return pairedResult(spec, pairs, 20, respected, note);
  } finally {
    await ctx.emulators.setFaults('suning', { latencyMs: opts.latencyMs });
    await env.close();
  }
}

/**
 * The most requests the emulator may count in any 1 s window: the limiter's own bound (rps plus its ~20 ms
 * burst, electron/http/rate-limiter.ts) plus 1 % of rps for arrival jitter — requests leave the limiter
 * evenly but reach the emulator a few milliseconds apart, so a window can catch one or two extra.
 */
function allowedPerSecond(rps: number): number {
  return maxPerSecond({ rps, concurrency: 1 }) + Math.ceil(rps / 100);
}

/**
 * Whether the job kept to its limiter: over the whole run no more than rps × (1 + seconds) requests, no
 * sliding 1 s window above allowedPerSecond(rps), no rate-limit answer.
 */
function rateRespected(t: TrafficStats, rps: number): boolean {
  const allowed = rps * (1 + t.spanMs / 1000) + 1;
  return t.rateLimited === 0 && t.requests <= allowed && t.busiestSecond <= allowedPerSecond(rps);
}

export async function wangdianSubmitScenarios(ctx: BenchContext): Promise<ScenarioResult[]> {
  const { opts } = ctx;
  const records = submitReadyRecords(ctx.data, opts.orders);
  const env = await coreWith(ctx, 'submit', records);
  const out: ScenarioResult[] = [];
  try {
    answerAsMatched(env.core, records);
    const subset = Math.min(opts.baselineSubset, records.length);
    const updates = evenSubset(records.map(wdtUpdateOf), subset);
    if (opts.platformLimit.wangdian > 0) await ctx.emulators.setFaults('wangdian', { latencyMs: opts.latencyMs, rateLimitPerSecond: opts.platformLimit.wangdian });
    else await ctx.emulators.setFaults('wangdian', { latencyMs: opts.latencyMs });
    ctx.log(`wangdian submit ${records.length} invoices at ${opts.latencyMs} ms latency: warm-up…`);
    for (let i = 0; i < opts.warmup; i++) {
      forgetSubmissions(env.core);
      await runJob(env.core, 'jobs:startSubmit', env.ids.slice(0, WARMUP_ITEMS));
      await wangdianSdkBaseline(ctx.emulators.wangdian, updates.slice(0, 10));
    }
    const runs = opts.submitRuns;
    const w = opts.wangdian;
    const spec: PairedSpec = {
      name: 'bulk Wangdiantong submit',
      n: records.length,
      runs,
      subset,
      platform: 'wangdian',
      baseline: () => wangdianSdkBaseline(ctx.emulators.wangdian, updates),
      ours: () => runJob(env.core, 'jobs:startSubmit'),
      prepare: () => forgetSubmissions(env.core),
    };
    const pairs = await measurePairs(ctx, spec);
    const respected = pairs.every((p) => rateRespected(p.traffic, w.rps));
    // Every invoice really went out (none skipped by the plan): failures none, requests at least one each.
    const accepted = pairs.every((p) => p.job.failed === 0 && p.traffic.requests >= spec.n);
    const last = pairs[pairs.length - 1];
    // Best ratio any job can reach under this limit: the baseline's time per call × rps.
    const perCall = last ? last.baseline.ms / last.baseline.calls : Number.NaN;
    const ceiling = (perCall * w.rps) / 1000;
    out.push(pairedResult(spec, pairs, 6, respected && accepted,
      `ours: settings rps ${w.rps}, concurrency ${w.concurrency} (a limit a clerk can set; the first-run default is 20 rps), ` +
      `keep-alive, outbox row written before each send; ` +
      `rate limit ${respected ? 'respected' : 'NOT respected'} (busiest second ${last?.traffic.busiestSecond ?? 0}, allowed ${allowedPerSecond(w.rps)}, ` +
      `${last?.traffic.rateLimited ?? 0} rate-limit answers); ${last?.job.failed ?? 0} failed; at ${w.rps} rps no job can beat ` +
      `${ceiling.toFixed(1)}× a ${perCall.toFixed(1)} ms-per-call baseline; ` +
      `baseline: 1 invoice per request, sequential, Connection: close`));

    return out;
  } finally {
    await ctx.emulators.setFaults('wangdian', { latencyMs: opts.latencyMs });
    await env.close();
  }
}
