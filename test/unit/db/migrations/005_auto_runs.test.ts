// Unit test (Node, real SQLite files): migration 005 (electron/db/migrations/005_auto_runs.ts).
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/open';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { tempDbFile } from '../temp-db';

describe('migration 005 auto runs', () => {
  it('adds the run and its invoices to a version-4 database, with the states and phases checked', () => {
    const file = tempDbFile();
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
    old.prepare("INSERT INTO invoices (invoice_no, order_no, amount_fen, created_at, updated_at) VALUES ('F1', 'O1', 100, 'now', 'now')").run();
    old.close();
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 5) });
    try {
      const id = Number(db.prepare("INSERT INTO auto_runs (state, phase, params, total, started_at) VALUES ('running', 'query', '{}', 1, 'now')").run().lastInsertRowid);
      db.prepare('INSERT INTO auto_run_items (run_id, invoice_id) SELECT ?, id FROM invoices').run(id);
      expect(() => db.prepare("UPDATE auto_runs SET phase = 'elsewhere' WHERE id = ?").run(id)).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE auto_runs SET state = 'sleeping' WHERE id = ?").run(id)).toThrow(/CHECK/);
      // An invoice deleted later leaves the run, not a dangling item.
      db.prepare("DELETE FROM invoices WHERE invoice_no = 'F1'").run();
      expect(db.prepare('SELECT COUNT(*) FROM auto_run_items').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
