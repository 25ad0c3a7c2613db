// Main process. Both emulators over one seeded data set with fixed, obviously fake practice credentials: what
// `npm run sandbox`, the app's practice mode, tests and benchmarks start.
import type { Faults } from './faults';
import { DEFAULT_SALE_ORG, generateSeed, type SeedData } from './seed';
import { startSuningEmulator, type SuningEmulator } from './suning-emulator';
import type { ErpRecord } from './types';
import { startWangdianEmulator, type WangdianEmulator } from './wangdian-emulator';

/** Practice-only credentials: they open nothing but the local emulators. */
export const PRACTICE_CREDENTIALS = {
  wangdian: { sid: 'practice', appkey: 'practice-key', appsecret: 'practice-secret-not-real' },
  suning: { appKey: 'practice-appkey', appSecret: 'practice-secret-not-real' },
} as const;

export interface SandboxOptions {
  readonly orders?: number;
  readonly seed?: number;
  readonly portWangdian?: number;
  readonly portSuning?: number;
  /** Delay added to every answer of both emulators; shorthand for faults.latencyMs, and wins over it. */
  readonly latencyMs?: number;
  readonly faults?: Faults;
  readonly saleOrg?: string;
  /** How long the seed's `slow` file stalls mid-way (default 3 s). */
  readonly slowFileMs?: number;
}

export interface Sandbox {
  readonly wangdian: { readonly url: string; readonly sid: string; readonly appkey: string; readonly appsecret: string };
  readonly suning: { readonly url: string; readonly appKey: string; readonly appSecret: string; readonly saleOrg: string };
  readonly erpRecords: readonly ErpRecord[];
  /** The whole generated data set (cases per order, failing orders) for tests and benchmarks. */
  readonly data: SeedData;
  readonly wangdianEmulator: WangdianEmulator;
  readonly suningEmulator: SuningEmulator;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const faults: Faults = { ...opts.faults, ...(opts.latencyMs === undefined ? {} : { latencyMs: opts.latencyMs }) };
  const w = PRACTICE_CREDENTIALS.wangdian;
  const s = PRACTICE_CREDENTIALS.suning;
  const saleOrg = opts.saleOrg ?? DEFAULT_SALE_ORG;
  // Suning first: the invoices' file links point at it, so the seed needs its address (and the ERP records
  // of matched orders hold the same links).
  const suningEmulator = await startSuningEmulator({ port: opts.portSuning ?? 0, ...s, saleOrg, faults, ...(opts.slowFileMs === undefined ? {} : { slowFileMs: opts.slowFileMs }) });
  let wangdianEmulator: WangdianEmulator;
  let data: SeedData;
  try {
    data = generateSeed({ orders: opts.orders ?? 200, seed: opts.seed ?? 1, saleOrg, fileOrigin: suningEmulator.url });
    suningEmulator.seed(data.invoicesByOrder, data.failingOrders);
    suningEmulator.seedFiles(data.files);
    wangdianEmulator = await startWangdianEmulator({ port: opts.portWangdian ?? 0, ...w, records: data.erpRecords, faults });
  } catch (e) {
    // Do not leave the first emulator listening when the second cannot start (e.g. its port is taken).
    await suningEmulator.close();
    throw e;
  }
  return {
    wangdian: { url: wangdianEmulator.url, ...w },
    suning: { url: suningEmulator.url, ...s, saleOrg: data.saleOrg },
    erpRecords: data.erpRecords,
    data,
    wangdianEmulator,
    suningEmulator,
    close: async () => {
      await Promise.all([wangdianEmulator.close(), suningEmulator.close()]);
    },
  };
}
