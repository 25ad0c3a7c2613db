// Unit test (Node, real SQLite files): migration 009 (electron/db/migrations/009_overview_index.ts).
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/db/open';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { overviewRepo } from '../../../../electron/db/repositories/overview';
import { tempDbFile } from '../temp-db';

describe('migration 009 overview index', () => {
  it('upgrades a version-6 database with invoices in it, and the overview reads every grouping from the index alone', () => {
    const file = tempDbFile();
    const v6 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    v6.prepare(`INSERT INTO invoices (invoice_no, order_no, amount_fen, shop, invoice_date, created_at, updated_at)
      VALUES ('F1', 'O1', 100, 'A', '2026-01-02', 'now', 'now'), ('F2', 'O2', 250, 'B', '', 'now', 'now')`).run();
    v6.close();
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 9) });
    try {
      expect(schemaVersion(db)).toBe(9);
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'invoices_overview'").pluck().get())
        .toBe('CREATE INDEX invoices_overview ON invoices(recon_status, submit_state, shop, invoice_date, amount_fen)');
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT recon_status, submit_state, shop, invoice_date, COUNT(*), SUM(amount_fen)
        FROM invoices GROUP BY recon_status, submit_state, shop, invoice_date`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
      expect(plan).toContain('COVERING INDEX invoices_overview');
      expect(plan).not.toContain('TEMP B-TREE');
      expect(overviewRepo(db).get().total).toEqual({ count: 2, amountFen: 350 });
    } finally {
      db.close();
    }
  });
});
