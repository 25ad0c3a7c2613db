// Unit tests (Node, real SQLite files): migration runner and each migration.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { migrationChecksum, openDatabase, schemaVersion } from '../../../electron/db/open';
import { MIGRATIONS, type Migration } from '../../../electron/db/migrations/index';
import { tempDir } from './temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function dbFile(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return path.join(t.dir, 'app.db');
}

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
    const file = dbFile();
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
    const file = dbFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer version (db.newer_schema, zh and en)', () => {
    const file = dbFile();
    const future: Migration = { version: 999, name: 'future', sql: 'CREATE TABLE from_the_future (x INTEGER);' };
    openDatabase(file, { migrations: [...MIGRATIONS, future] }).close();
    const e = thrown(() => openDatabase(file));
    expect(e.code).toBe('db.newer_schema');
    expect(e.messageZh).toContain('999');
    expect(e.messageEn).toContain('newer version');
  });

  it('detects an applied migration whose SQL changed (db.out_of_sync)', () => {
    const file = dbFile();
    const v1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
    openDatabase(file, { migrations: [v1] }).close();
    const e = thrown(() => openDatabase(file, { migrations: [{ ...v1, sql: 'CREATE TABLE a (x TEXT);' }] }));
    expect(e.code).toBe('db.out_of_sync');
    expect(e.messageEn).toContain('migration 1 one');
  });

  it('applies only the new migrations to an older database, in order', () => {
    const file = dbFile();
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
    const file = dbFile();
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

describe('migration 001 init', () => {
  it('creates every table with its constraints', () => {
    const file = dbFile();
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 1) });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining([
        'audit_log', 'import_batches', 'import_mappings', 'invoices', 'job_items', 'jobs', 'schema_migrations', 'secrets',
        'settings', 'submissions', 'suning_invoices', 'suning_queries',
      ]));
      const ins = db.prepare(`INSERT INTO invoices (invoice_no, order_no, bill_type, amount_fen, target_status, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'now', 'now')`);
      ins.run('F1', 'O1', '01', 100, 80);
      expect(() => ins.run('F1', 'O2', '01', 100, 80)).toThrow(/UNIQUE/);
      expect(() => ins.run('F2', 'O2', '05', 100, 80)).toThrow(/CHECK/);
      expect(() => ins.run('F3', 'O3', '01', 100, 70)).toThrow(/CHECK/);
      // Outbox rows must name an existing invoice.
      expect(() => db.prepare(`INSERT INTO submissions (invoice_id, invoice_no, payload, state, created_at, updated_at)
        VALUES (999, 'X', '{}', 'queued', 'now', 'now')`).run()).toThrow(/FOREIGN KEY/);
      // Sorting by each list column walks an index instead of sorting the table.
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM invoices ORDER BY buyer_title DESC, id DESC LIMIT 10').all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('invoices_buyer_title');
    } finally {
      db.close();
    }
  });
});

describe('migration 002 date + invoice number index', () => {
  it('upgrades a version-1 database with invoices in it, and a date range sorted by invoice number reads its sort keys from the index alone', () => {
    const file = dbFile();
    const v1 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 1) });
    v1.prepare(`INSERT INTO invoices (invoice_no, order_no, amount_fen, invoice_date, created_at, updated_at)
      VALUES ('F1', 'O1', 100, '2026-01-02', 'now', 'now'), ('F2', 'O2', 100, '', 'now', 'now')`).run();
    v1.close();
    const db = openDatabase(file);
    try {
      // Upgraded through 002 to the newest (later migrations add to the schema, so the exact number moves).
      expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'invoices_date_invoice_no'").pluck().get())
        .toBe('CREATE INDEX invoices_date_invoice_no ON invoices(invoice_date, invoice_no)');
      expect(db.prepare('SELECT COUNT(*) FROM invoices INDEXED BY invoices_date_invoice_no WHERE invoice_date >= ?').pluck().get('2026-01-01')).toBe(1);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM invoices
        WHERE invoice_date >= ? AND invoice_date > '' AND invoice_date <= ? ORDER BY +invoice_no, id LIMIT 101`)
        .all('2026-01-01', '2026-01-07') as { detail: string }[]).map((p) => p.detail).join(' ');
      expect(plan).toContain('COVERING INDEX invoices_date_invoice_no');
    } finally {
      db.close();
    }
  });
});

describe('migration 005 app values + query failure flag', () => {
  it('back-fills which fields the app wrote from the audit log of an older database, newest action per field', () => {
    const file = dbFile();
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 2) });
    old.prepare(`INSERT INTO invoices (invoice_no, order_no, amount_fen, created_at, updated_at)
      VALUES ('F1', 'O1', 100, 'now', 'now'), ('F2', 'O2', 100, 'now', 'now'), ('F3', 'O3', 100, 'now', 'now')`).run();
    const audit = old.prepare('INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)');
    audit.run('2026-01-01T00:00:00Z', 'clerk', 'invoice.apply_suning', 'F1', JSON.stringify({ fields: [{ field: 'invoiceNum', before: '', after: '1' }, { field: 'pdfUrl', before: '', after: 'u' }] }));
    audit.run('2026-01-02T00:00:00Z', 'clerk', 'invoice.edit', 'F1', JSON.stringify({ fields: [{ field: 'pdfUrl', before: 'u', after: 'v' }] }));
    audit.run('2026-01-02T00:00:00Z', 'clerk', 'invoice.edit', 'F2', JSON.stringify({ fields: [{ field: 'errorInfo', before: '', after: 'x' }] }));
    // Not an app write, and a deleted invoice: neither leaves a row.
    audit.run('2026-01-02T00:00:00Z', 'cli', 'import', 'F3', JSON.stringify({ fields: [{ field: 'invoiceNum', before: '', after: '1' }] }));
    audit.run('2026-01-02T00:00:00Z', 'clerk', 'invoice.edit', 'GONE', JSON.stringify({ fields: [{ field: 'invoiceNum', before: '', after: '1' }] }));
    old.close();
    const db = openDatabase(file);
    try {
      const rows = db.prepare(`SELECT i.invoice_no, v.field, v.origin FROM invoice_app_values v JOIN invoices i ON i.id = v.invoice_id
        ORDER BY i.invoice_no, v.field`).all();
      expect(rows).toEqual([
        { invoice_no: 'F1', field: 'invoiceNum', origin: 'suning' },
        { invoice_no: 'F1', field: 'pdfUrl', origin: 'edit' },
        { invoice_no: 'F2', field: 'errorInfo', origin: 'edit' },
      ]);
      expect(db.prepare("SELECT query_failed_at, query_failed_reason FROM invoices WHERE invoice_no = 'F1'").get())
        .toEqual({ query_failed_at: null, query_failed_reason: '' });
    } finally {
      db.close();
    }
  });
});
