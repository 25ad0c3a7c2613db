// Main process. What a running job may touch.
import type { Db } from '../../db/open';
import type { Repositories } from '../../db/repositories';
import type { Settings } from '../../../shared/api/schemas';
import type { PlatformClients } from '../platform-clients';
import type { JobWriter } from './writer';
import type { ArchiveEnv } from '../archive/env';

export interface JobContext {
  readonly db: Db;
  readonly repos: Repositories;
  readonly clients: PlatformClients;
  settings(): Settings;
  /** The archive job's store, file agent and parser (absent where no archive job runs: some tests). */
  readonly archive?: ArchiveEnv;
  /** Where the job's database writes go: small transactions, a bounded slice of them per event-loop turn. */
  readonly writer: JobWriter;
  /** Called after a batch changed invoices, so the renderer can refresh (throttled by the caller). */
  changed(): void;
  /** Called after each unit of work; the manager decides whether to emit progress. */
  progressed(): void;
}

export interface JobFailure {
  readonly code: string;
  readonly message: string;
  readonly messageEn: string;
}

/** A failure that makes every further request pointless (bad secret, wrong clock, not configured). */
export class FatalJobError extends Error {
  constructor(readonly failure: JobFailure) {
    super(failure.messageEn);
    this.name = 'FatalJobError';
  }
}

/**
 * Runs a job body with a signal that follows the caller's (cancel, pause) and that the body can also trip
 * itself when it meets a fatal error; that error is then thrown as a FatalJobError.
 */
export async function runUntilFatal(
  signal: AbortSignal,
  toFailure: (error: unknown) => JobFailure,
  body: (inner: AbortSignal, stop: (error: unknown) => void) => Promise<void>,
): Promise<void> {
  let fatal: unknown = null;
  const inner = new AbortController();
  const onAbort = (): void => inner.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await body(inner.signal, (error) => {
      if (fatal !== null) return;
      fatal = error;
      inner.abort(error);
    });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (fatal !== null) throw new FatalJobError(toFailure(fatal));
}
