// Main process. One owner per data folder, whatever the host (Electron, browser host, CLI): an exclusive
// lock the operating system holds for the owning process and drops the moment it dies, SIGKILL included.
//
// The lock is SQLite's own file lock on a small dedicated database (`owner.lock`), held by keeping a
// `BEGIN EXCLUSIVE` transaction open on a connection for the owner's whole life. SQLite takes it with
// fcntl() on POSIX and LockFileEx() on Windows; both are released by the kernel when the process ends, so
// a crashed owner never leaves a stale lock and no pid liveness guess is needed. SQLite also tracks its
// locks per connection inside one process, so a second claim in the same process is refused too. (A
// lock-file library such as proper-lockfile decides staleness from a file's age instead, which after a
// SIGKILL either blocks the next start for the stale period or lets two owners in.) The lock database is
// separate from the data so that readers of the data are never blocked by it.
//
// Who holds the lock is written to `owner.json` beside it (pid, host kind, since when), only so that a
// refused process can say which process holds the folder; the lock itself decides, never this file.
import Database from 'better-sqlite3';
import { renameSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const OWNER_LOCK_FILE = 'owner.lock';
export const OWNER_INFO_FILE = 'owner.json';

const ownerInfoSchema = z.object({
  pid: z.number().int(),
  host: z.enum(['electron', 'browser', 'cli']),
  since: z.string(),
  hostname: z.string(),
});
export type OwnerInfo = z.infer<typeof ownerInfoSchema>;
export type OwnerHost = OwnerInfo['host'];

export interface OwnerLock {
  readonly info: OwnerInfo;
  /** Gives the folder up (also happens by itself when the process ends). Idempotent. */
  release(): void;
}

export type OwnerClaim =
  | { readonly ok: true; readonly lock: OwnerLock }
  /** `holder` is null when the holder's info file is missing or unreadable (it is written just after locking). */
  | { readonly ok: false; readonly holder: OwnerInfo | null };

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** The holder as its info file says; null when there is none or it cannot be read. */
export function readOwnerInfo(dataDir: string): OwnerInfo | null {
  try {
    const parsed = ownerInfoSchema.safeParse(JSON.parse(readFileSync(path.join(dataDir, OWNER_INFO_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function writeOwnerInfo(dataDir: string, info: OwnerInfo): void {
  // Written whole then renamed, so a refused process never reads half a file.
  const text = `${JSON.stringify(info)}\n`;
  const target = path.join(dataDir, OWNER_INFO_FILE);
  const tmp = path.join(dataDir, `${OWNER_INFO_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode: 0o600 });
  try {
    renameSync(tmp, target);
  } catch (error) {
    // Windows refuses to replace a file another process has open (a refused process reading it right now):
    // write it in place instead (a torn read only costs that process the holder's details, never the lock).
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES') throw error;
    writeFileSync(target, text, { mode: 0o600 });
    rmSync(tmp, { force: true });
  }
}

/**
 * Tries to become the folder's owner without waiting. The folder must exist. Throws only for errors other
 * than "someone else holds it" (e.g. the folder is not writable).
 */
export function claimOwnership(dataDir: string, host: OwnerHost): OwnerClaim {
  // timeout 0: a held lock answers SQLITE_BUSY at once instead of after a busy wait.
  const db = new Database(path.join(dataDir, OWNER_LOCK_FILE), { timeout: 0 });
  try {
    // Rollback journal, not WAL: in WAL mode an exclusive transaction would not keep other connections out.
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE IF NOT EXISTS owner_lock (id INTEGER PRIMARY KEY)');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) return { ok: false, holder: readOwnerInfo(dataDir) };
    throw error;
  }
  const info: OwnerInfo = { pid: process.pid, host, since: new Date().toISOString(), hostname: os.hostname() };
  try {
    writeOwnerInfo(dataDir, info);
  } catch (error) {
    db.close();
    throw error;
  }
  let held = true;
  return {
    ok: true,
    lock: {
      info,
      release() {
        if (!held) return;
        held = false;
        // The info file is left: it is only read after a refusal, and the next owner overwrites it.
        db.close();
      },
    },
  };
}
