// Unit test (Node, real SQLite files): migration 006 (electron/db/migrations/006_clerk_decisions.ts).
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/open';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { tempDbFile } from '../temp-db';

describe('migration 006 clerk decisions', () => {
  it('adds an empty note and split choice to the invoices of a version-5 database, keeping their values', () => {
    const file = tempDbFile();
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 5) });
    old.prepare("INSERT INTO invoices (invoice_no, order_no, amount_fen, invoice_num, created_at, updated_at) VALUES ('F1', 'O1', 100, '123', 'now', 'now')").run();
    old.close();
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    try {
      expect(db.prepare("SELECT invoice_num, clerk_note, split_choice FROM invoices WHERE invoice_no = 'F1'").get()).toEqual({ invoice_num: '123', clerk_note: '', split_choice: '' });
      expect(() => db.prepare("UPDATE invoices SET clerk_note = NULL WHERE invoice_no = 'F1'").run()).toThrow(/NOT NULL/);
    } finally {
      db.close();
    }
  });
});
