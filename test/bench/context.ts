// Benchmark (plain Node). What every scenario receives: the options, a logger, the emulator child and
// the generated data; and the helper that turns timings into a result.
import type { SeedData } from '../../electron/sandbox/seed';
import type { EmulatorHost } from './emulators';
import { median, percentile, type Timed } from './measure';
import type { BenchOptions } from './options';
import type { ScenarioResult } from './result';

export interface BenchContext {
  readonly opts: BenchOptions;
  /** Progress for people, on stderr (stdout carries the table or the JSON lines). */
  log(line: string): void;
  readonly emulators: EmulatorHost;
  /** max(rows, orders) orders from the seed; the first `orders` of them are the network jobs' data. */
  readonly data: SeedData;
}

/** Max event-loop delay allowed while a job runs (issue 3/6). */
export const LOOP_LIMIT_MS = 50;

export interface Judged {
  readonly name: string;
  readonly n: number;
  readonly timed: Timed;
  readonly target: string;
  readonly pass: (medianMs: number, p95Ms: number, loopMs: number) => boolean;
  readonly note?: string;
}

export function resultOf(j: Judged): ScenarioResult {
  const med = median(j.timed.samples);
  const p95 = percentile(j.timed.samples, 95);
  return {
    name: j.name,
    n: j.n,
    median_ms: med,
    p95_ms: p95,
    ops_per_s: med > 0 ? (j.n * 1000) / med : 0,
    peak_rss_mb: j.timed.peakRssMb,
    max_event_loop_delay_ms: j.timed.maxLoopDelayMs,
    target: j.target,
    pass: j.pass(med, p95, j.timed.maxLoopDelayMs),
    runs: j.timed.samples.length,
    ...(j.note !== undefined ? { note: j.note } : {}),
  };
}
