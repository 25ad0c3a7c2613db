// Unit test (Node, real SQLite files): migration 008 (electron/db/migrations/008_amount_diff.ts).
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/open';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { DIFF_UNKNOWN } from '../../../../electron/db/migrations/008_amount_diff';
import { tempDbFile } from '../temp-db';

describe('migration 008 amount diff', () => {
  it('gives the invoices of a version-6 database their 差额 sort keys, unknown last both ways, and follows later changes', () => {
    const file = tempDbFile();
    const old = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    const ins = old.prepare("INSERT INTO invoices (invoice_no, order_no, amount_fen, suning_amount_fen, created_at, updated_at) VALUES (?, ?, ?, ?, 'now', 'now')");
    ins.run('F1', 'O1', 10000, 9950);
    ins.run('F2', 'O2', 10000, null);
    old.close();
    const db = openDatabase(file);
    try {
      const keys = () => db.prepare('SELECT invoice_no, diff_asc, diff_desc FROM invoices ORDER BY id').all();
      expect(keys()).toEqual([
        { invoice_no: 'F1', diff_asc: 50, diff_desc: 50 },
        { invoice_no: 'F2', diff_asc: DIFF_UNKNOWN, diff_desc: -DIFF_UNKNOWN },
      ]);
      // Exactly 2^62 in SQLite too (a cursor carries the double 2^62 back; it must compare equal).
      expect(db.prepare("SELECT diff_asc = (1 << 62) AND diff_desc = -(1 << 62) FROM invoices WHERE invoice_no = 'F2'").pluck().get()).toBe(1);
      db.prepare("UPDATE invoices SET suning_amount_fen = 12000 WHERE invoice_no = 'F2'").run();
      expect(keys()).toContainEqual({ invoice_no: 'F2', diff_asc: -2000, diff_desc: -2000 });
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invoices'").pluck().all();
      expect(indexes).toEqual(expect.arrayContaining(['invoices_diff_asc', 'invoices_diff_desc', 'invoices_money']));
    } finally {
      db.close();
    }
  });
});
