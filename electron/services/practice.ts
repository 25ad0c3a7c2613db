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

  async function boot(options: PracticeOptions): Promise<Awaited<ReturnType<typeof startSandbox>>> {
    if (running) return running;
    starting ??= startSandbox({ orders: options.orders, seed: options.seed });
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
      const sb = await boot(options);
      const sameSeed = isStored(previous) && previous.orders === options.orders && previous.seed === options.seed;
      if (!sameSeed) {
        const bytes = erpRecordsToCsv(sb.erpRecords);
        const file = { fileName: `练习数据-${options.seed}.csv`, bytes, encoding: 'auto' as const };
        // Demo data over earlier practice work: keep whatever the clerk filled, edited or had accepted (the
        // non-destructive choice), as previewed — a re-seed must not refuse to start over its own conflicts.
        const preview = await previewImport(db, file);
        await commitImport(db, { ...file, actor, onConflict: 'keep', conflictToken: preview.conflicts?.token ?? undefined });
        repos.settings.set(KEY, { orders: options.orders, seed: options.seed } satisfies StoredPractice);
        repos.audit.append(actor, 'practice.start', null, { orders: options.orders, seed: options.seed });
      }
      return endpointsOf(sb);
    },
    async restore() {
      const stored = repos.settings.get(KEY);
      if (isStored(stored)) await boot(stored);
    },
    async stop() {
      const sb = running;
      running = null;
      if (sb) await sb.close();
    },
  };
}
