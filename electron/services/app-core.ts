// Main process. Composes db, secrets, platforms and services into the one handler table every host mounts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CallContext, Channel, EventName, EventPayload, HandlerTable } from '../../shared/api/contract';
import { openDatabase } from '../db/open';
import { repositories } from '../db/repositories';
import { createStoredVault, type SecretSource, type SecretStore } from '../secrets/vault';
import { invoiceHandlers } from './handlers/invoices';
import { applySuningHandlers } from './handlers/apply-suning';
import { dataTransferHandlers } from './handlers/data-transfer';
import { jobHandlers } from './handlers/jobs';
import { settingsHandlers } from './handlers/settings';
import type { CoreServices } from './handlers/services';
import { createJobManager } from './jobs/manager';
import { createPlatformClients, type EndpointOverrides } from './platform-clients';
import { createPracticeController } from './practice';
import { createSettingsService } from './settings';
import { createWriteGate, type WriteGate } from './write-gate';

/** Encrypts secrets at rest: Electron safeStorage in the app, a profile/env source in the CLI, a test cipher in tests. */
export interface SecretCipher {
  /** e.g. 'dpapi', 'keychain', 'gnome_libsecret', 'basic_text', 'test', 'env'. */
  readonly backend: string;
  /** True where encryption is only obfuscation (Linux basic_text): the user must accept it. */
  readonly weak: boolean;
  encrypt(plain: string): Promise<Buffer>;
  /** Throws when the ciphertext cannot be decrypted (changed OS user, broken keychain). */
  decrypt(cipher: Buffer): Promise<string>;
}

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

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

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
  mkdirSync(options.dataDir, { recursive: true });
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
    ...invoiceHandlers(services),
    ...applySuningHandlers(services),
    ...dataTransferHandlers(services),
    ...jobHandlers(services),
    ...settingsHandlers(services),
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
 * Channels whose handlers write to the database on this thread. While an import worker holds SQLite's write
 * lock they wait for it asynchronously first (better-sqlite3 would otherwise wait synchronously, up to the
 * busy timeout, with the event loop frozen). Reads need no gate: WAL gives them the last committed snapshot.
 * Jobs that are already running write from electron/services/jobs and do not pass through here.
 */
const WRITING_CHANNELS = [
  'invoices:update', 'invoices:applySuning', 'invoices:applySuningBulk', 'invoices:undoApplySuning', 'export:invoices', 'export:submissions', 'jobs:startQuery', 'jobs:startSubmit',
  'jobs:cancel', 'submissions:resend', 'settings:update', 'settings:setSecret', 'practice:start',
] as const satisfies readonly Channel[];

function waitForImports(table: HandlerTable, gate: WriteGate): HandlerTable {
  const out: Record<string, unknown> = { ...table };
  for (const channel of WRITING_CHANNELS) {
    const handler = table[channel] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    out[channel] = async (input: unknown, ctx: CallContext) => {
      await gate.idle();
      return handler(input, ctx);
    };
  }
  return out as HandlerTable;
}
