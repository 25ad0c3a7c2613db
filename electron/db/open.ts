// Main process. Opens the one SQLite database, tunes it for a desktop app and brings its schema up to date.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, linkSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { MIGRATIONS, type Migration } from './migrations/index';

export type Db = Database.Database;

/** Page cache of a connection, in KiB. */
export const DEFAULT_CACHE_KIB = 16 * 1024;
/** Page cache while a bulk import rebuilds the indexes of `invoices`, in KiB. */
export const BULK_CACHE_KIB = 64 * 1024;

export interface OpenOptions {
  /** Replaces the built-in migration list (tests of refusal and drift). */
  readonly migrations?: readonly Migration[];
  /** Milliseconds a writer waits for another connection's lock before failing. */
  readonly busyTimeoutMs?: number;
}

export function migrationChecksum(m: Migration): string {
  return createHash('sha256').update(m.sql, 'utf8').digest('hex');
}

interface AppliedRow {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
}

const POSIX = process.platform !== 'win32';

/**
 * Creates the data folder (and missing parents) 0700 on POSIX: it holds invoices and the encrypted secrets.
 * An existing folder is left as it is (it may be one the clerk chose, shared with other files).
 */
export function createDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function emptyFileError(file: string): AppError {
  return new AppError('db.empty_file', {
    zh: `数据库文件 ${file} 是空的（0 字节），可能在复制、同步或磁盘写满时被截断。为免把它当作新的空数据库而丢失原有数据，程序没有打开它：请从备份恢复该文件；若确认不需要其中的数据，把它移走后重新启动即可新建数据库。`,
    en: `The database file ${file} is empty (0 bytes); it was probably cut short while being copied, synced or when the disk was full. It is not treated as a new, empty database, so nothing is lost: restore the file from a backup, or move it away and start again to create a new database if its data is not needed.`,
  }, { file });
}

function corruptError(file: string, sqlite: string): AppError {
  return new AppError('db.corrupt', {
    zh: `数据库文件 ${file} 已损坏，或不是本程序的数据库（SQLite：${sqlite}）。程序没有修改它：请从备份恢复该文件，或把它移走后重新启动以新建数据库。`,
    en: `The database file ${file} is damaged or not a database of this app (SQLite: ${sqlite}). It was left unchanged: restore it from a backup, or move it away and start again to create a new database.`,
  }, { file });
}

function isCorruption(e: unknown): e is Error & { code: string } {
  return e instanceof Database.SqliteError && /^SQLITE_(NOTADB|CORRUPT)/.test(e.code);
}

/** Group/other bits off, for files we own (another owner's file is theirs to set). */
function tighten(file: string): void {
  if (!POSIX || !existsSync(file)) return;
  const st = statSync(file);
  if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) chmodSync(file, 0o600);
}

/**
 * A new store is built under a temporary name (0600, page 1 written) and linked into place, so the real
 * name never exists as a 0-byte file of ours — which is what lets a 0-byte file be refused as damage.
 */
function createStore(file: string): void {
  const temp = `${file}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  closeSync(openSync(temp, 'wx', 0o600));
  try {
    const db = new Database(temp);
    try {
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    try {
      linkSync(temp, file);
    } catch (e) {
      // Another process created it meanwhile: theirs is the store.
      if (!(e instanceof Error && 'code' in e && e.code === 'EEXIST')) throw e;
    }
  } finally {
    unlinkSync(temp);
  }
}

/** Refuses a 0-byte file, creates a missing one, keeps the files private. */
function prepareFile(file: string): void {
  if (!existsSync(file)) {
    createStore(file);
    return;
  }
  if (statSync(file).size === 0) throw emptyFileError(file);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) tighten(f);
}

/**
 * Opens (creating if needed) and migrates. Throws AppError db.empty_file / db.corrupt (the file is left
 * untouched) / db.newer_schema / db.out_of_sync.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  prepareFile(file);
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (e) {
    if (isCorruption(e)) throw corruptError(file, e.message);
    throw e;
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    db.pragma('synchronous = NORMAL');
    // Sorting a filtered page should stay in memory. The page cache is per connection and fills up to its
    // limit when an export reads the whole table, so it stays modest (16 MB); a bulk import raises it while
    // it rebuilds the indexes (BULK_CACHE_KIB) and gives the memory back afterwards.
    db.pragma('temp_store = MEMORY');
    db.pragma(`cache_size = -${DEFAULT_CACHE_KIB}`);
    migrate(db, opts.migrations ?? MIGRATIONS);
    return db;
  } catch (e) {
    db.close();
    if (isCorruption(e)) throw corruptError(file, e.message);
    throw e;
  }
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  assertOrdered(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  const newest = migrations.length > 0 ? (migrations[migrations.length - 1]?.version ?? 0) : 0;

  for (const row of applied) {
    if (row.version > newest) {
      throw new AppError('db.newer_schema', {
        zh: `数据库由更新版本的程序创建（结构版本 ${row.version}，本程序只支持到 ${newest}）。请升级程序后再打开，以免损坏数据。`,
        en: `The database was created by a newer version of the app (schema ${row.version}; this app supports up to ${newest}). Upgrade the app before opening it.`,
      }, { dbVersion: row.version, appVersion: newest });
    }
  }
  for (const row of applied) {
    const m = known.get(row.version);
    if (!m || migrationChecksum(m) !== row.checksum) {
      throw new AppError('db.out_of_sync', {
        zh: `数据库结构记录与程序不一致（迁移 ${row.version} ${row.name} 的校验和不同）。请勿继续使用，联系技术支持。`,
        en: `The database schema history does not match this app (migration ${row.version} ${row.name} has a different checksum). Stop and contact support.`,
      }, { version: row.version, name: row.name });
    }
  }

  const done = new Set(applied.map((r) => r.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    // Each migration and its record commit together: a crash leaves the schema at a known version.
    // The foreign_keys pragma is a no-op inside a transaction, so it is switched around it.
    const fkWasOn = m.foreignKeysOff === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (fkWasOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.foreignKeysOff === true) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${m.version} ${m.name} left ${broken.length} broken foreign keys`);
        }
        record.run(m.version, m.name, migrationChecksum(m), new Date().toISOString());
      })();
    } finally {
      if (fkWasOn) db.pragma('foreign_keys = ON');
    }
  }
}

function assertOrdered(migrations: readonly Migration[]): void {
  let prev = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= prev) {
      throw new Error(`migrations must have strictly increasing integer versions (at ${m.version} ${m.name})`);
    }
    prev = m.version;
  }
}

/** The schema version recorded in the database (0 when empty). */
export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
