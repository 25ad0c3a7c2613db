// Main process. What the archive job needs beyond a query job's context: the store, one HTTP agent for file
// hosts (separate from the platforms' agents: no keep-alive to a host we do not know), and the parser, started
// on first use (worker threads) and closed with the app.
import { cpus } from 'node:os';
import { Agent, type Dispatcher } from 'undici';
import { createEinvoiceParser, type EinvoiceParser } from './parse/parser';
import { archiveRoot, createFileStore, type FileStore } from './store';

export interface ArchiveTimeouts {
  readonly connectTimeoutMs: number;
  /** Headers, and each next piece of the body, within this. */
  readonly readTimeoutMs: number;
  /** One file (all redirects, the whole body) within this. */
  readonly totalTimeoutMs: number;
}

export const DEFAULT_ARCHIVE_TIMEOUTS: ArchiveTimeouts = { connectTimeoutMs: 10_000, readTimeoutMs: 20_000, totalTimeoutMs: 120_000 };

const DEFAULT_RETRY: ArchiveEnv['retry'] = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 5_000 };

export interface ArchiveEnv {
  readonly store: FileStore;
  readonly dispatcher: Dispatcher;
  readonly timeouts: ArchiveTimeouts;
  /** Backoff of retried downloads (shorter in tests). */
  readonly retry: { readonly maxAttempts: number; readonly baseDelayMs: number; readonly maxDelayMs: number };
  parser(): EinvoiceParser;
  close(): Promise<void>;
}

export function createArchiveEnv(dataDir: string, timeouts: ArchiveTimeouts = DEFAULT_ARCHIVE_TIMEOUTS, retry: ArchiveEnv['retry'] = DEFAULT_RETRY): ArchiveEnv {
  const dispatcher = new Agent({
    connect: { timeout: timeouts.connectTimeoutMs },
    keepAliveTimeout: 4_000,
    connections: 16,
    headersTimeout: timeouts.readTimeoutMs,
    bodyTimeout: timeouts.readTimeoutMs,
  });
  let parser: EinvoiceParser | null = null;
  return {
    store: createFileStore(archiveRoot(dataDir)),
    dispatcher,
    timeouts,
    retry,
    parser() {
      // Leave a core for the main loop; one worker is enough on a 2-core machine.
      parser ??= createEinvoiceParser({ workers: Math.max(1, Math.min(4, cpus().length - 1)) });
      return parser;
    },
    async close() {
      const p = parser;
      parser = null;
      await p?.close();
      await dispatcher.close();
    },
  };
}
