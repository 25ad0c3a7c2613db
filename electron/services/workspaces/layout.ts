// Main process. The data folder's layout and its one-time migration into workspaces.
//
//   <dataDir>/workspaces.json            the registry (registry.ts)
//   <dataDir>/owner.lock, owner.json     held only while the registry changes (and by a single-store owner)
//   <dataDir>/logs/, window-state.json   the Electron app's own (not per workspace)
//   <dataDir>/workspaces/<id>/           one store, laid out as the single-store version laid out a data folder:
//       invoice-recon.sqlite(-wal,-shm)  invoices, submissions, settings, encrypted secrets
//       secret.key                       the browser host's / CLI's key file (Electron uses safeStorage)
//       owner.lock, owner.json           the workspace's owner (docs/ARCHITECTURE.md, "One owner per data folder")
//       exports/                         exports made without a save dialog
//
// Migration of a single-store folder (the store at the top of <dataDir>) is crash-safe with ONE atomic rename as
// its commit point: the workspace folder is prepared beside it first (key file copied, a marker saying what it
// becomes), the store is folded into one file (no -wal), then the store file is renamed into the workspace. A
// crash before that rename leaves the old layout whole (the next start prepares again); after it, the new one
// (the next start writes the registry from the marker and removes what the old layout left). A rename within
// one folder tree is atomic on every file system the app supports.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { workspaceSchema, type Workspace } from '../../../shared/api/workspaces';
import { claimOwnership, type OwnerHost } from '../../db/owner-lock';
import { createDataDir } from '../../db/open';
import { folderBusyError } from '../data-folder';
import { EMPTY_REGISTRY, PRACTICE_ID, readRegistry, workspaceDir, WORKSPACES_DIR, writeRegistry, type Registry } from './registry';

/** The single-store version's file names (app-core.ts DATABASE_FILE and the hosts' key file). */
export const STORE_FILE = 'invoice-recon.sqlite';
export const KEY_FILE = 'secret.key';
const EXPORTS_DIR = 'exports';
const MARKER_FILE = 'migration.json';
const STAGING_PREFIX = '.staging-';

export type Layout = 'fresh' | 'single-store' | 'workspaces';

export function layoutOf(dataDir: string): Layout {
  if (existsSync(path.join(dataDir, 'workspaces.json'))) return 'workspaces';
  if (existsSync(path.join(dataDir, STORE_FILE))) return 'single-store';
  return 'fresh';
}

