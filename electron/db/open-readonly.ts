// Main process. A read-only connection to the database of a folder another process owns (CLI `status` and
// `export` while the app runs): SQLite itself refuses every write on it, so a reader cannot change what the
// owner is doing. It never migrates; it opens only a schema this app knows exactly.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { MIGRATIONS } from './migrations/index';
import type { Db } from './open';

export function openDatabaseReadOnly(file: string, whenUnusable: () => AppError): Db {
  // Without the file there is nothing to read yet (the owner is creating it): the caller's error says who.
  if (!existsSync(file)) throw whenUnusable();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    const newest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
    const version = hasTable ? ((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0) : 0;
    if (version > newest) {
      throw new AppError('db.newer_schema', {
        zh: `数据库由更新版本的程序创建（结构版本 ${version}，本程序只支持到 ${newest}）。请升级程序后再打开。`,
        en: `The database was created by a newer version of the app (schema ${version}; this app supports up to ${newest}). Upgrade the app first.`,
      }, { dbVersion: version, appVersion: newest });
    }
    // Older (or still being created): only its owner may migrate it, so there is nothing safe to read yet.
    if (version < newest) throw whenUnusable();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
