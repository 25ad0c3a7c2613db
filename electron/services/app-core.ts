// Main process. Composes db, secrets, platforms and services into the one handler table every host mounts.
import path from 'node:path';
import type { CallContext, Channel, EventPayload, HandlerTable } from '../../shared/api/contract';
import { createDataDir, openDatabase, type Db } from '../db/open';
import { openDatabaseReadOnly } from '../db/open-readonly';
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
import { submitHandlers } from './handlers/submit';
import { autoHandlers } from './handlers/auto';
import { overviewHandlers } from './handlers/overview';
import { archiveHandlers } from './handlers/archive';
import { createArchiveEnv } from './archive/env';
import { createArchiveService } from './archive/service';
import { createAutoService, type AutoService } from './auto/service';
import type { CoreServices } from './core-services';
import { createJobManager } from './jobs/manager';
import { createPlatformClients, type EndpointOverrides } from './platform-clients';
import { createPracticeController } from './practice';
import { createSettingsService } from './settings';
import type { EventSink } from './events';
import { createWriteGate, type WriteGate } from './write-gate';
import { claimDataFolder, folderBusyError, type FolderAccess, type FolderClaim } from './data-folder';
import { asDiskFull } from './disk-full';
import type { Repositories } from '../db/repositories';
import type { Workspace } from '../../shared/api/workspaces';
import { workspaceHandlers, type WorkspaceControl } from './handlers/workspaces';
import { guardRealClients, realWorkspaceSettings, REAL_DEFAULTS, refusingPractice } from './workspaces/real-guard';

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
  /**
   * 'owner' (default): own the data folder or fail with data_folder.busy. 'owner-or-reader' (CLI status,
   * export): when another process owns it, open it read-only instead, without recovery or jobs.
   */
  readonly access?: FolderAccess;
  /**
   * The workspace (账套) this store is (workspaces/session.ts, the CLI's --workspace). A 'real' one refuses
   * practice mode and never reaches the emulators or sends demo data. Absent: a store opened directly (tests,
   * a folder of the single-store layout), which behaves as before.
   */
  readonly workspace?: Workspace;
  /** The app's workspace switcher behind the workspaces:* channels; absent where the host opens one store. */
  readonly workspaceControl?: WorkspaceControl;
  /** Runs once the folder is claimed, before the store is opened; may refuse (throw). */
  readonly afterClaim?: () => void;
}

export interface AppCore {
  readonly handlers: HandlerTable;
  /** Subscribe to main → renderer events; returns an unsubscribe function. */
  onEvent(listener: EventSink): () => void;
  /** Pauses running jobs (persisted so the next start resumes them) and closes the database. */
  close(): Promise<void>;
  /** The composed services, for the CLI host and tests in this process (never exposed to the renderer). */
  readonly services: CoreServices;
  /** 'owner' holds the data folder; 'reader' opened it read-only because another process owns it. */
  readonly role: FolderClaim['role'];
}

export const DATABASE_FILE = 'invoice-recon.sqlite';

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  createDataDir(options.dataDir);
  // Ownership first: recovery below rewrites rows another live process may be sending.
  const claim = claimDataFolder(options.dataDir, options.host, options.access ?? 'owner');
  try {
    options.afterClaim?.();
    return await composeCore(options, claim);
  } catch (error) {
    if (claim.role === 'owner') claim.lock.release();
    throw error;
  }
}

function openStore(dataDir: string, claim: FolderClaim): Db {
  const file = path.join(dataDir, DATABASE_FILE);
  if (claim.role === 'owner') return openDatabase(file);
  return openDatabaseReadOnly(file, () => folderBusyError(dataDir, claim.holder));
}

/**
 * After a crash (only ever run by the folder's owner, so nothing here is live in another process): sends
 * left 'sending' become 'unknown' (sent again with the invoice's current values, or superseded by its next
 * submission), and jobs left 'running' become 'paused' so that no job looks running that nobody runs.
 */
function recoverInterrupted(repos: Repositories): void {
  const recovered = repos.submissions.recoverAfterCrash();
  const paused = repos.jobs.pauseInterrupted();
  if (recovered.length > 0 || paused.length > 0) {
    repos.audit.append('system', 'submit.recover', null, { unknown: recovered.length, pausedJobs: paused });
  }
}