/** The steps a test may stop at (and SIGKILL the process there). */
export type MigrationStep = 'prepared' | 'folded' | 'staged' | 'committed' | 'registered';
export interface MigrationHooks {
  at?(step: MigrationStep): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `fn` while this process holds the data folder's top-level lock, which serialises every change of the
 * registry across processes (app, CLI). Such changes take milliseconds, so a busy lock is tried again for a
 * short while; a single-store owner (the previous version, or a CLI on a folder not migrated yet) holds it for
 * its whole run, and is named in the data_folder.busy refusal.
 */
export async function withRegistryLock<T>(dataDir: string, host: OwnerHost, fn: () => Promise<T>): Promise<T> {
  createDataDir(dataDir);
  for (let attempt = 0; ; attempt++) {
    const claim = claimOwnership(dataDir, host);
    if (claim.ok) {
      try {
        return await fn();
      } finally {
        claim.lock.release();
      }
    }
    if (attempt >= 40) throw folderBusyError(dataDir, claim.holder);
    await sleep(50);
  }
}

const markerSchema = workspaceSchema;

function readMarker(dir: string): Workspace | null {
  try {
    const r = markerSchema.safeParse(JSON.parse(readFileSync(path.join(dir, MARKER_FILE), 'utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** What the single store was used for: demo data was imported into it → it becomes the practice workspace. */
function classify(storeFile: string, now: Date): Workspace {
  const db = new Database(storeFile, { fileMustExist: true, readonly: true });
  let practice: boolean;
  try {
    const hasSettings = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get() !== undefined;
    practice = hasSettings && db.prepare("SELECT 1 FROM settings WHERE key = 'practice'").get() !== undefined;
  } finally {
    db.close();
  }
  // Demo rows can never sit in a real workspace: a store that ever held them stays practice, real settings and all.
  return practice
    ? { id: PRACTICE_ID, name: '练习账套', kind: 'practice', createdAt: now.toISOString() }
    : { id: 'main', name: '我的账套', kind: 'real', createdAt: now.toISOString() };
}

/** Folds the WAL into the store file and leaves rollback-journal mode, so that one file holds everything. */
function foldIntoOneFile(dataDir: string, storeFile: string): void {
  const db = new Database(storeFile, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw folderBusyError(dataDir, null);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw folderBusyError(dataDir, null);
    throw error;
  } finally {
    db.close();
  }
  for (const f of [`${storeFile}-wal`, `${storeFile}-journal`]) {
    // Cannot happen after a successful switch to DELETE; refusing beats moving a store without its journal.
    if (existsSync(f)) throw new Error(`${f} still exists after folding the store into one file`);
  }
  rmSync(`${storeFile}-shm`, { force: true });
}

/**
 * A store that cannot be read is not migrated (nor touched): the clerk restores it or moves it away, as when the
 * single-store version refused to open it.
 */
function refuseDamaged<T>(storeFile: string, fn: () => T): T {
  if (statSync(storeFile).size === 0) {
    throw new AppError('db.empty_file', {
      zh: `数据库文件 ${storeFile} 是空的（0 字节），可能在复制、同步或磁盘写满时被截断。程序没有转换或修改它：请从备份恢复该文件；若确认不需要其中的数据，把它移走后重新启动。`,
      en: `The database file ${storeFile} is empty (0 bytes); it was probably cut short while being copied, synced or when the disk was full. It was neither converted nor changed: restore it from a backup, or move it away and start again if its data is not needed.`,
    }, { file: storeFile });
  }
  try {
    return fn();
  } catch (error) {
    if (error instanceof Database.SqliteError && /^SQLITE_(NOTADB|CORRUPT)/.test(error.code)) {
      throw new AppError('db.corrupt', {
        zh: `数据库文件 ${storeFile} 已损坏，或不是本程序的数据库（SQLite：${error.message}）。程序没有转换或修改它：请从备份恢复该文件，或把它移走后重新启动。`,
        en: `The database file ${storeFile} is damaged or not a database of this app (SQLite: ${error.message}). It was neither converted nor changed: restore it from a backup, or move it away and start again.`,
      }, { file: storeFile });
    }
    throw error;
  }
}

/** After the commit: what the old layout left at the top, then the marker (last, so this reruns until done). */
function finishMigration(dataDir: string, ws: Workspace): void {
  const dir = workspaceDir(dataDir, ws.id);
  rmSync(path.join(dataDir, KEY_FILE), { force: true });
  rmSync(path.join(dataDir, `${STORE_FILE}-shm`), { force: true });
  const exports = path.join(dataDir, EXPORTS_DIR);
  if (existsSync(exports) && !existsSync(path.join(dir, EXPORTS_DIR))) renameSync(exports, path.join(dir, EXPORTS_DIR));
  rmSync(path.join(dir, MARKER_FILE), { force: true });
}

function removeStaging(dataDir: string): void {
  const root = path.join(dataDir, WORKSPACES_DIR);
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    if (name.startsWith(STAGING_PREFIX)) rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

/** Workspaces with a marker: migrated (store inside) or prepared but not committed (no store). */
function markedWorkspaces(dataDir: string): Array<{ ws: Workspace; committed: boolean }> {
  const root = path.join(dataDir, WORKSPACES_DIR);
  if (!existsSync(root)) return [];
  const out: Array<{ ws: Workspace; committed: boolean }> = [];
  for (const name of readdirSync(root)) {
    if (name.startsWith('.')) continue;
    const dir = path.join(root, name);
    const ws = readMarker(dir);
    if (ws && ws.id === name) out.push({ ws, committed: existsSync(path.join(dir, STORE_FILE)) });
  }
  return out;
}

async function migrate(dataDir: string, hooks: MigrationHooks): Promise<Registry> {
  const storeFile = path.join(dataDir, STORE_FILE);
  const committed = markedWorkspaces(dataDir).find((m) => m.committed);
  if (!committed) {
    // Nothing committed: whatever an interrupted run prepared is only copies; start over from the old layout.
    removeStaging(dataDir);
    for (const m of markedWorkspaces(dataDir)) rmSync(workspaceDir(dataDir, m.ws.id), { recursive: true, force: true });
    if (!existsSync(storeFile)) {
      await writeRegistry(dataDir, EMPTY_REGISTRY);
      return EMPTY_REGISTRY;
    }
    const ws = refuseDamaged(storeFile, () => classify(storeFile, new Date()));
    await hooks.at?.('prepared');
    refuseDamaged(storeFile, () => foldIntoOneFile(dataDir, storeFile));
    await hooks.at?.('folded');
    const staging = path.join(dataDir, WORKSPACES_DIR, `${STAGING_PREFIX}${ws.id}`);
    mkdirSync(staging, { recursive: true, mode: 0o700 });
    const key = path.join(dataDir, KEY_FILE);
    if (existsSync(key)) copyFileSync(key, path.join(staging, KEY_FILE));
    writeFileSync(path.join(staging, MARKER_FILE), `${JSON.stringify(ws)}\n`, { mode: 0o600 });
    renameSync(staging, workspaceDir(dataDir, ws.id));
    await hooks.at?.('staged');
    // The commit point: one rename moves every invoice, submission, setting and secret at once.
    renameSync(storeFile, path.join(workspaceDir(dataDir, ws.id), STORE_FILE));
    await hooks.at?.('committed');
    return register(dataDir, ws, hooks);
  }
  return register(dataDir, committed.ws, hooks);
}

async function register(dataDir: string, ws: Workspace, hooks: MigrationHooks): Promise<Registry> {
  const registry: Registry = { version: 1, lastUsed: ws.id, workspaces: [ws] };
  await writeRegistry(dataDir, registry);
  await hooks.at?.('registered');
  finishMigration(dataDir, ws);
  return registry;
}

/**
 * Brings the data folder into the workspaces layout (migrating a single store, finishing an interrupted
 * migration) and returns the registry. Idempotent; refused with data_folder.busy while a single-store owner runs.
 */
export async function ensureWorkspaceLayout(dataDir: string, host: OwnerHost, hooks: MigrationHooks = {}): Promise<Registry> {
  return withRegistryLock(dataDir, host, async () => {
    const existing = readRegistry(dataDir);
    if (existing) {
      for (const m of markedWorkspaces(dataDir)) if (m.committed) finishMigration(dataDir, m.ws);
      return existing;
    }
    return migrate(dataDir, hooks);
  });
}
