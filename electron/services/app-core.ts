// Main process. Composes db, secrets, platforms and services into the one handler table every host mounts.
import path from 'node:path';
import type { CallContext, Channel, HandlerTable } from '../../shared/api/contract';
import { createDataDir, openDatabase } from '../db/open';
import { repositories } from '../db/repositories';
import type { SecretCipher } from '../secrets/cipher';
import { createStoredVault, type SecretSource, type SecretStore } from '../secrets/vault';
import { appHandlers } from './handlers/app';
import { behaviourOf, withBehaviourOf } from './handlers/behaviour';
import { auditHandlers } from './handlers/audit';
import { exportHandlers } from './handlers/export';
import { importHandlers } from './handlers/import';
import { invoiceHandlers } from './handlers/invoices';
import { jobHandlers } from './handlers/jobs';
import { practiceHandlers } from './handlers/practice';
import { queryHandlers } from './handlers/queries';
import { settingsHandlers } from './handlers/settings';
import { submissionHandlers } from './handlers/submissions';
import type { CoreServices } from './core-services';
import { createJobManager } from './jobs/manager';
import { createPlatformClients, type EndpointOverrides } from './platform-clients';
import { createPracticeController } from './practice';
import { createSettingsService } from './settings';
import type { EventSink } from './events';
import { createWriteGate, type WriteGate } from './write-gate';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly host: 'electron' | 'browser' | 'cli';
  readonly cipher: SecretCipher;
  readonly version: string;
  /** CLI: secrets from the environment instead of the stored vault. */
  readonly secretSource?: SecretSource;
  /** CLI: endpoints and ids from the environment instead of the stored settings. */
  readonly overrides?: EndpointOverrides;
  /** Resume jobs that were running when the app stopped (default true). */
  readonly resumeJobs?: boolean;
  /** Start the practice emulators again if practice mode was in use (default true). */
  readonly restorePractice?: boolean;
}

export interface AppCore {
  readonly handlers: HandlerTable;
  /** Subscribe to main → renderer events; returns an unsubscribe function. */
  onEvent(listener: EventSink): () => void;
  /** Pauses running jobs (persisted so the next start resumes them) and closes the database. */
  close(): Promise<void>;
  /** The composed services, for the CLI host and tests in this process (never exposed to the renderer). */
  readonly services: CoreServices;
}

export const DATABASE_FILE = 'invoice-recon.sqlite';

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  createDataDir(options.dataDir);
  const db = openDatabase(path.join(options.dataDir, DATABASE_FILE));
  const repos = repositories(db);
  const listeners = new Set<EventSink>();
  const emit: EventSink = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };

  const store: SecretStore = {
    read: (name) => repos.secrets.get(name),
    write: (name, ciphertext, hint) => repos.secrets.put(name, ciphertext, hint),
    remove: (name) => void repos.secrets.delete(name),
  };
  const weakAcceptance = {
    get: () => repos.settings.get('secrets.acceptWeak') === true,
    set: (v: boolean) => repos.settings.set('secrets.acceptWeak', v),
  };
  const vault = options.secretSource ? null : createStoredVault(options.cipher, store, weakAcceptance);
  const secrets: SecretSource = options.secretSource ?? (vault as SecretSource);
  const settings = createSettingsService(repos.settings);
  const practice = createPracticeController(db, repos);
  const clients = createPlatformClients({ settings: () => settings.get(), secrets, practice: () => practice.endpoints(), overrides: options.overrides });
  const writeGate = createWriteGate();
  const jobs = createJobManager({ db, repos, clients, settings: () => settings.get() }, emit, writeGate);
  const services: CoreServices = {
    db, repos, settings, vault, secrets, clients, jobs, practice, emit, writeGate,
    host: options.host,
    version: options.version,
    dataDir: options.dataDir,
    actor: options.host === 'cli' ? 'cli' : 'clerk',
  };

  const handlers: HandlerTable = waitForImports({
    ...appHandlers(services),
    ...invoiceHandlers(services),
    ...importHandlers(services),
    ...exportHandlers(services),
    ...jobHandlers(services),
    ...submissionHandlers(services),
    ...queryHandlers(services),
    ...auditHandlers(services),
    ...settingsHandlers(services),
    ...practiceHandlers(services),
  }, writeGate);

  // A crash may have left submissions 'sending': they become 'unknown' and their jobs send them again.
  const recovered = repos.submissions.recoverAfterCrash();
  if (recovered.length > 0) repos.audit.append('system', 'submit.recover', null, { unknown: recovered.length });
  if (options.restorePractice !== false && !options.overrides) await practice.restore();
  if (options.resumeJobs !== false) jobs.resumeAll();

  let closed = false;
  return {
    handlers,
    services,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      await jobs.pauseAll();
      clients.close();
      await practice.stop();
      listeners.clear();
      db.close();
    },
  };
}

/**
 * Handlers declared `writes(...)` write to the database on this thread. While an import worker holds SQLite's
 * write lock they wait for it asynchronously first (better-sqlite3 would otherwise wait synchronously, up to the
 * busy timeout, with the event loop frozen). Reads need no gate: WAL gives them the last committed snapshot.
 * Jobs that are already running write from electron/services/jobs and do not pass through here.
 */
function waitForImports(table: HandlerTable, gate: WriteGate): HandlerTable {
  const out: Record<string, unknown> = { ...table };
  for (const [channel, handler] of Object.entries(table) as [Channel, (input: unknown, ctx: CallContext) => Promise<unknown>][]) {
    if (!behaviourOf(handler).writes) continue;
    out[channel] = withBehaviourOf(async (input: unknown, ctx: CallContext) => {
      await gate.idle();
      return handler(input, ctx);
    }, handler);
  }
  return out as HandlerTable;
}
