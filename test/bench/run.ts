// Benchmark entry (plain Node): `npm run bench [-- flags]`. Generates its data, starts the emulators in a
// child process, runs every scenario and prints a table (or, with --json, one JSON object per scenario).
// A missed target is reported, never hidden; the exit code is non-zero only when something crashed.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../shared/errors';
import { removeTempDirs } from './bench-core';
import type { BenchContext } from './context';
import { seedData } from './data';
import { startEmulatorHost, type EmulatorHost } from './emulators';
import { HelpRequested, parseOptions, type BenchOptions } from './options';
import { failedResult, toJsonLine, toTable, type ScenarioResult } from './result';
import { autoScenario } from './scenarios/auto';
import { archiveScenario } from './scenarios/archive';
import { exportScenarios } from './scenarios/export';
import { importScenarios } from './scenarios/import';
import { largeImportScenario } from './scenarios/import-large';
import { listScenarios } from './scenarios/list';
import { memoryScenario } from './scenarios/memory';
import { suningQueryScenario, wangdianSubmitScenarios } from './scenarios/network';
import { reconcileScenarios } from './scenarios/reconcile';
import { rendererScenario } from './scenarios/renderer';
import { prepareStore, type Store } from './store';

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

export function machineLine(opts: BenchOptions): string {
  const cpus = os.cpus();
  return `${cpus.length}-core ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
    `Node ${process.versions.node}, ${os.platform()} ${os.release()}; rows ${opts.rows}, orders ${opts.orders}, ` +
    `latency ${opts.latencyMs} ms, runs ${opts.runs} (+${opts.warmup} warm-up), list runs ${opts.listRuns}, ` +
    `submit pairs ${opts.submitRuns}, baseline subset ${opts.baselineSubset}, seed ${opts.seed}${opts.quick ? ' (--quick)' : ''}; ` +
    `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

async function main(): Promise<number> {
  let opts: BenchOptions;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(`${e.message}\n`);
      return 0;
    }
    process.stderr.write(`${e instanceof AppError ? `${e.messageZh} / ${e.messageEn}` : (e as Error).message}\n`);
    return 2;
  }
  const started = performance.now();
  const firstLine = machineLine(opts);
  log(firstLine);
  const size = Math.max(opts.rows, opts.orders);
  const data = seedData(size, opts.seed);
  const emulators: EmulatorHost = await startEmulatorHost(size, opts.seed, opts.latencyMs);
  const ctx: BenchContext = { opts, log, emulators, data };
  const results: ScenarioResult[] = [];
  let crashed = false;
  const want = (group: string): boolean => opts.only === null || opts.only.test(group);

  const emit = (rs: readonly ScenarioResult[]): void => {
    results.push(...rs);
    if (opts.json) for (const r of rs) process.stdout.write(`${toJsonLine(r)}\n`);
  };
  /** Runs one group; an exception is recorded as a failed (crashed) scenario and the bench goes on. */
  /** `needed`: runs even when --only does not name it (the store is needed by the groups that were named). */
  async function step(group: string, target: string, fn: () => Promise<ScenarioResult[]>, needed = false): Promise<void> {
    if (!needed && !want(group)) return;
    const t0 = performance.now();
    try {
      emit(await fn());
    } catch (e) {
      crashed = true;
      log(`${group} crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      const { crashed: _c, ...r } = failedResult(group, target, e, true);
      emit([r]);
    }
    log(`${group} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  try {
    await step('import', '≤ 3 s', () => importScenarios(ctx));
    await step('import-1m', 'every row imported', () => largeImportScenario(ctx));

    let store: Store | null = null;
    if (['list', 'reconcile', 'export', 'memory', 'renderer'].some(want)) {
      await step('store', 'preparation', async () => {
        store = await prepareStore(ctx);
        return [];
      }, true);
    }
    const withStore = async <T>(fn: (s: Store) => Promise<T>): Promise<T> => {
      if (!store) throw new Error('the 100,000-invoice store could not be prepared (see the store step)');
      return fn(store);
    };
    for (const [group, target, run] of [
      ['list', 'median ≤ 10 ms, p95 ≤ 25 ms', listScenarios],
      ['reconcile', '≤ 1 s', reconcileScenarios],
      ['export', 'CSV ≤ 2 s / XLSX ≤ 8 s', exportScenarios],
    ] as const) {
      await step(group, target, () => withStore(async (s) => {
        const core = await s.open();
        try {
          return await run(ctx, core, s.rows);
        } finally {
          await core.close();
        }
      }));
    }
    await step('memory', 'peak RSS ≤ 300 MB', () => withStore(async (s) => [await memoryScenario(ctx, s.dir.dir, s.rows)]));
    await step('query', '≥ 20× baseline', async () => [await suningQueryScenario(ctx)]);
    await step('submit', '≥ 6× baseline', () => wangdianSubmitScenarios(ctx));
    await step('auto', '≤ 1.15× the rate-limit floor, loop ≤ 50 ms', async () => [await autoScenario(ctx)]);
    await step('archive', '≤ 1.3× the floor, RSS ≤ 300 MB, loop ≤ 50 ms', async () => [await archiveScenario(ctx)]);
    await step('renderer', 'first rows ≤ 1.5 s; no long task > 50 ms', () => withStore((s) => rendererScenario(ctx, s)));
  } finally {
    await emulators.close();
    removeTempDirs();
  }

  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (!opts.json) {
    const loadEnd = os.loadavg().map((l) => l.toFixed(1)).join(' ');
    process.stdout.write(`\n${firstLine} (at start; ${loadEnd} at the end)\n\n${toTable(results)}\n`);
  }
  return crashed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    log(`crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    removeTempDirs();
    process.exitCode = 1;
  },
);
