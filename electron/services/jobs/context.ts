// Main process. What a running job may touch.
import type { Db } from '../../db/open';
import type { Repositories } from '../../db/repositories';
import type { Settings } from '../../../shared/api/schemas';
import type { PlatformClients } from '../platform-clients';

export interface JobContext {
  readonly db: Db;
  readonly repos: Repositories;
  readonly clients: PlatformClients;
  settings(): Settings;
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
