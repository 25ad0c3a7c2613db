// Unit tests (Node, real SQLite files): openDatabase's migration runner (each migration has its own file in migrations/).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { migrationChecksum, openDatabase, schemaVersion } from '../../../electron/db/open';
import { MIGRATIONS, type Migration } from '../../../electron/db/migrations/index';
import { tempDbFile } from './temp-db';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('openDatabase', () => {
  it('creates a fresh database at the newest version with WAL and foreign keys on', () => {
    const file = tempDbFile();
    const db = openDatabase(file);
    try {
      expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('cache_size', { simple: true })).toBe(-16 * 1024);
      const rows = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: migrationChecksum(m) })));
    } finally {
      db.close();
    }
  });

  it('reopens an up-to-date database without re-running migrations', () => {
    const file = tempDbFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer version (db.newer_schema, zh and en)', () => {
    const file = tempDbFile();
    const future: Migration = { version: 999, name: 'future', sql: 'CREATE TABLE from_the_future (x INTEGER);' };
    openDatabase(file, { migrations: [...MIGRATIONS, future] }).close();
    const e = thrown(() => openDatabase(file));
    expect(e.code).toBe('db.newer_schema');
    expect(e.messageZh).toContain('999');
    expect(e.messageEn).toContain('newer version');
  });

  it('detects an applied migration whose SQL changed (db.out_of_sync)', () => {
    const file = tempDbFile();
    const v1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
    openDatabase(file, { migrations: [v1] }).close();
    const e = thrown(() => openDatabase(file, { migrations: [{ ...v1, sql: 'CREATE TABLE a (x TEXT);' }] }));
    expect(e.code).toBe('db.out_of_sync');
    expect(e.messageEn).toContain('migration 1 one');
  });

  it('applies only the new migrations to an older database, in order', () => {
    const file = tempDbFile();
    const v1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
    const v2: Migration = { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' };
    openDatabase(file, { migrations: [v1] }).close();
    const db = openDatabase(file, { migrations: [v1, v2] });
    try {
      expect(schemaVersion(db)).toBe(2);
      expect((db.prepare('PRAGMA table_info(a)').all() as { name: string }[]).map((c) => c.name)).toEqual(['x', 'y']);
    } finally {
      db.close();
    }
  });

  it('leaves no trace of a migration that fails half-way', () => {
    const file = tempDbFile();
    const bad: Migration = { version: 1, name: 'bad', sql: 'CREATE TABLE ok (x INTEGER); CREATE TABLE broken (;' };
    expect(() => openDatabase(file, { migrations: [bad] })).toThrow();
    const db = openDatabase(file, { migrations: [] });
    try {
      expect(schemaVersion(db)).toBe(0);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok'").get()).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