async function composeCore(options: AppCoreOptions, claim: FolderClaim): Promise<AppCore> {
  const db = openStore(options.dataDir, claim);
  const owner = claim.role === 'owner';
  const repos = repositories(db);
  const listeners = new Set<EventSink>();
  // 自动处理 follows its child jobs' progress (created below, after the job manager it composes).
  let auto: AutoService | null = null;
  const emit: EventSink = (event, payload) => {
    for (const l of listeners) l(event, payload);
    if (event === 'job:progress') auto?.onJobProgress(payload as EventPayload<'job:progress'>);
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
  const real = options.workspace?.kind === 'real';
  const settings = real ? realWorkspaceSettings(createSettingsService(repos.settings, REAL_DEFAULTS)) : createSettingsService(repos.settings);
  const practice = real ? refusingPractice() : createPracticeController(db, repos);
  const plainClients = createPlatformClients({ settings: () => settings.get(), secrets, practice: () => practice.endpoints(), overrides: options.overrides });
  const clients = real ? guardRealClients(plainClients, () => settings.get(), repos, options.overrides) : plainClients;
  const writeGate = createWriteGate();
  const archiveEnv = createArchiveEnv(options.dataDir);
  const jobs = createJobManager({ db, repos, clients, settings: () => settings.get(), archive: archiveEnv }, emit, writeGate);
  const archive = createArchiveService(repos, jobs, archiveEnv);
  auto = createAutoService({ db, repos, jobs, clients, writeGate, actor: options.host === 'cli' ? 'cli' : 'clerk', settings: () => settings.get(), emit });
  const services: CoreServices = {
    db, repos, settings, vault, secrets, clients, jobs, auto, archive, practice, emit, writeGate,
    host: options.host,
    version: options.version,
    dataDir: options.dataDir,
    workspace: options.workspace ?? null,
    actor: options.host === 'cli' ? 'cli' : 'clerk',
  };

  const table = diskFullAsAppError({
    ...appHandlers(services),
    ...invoiceHandlers(services),
    ...overviewHandlers(services),
    ...importHandlers(services),
    ...exportHandlers(services),
    ...jobHandlers(services),
    ...submissionHandlers(services),
    ...submitHandlers(services),
    ...autoHandlers(services),
    ...archiveHandlers(services),
    ...queryHandlers(services),
    ...auditHandlers(services),
    ...settingsHandlers(services),
    ...practiceHandlers(services),
    ...workspaceHandlers(options.workspaceControl ?? null),
  });
  const handlers: HandlerTable = owner
    ? waitForImports(table, writeGate)
    : refuseWrites(table, () => folderBusyError(options.dataDir, claim.holder));

  if (owner) {
    try {
      recoverInterrupted(repos);
      auto.recover();
      if (options.restorePractice !== false && !options.overrides) await practice.restore();
    } catch (error) {
      db.close();
      throw error;
    }
    if (options.resumeJobs !== false) {
      jobs.resumeAll();
      auto.resumeAll();
    }
  }

  let closed = false;
  return {
    handlers,
    services,
    role: claim.role,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      // The runs first: a runner stopped here starts no child job after the jobs are paused.
      await services.auto.pauseAll();
      await jobs.pauseAll();
      clients.close();
      await archiveEnv.close();
      await practice.stop();
      listeners.clear();
      try {
        db.close();
      } finally {
        if (claim.role === 'owner') claim.lock.release();
      }
    },
  };
}

/**
 * Handlers declared `writes(...)` write to the database on this thread. While an import worker holds SQLite's
 * write lock they wait for it asynchronously first (better-sqlite3 would otherwise wait synchronously, up to the
 * busy timeout, with the event loop frozen). Reads need no gate: WAL gives them the last committed snapshot.
 * Jobs that are already running write from electron/services/jobs and do not pass through here.
 */
/** A reader's writing channels answer data_folder.busy (naming the owner) instead of failing in SQLite. */
function refuseWrites(table: HandlerTable, busy: () => Error): HandlerTable {
  const out: Record<string, unknown> = { ...table };
  for (const [channel, handler] of Object.entries(table) as [Channel, unknown][]) {
    // The import worker opens its own read-write connection, so a reader refuses imports as well.
    if (!behaviourOf(handler).writes && !channel.startsWith('import:')) continue;
    out[channel] = withBehaviourOf(() => Promise.reject(busy()), handler);
  }
  return out as HandlerTable;
}

/** A full disk (SQLITE_FULL, ENOSPC) from any handler reaches every host as the one disk_full AppError. */
function diskFullAsAppError(table: HandlerTable): HandlerTable {
  const out: Record<string, unknown> = {};
  for (const [channel, handler] of Object.entries(table) as Array<[Channel, (input: unknown, ctx: CallContext) => Promise<unknown>]>) {
    out[channel] = withBehaviourOf(async (input: unknown, ctx: CallContext) => {
      try {
        return await handler(input, ctx);
      } catch (error) {
        throw asDiskFull(error);
      }
    }, handler);
  }
  return out as HandlerTable;
}

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
