// Unit test (Node, real SQLite files): migration 002 (electron/db/migrations/002_date_invoice_no_index.ts).
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/db/open';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { tempDbFile } from '../temp-db';

describe('migration 002 date + invoice number index', () => {
  it('upgrades a version-1 database with invoices in it, and a date range sorted by invoice number reads its sort keys from the index alone', () => {
    const file = tempDbFile();
    const v1 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 1) });
    v1.prepare(`INSERT INTO invoices (invoice_no, order_no, amount_fen, invoice_date, created_at, updated_at)
      VALUES ('F1', 'O1', 100, '2026-01-02', 'now', 'now'), ('F2', 'O2', 100, '', 'now', 'now')`).run();
    v1.close();
    // Up to 002 only: the migrations after it are tested on their own.
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 2) });
    try {
      expect(schemaVersion(db)).toBe(2);
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
