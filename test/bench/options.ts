// Benchmark (plain Node). Command-line flags of `npm run bench`, with the defaults and a --quick
// preset for a smoke run; bad flags fail with one bilingual line.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { validationError } from '../../shared/errors';

export interface BenchOptions {
  readonly json: boolean;
  readonly quick: boolean;
  /** Invoices in the local store (import, list, reconcile, export, memory, renderer). */
  readonly rows: number;
  /** Orders of the network jobs (Suning query, Wangdiantong submit). */
  readonly orders: number;
  /** Added to every emulator answer. */
  readonly latencyMs: number;
  readonly seed: number;
  /** Measured runs of the heavy scenarios (import, reconcile, export, network pairs). */
  readonly runs: number;
  readonly warmup: number;
  /** Measured runs of each list query. */
  readonly listRuns: number;
  /** Measured pairs of the Wangdiantong submit (each ≈ orders / rps seconds, so fewer by default). */
  readonly submitRuns: number;
  /** Sequential baseline requests actually sent; the rest is extrapolated linearly. */
  readonly baselineSubset: number;
  readonly suning: { readonly rps: number; readonly concurrency: number; readonly batchSize: number };
  readonly wangdian: { readonly rps: number; readonly concurrency: number };
  /** The archive job's limits (files per second, downloads in flight); it archives `orders` files. */
  readonly archive: { readonly rps: number; readonly concurrency: number };
  /** Regular expression over scenario groups: import, import-1m, list, reconcile, query, submit, export, memory, renderer. */
  readonly only: RegExp | null;
  /** Emulator-side platform limits (requests in any 1 s window); 0 = no limit. */
  readonly platformLimit: { readonly wangdian: number; readonly suning: number };
}

const USAGE = `npm run bench -- [--json] [--quick] [--rows N] [--orders N] [--latency MS] [--seed N]
  [--runs N] [--warmup N] [--list-runs N] [--submit-runs N] [--baseline-subset N]
  [--sn-rps N] [--sn-concurrency N] [--sn-batch N] [--wdt-rps N] [--wdt-concurrency N]
  [--wdt-platform-limit N] [--sn-platform-limit N] [--ar-rps N] [--ar-concurrency N] [--only REGEX]`;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const flagsSchema = z.object({
  rows: int(100, 1_000_000).optional(),
  orders: int(10, 200_000).optional(),
  latency: int(0, 10_000).optional(),
  seed: int(-2_147_483_648, 2_147_483_647).optional(),
  runs: int(1, 50).optional(),
  warmup: int(0, 10).optional(),
  'list-runs': int(3, 1000).optional(),
  'submit-runs': int(1, 50).optional(),
  'baseline-subset': int(10, 200_000).optional(),
  'sn-rps': z.coerce.number().min(0.1).max(10_000).optional(),
  'sn-concurrency': int(1, 64).optional(),
  'sn-batch': int(1, 50).optional(),
  'wdt-rps': z.coerce.number().min(0.1).max(10_000).optional(),
  'wdt-concurrency': int(1, 64).optional(),
  'wdt-platform-limit': int(0, 100_000).optional(),
  'sn-platform-limit': int(0, 100_000).optional(),
  'ar-rps': z.coerce.number().min(0.1).max(1000).optional(),
  'ar-concurrency': int(1, 64).optional(),
  only: z.string().max(200).optional(),
});

export function usage(): string {
  return USAGE;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      rows: { type: 'string' },
      orders: { type: 'string' },
      latency: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      'list-runs': { type: 'string' },
      'submit-runs': { type: 'string' },
      'baseline-subset': { type: 'string' },
      'sn-rps': { type: 'string' },
      'sn-concurrency': { type: 'string' },
      'sn-batch': { type: 'string' },
      'wdt-rps': { type: 'string' },
      'wdt-concurrency': { type: 'string' },
      'wdt-platform-limit': { type: 'string' },
      'sn-platform-limit': { type: 'string' },
      'ar-rps': { type: 'string' },
      'ar-concurrency': { type: 'string' },
      only: { type: 'string' },
    },
  });
  if (values.help) throw new HelpRequested();
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) throw validationError(parsed.error, { zh: '基准测试参数无效', en: 'Invalid bench flags' });
  const f = parsed.data;
  const quick = values.quick === true;
  let only: RegExp | null = null;
  if (f.only !== undefined) {
    try {
      only = new RegExp(f.only);
    } catch (e) {
      throw new Error(`--only 不是有效的正则表达式 / --only is not a valid regular expression: ${(e as Error).message}`, { cause: e });
    }
  }
  // Stated limits a clerk can set (shared/api/schemas.ts accepts up to 1000 rps and 64 in flight); the
  // production defaults of services/settings.ts are lower (20 rps), since quotas depend on the contract.
  // Wangdiantong: one invoice per call, so the rate decides the time — 250 rps, and 16 in flight keeps that
  // rate at 30 ms latency (250 × ~40 ms ≈ 10 busy). Suning: 20 bills per call, so 100 rps is plenty;
  // 8 in flight keeps it busy while some answers are being stored.
  const wangdian = { rps: f['wdt-rps'] ?? 250, concurrency: f['wdt-concurrency'] ?? 16 };
  const suning = { rps: f['sn-rps'] ?? 100, concurrency: f['sn-concurrency'] ?? 8, batchSize: f['sn-batch'] ?? 20 };
  return {
    json: values.json === true,
    quick,
    rows: f.rows ?? (quick ? 5_000 : 100_000),
    orders: f.orders ?? (quick ? 500 : 10_000),
    latencyMs: f.latency ?? 30,
    seed: f.seed ?? 1,
    runs: f.runs ?? (quick ? 1 : 3),
    warmup: f.warmup ?? 1,
    listRuns: f['list-runs'] ?? (quick ? 5 : 30),
    submitRuns: f['submit-runs'] ?? Math.min(f.runs ?? 2, quick ? 1 : 2),
    baselineSubset: f['baseline-subset'] ?? (quick ? 50 : 300),
    suning,
    wangdian,
    // The archive's defaults are 20 rps / 8 in flight (services/settings.ts); the bench states 100 rps.
    archive: { rps: f['ar-rps'] ?? 100, concurrency: f['ar-concurrency'] ?? 8 },
    only,
    // Off by default: the bench proves the limit is respected by counting, at the emulator, the requests
    // in every 1 s window. Set it to see how the job copes with a platform that answers "too frequent".
    platformLimit: {
      wangdian: f['wdt-platform-limit'] ?? 0,
      suning: f['sn-platform-limit'] ?? 0,
    },
  };
}

export class HelpRequested extends Error {
  constructor() {
    super(USAGE);
  }
}
