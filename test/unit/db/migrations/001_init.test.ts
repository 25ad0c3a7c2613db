// Unit test (Node, real SQLite files): migration 001 (electron/db/migrations/001_init.ts).
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/open';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { tempDbFile } from '../temp-db';

describe('migration 001 init', () => {
  it('creates every table with its constraints', () => {
    const file = tempDbFile();
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
