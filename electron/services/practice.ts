// Main process. 练习模式: the built-in emulators with seeded demo data, so the whole workflow can be tried
// without real credentials. Demo records enter through the real importer, like a clerk's ERP export would.
import { startSandbox } from '../sandbox/sandbox';
import { erpRecordsToCsv } from '../sandbox/erp-csv';
import type { Db } from '../db/open';
import type { Repositories } from '../db/repositories';
import { commitImport, previewImport } from './import';
import type { PracticeEndpoints } from './settings';

export interface PracticeOptions {
  readonly orders: number;
  readonly seed: number;
}

export interface PracticeController {
  /** The running emulators, or null when practice mode is not running. */
  endpoints(): PracticeEndpoints | null;
  /** Starts the emulators (once) and, the first time, imports the demo ERP records. */
  start(options: PracticeOptions, actor: string): Promise<PracticeEndpoints>;
  /** Starts the emulators again after a restart when practice mode was in use. */
  restore(): Promise<void>;
  stop(): Promise<void>;
}

const KEY = 'practice';

interface StoredPractice {
  readonly orders: number;
  readonly seed: number;
  /**
   * The Suning emulator's port. Its invoice-file links carry it (and so do the imported records of matched
   * orders), so a restart brings the emulator back on it when it is free.
   */
  readonly suningPort?: number;
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** The sandbox on the remembered Suning port; on any free port when that one is taken meanwhile. */
async function startOnPort(options: PracticeOptions, suningPort: unknown): Promise<Awaited<ReturnType<typeof startSandbox>>> {
  // A stored value is checked like any input: anything but a port number means "any free port".
  if (typeof suningPort === 'number' && Number.isInteger(suningPort) && suningPort > 0 && suningPort < 65536) {
    try {
      return await startSandbox({ orders: options.orders, seed: options.seed, portSuning: suningPort });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
  return startSandbox({ orders: options.orders, seed: options.seed });
}

function isStored(v: unknown): v is StoredPractice {
  return typeof v === 'object' && v !== null && typeof (v as StoredPractice).orders === 'number' && typeof (v as StoredPractice).seed === 'number';
}

export function createPracticeController(db: Db, repos: Repositories): PracticeController {
  let running: Awaited<ReturnType<typeof startSandbox>> | null = null;
  let starting: Promise<Awaited<ReturnType<typeof startSandbox>>> | null = null;

  function endpointsOf(sb: Awaited<ReturnType<typeof startSandbox>>): PracticeEndpoints {
    return { wangdian: sb.wangdian, suning: sb.suning };
  }

  async function boot(options: PracticeOptions, suningPort?: unknown): Promise<Awaited<ReturnType<typeof startSandbox>>> {
    if (running) return running;
    starting ??= startOnPort(options, suningPort);
    try {
      running = await starting;
      return running;
    } finally {
      starting = null;
    }
  }

  return {
    endpoints: () => (running ? endpointsOf(running) : null),
    async start(options, actor) {
      const previous = repos.settings.get(KEY);
      const sameSeed = isStored(previous) && previous.orders === options.orders && previous.seed === options.seed;
      const sb = await boot(options, sameSeed ? previous.suningPort : undefined);
      const suningPort = portOf(sb.suning.url);
      if (!sameSeed) {
        const bytes = erpRecordsToCsv(sb.erpRecords);
        const file = { fileName: `练习数据-${options.seed}.csv`, bytes, encoding: 'auto' as const };
        // Demo data over earlier practice work: keep whatever the clerk filled, edited or had accepted (the
        // non-destructive choice), as previewed — a re-seed must not refuse to start over its own conflicts.
        const preview = await previewImport(db, file);
        await commitImport(db, { ...file, actor, onConflict: 'keep', conflictToken: preview.conflicts?.token ?? undefined });
        repos.settings.set(KEY, { orders: options.orders, seed: options.seed, suningPort } satisfies StoredPractice);
        repos.audit.append(actor, 'practice.start', null, { orders: options.orders, seed: options.seed });
      } else if (previous.suningPort !== suningPort) {
        repos.settings.set(KEY, { orders: options.orders, seed: options.seed, suningPort } satisfies StoredPractice);
      }
      return endpointsOf(sb);
    },
    async restore() {
      const stored = repos.settings.get(KEY);
      if (!isStored(stored)) return;
      const sb = await boot(stored, stored.suningPort);
      const suningPort = portOf(sb.suning.url);
      if (stored.suningPort !== suningPort) repos.settings.set(KEY, { orders: stored.orders, seed: stored.seed, suningPort } satisfies StoredPractice);
    },
    async stop() {
      const sb = running;
      running = null;
      if (sb) await sb.close();
    },
  };
}
