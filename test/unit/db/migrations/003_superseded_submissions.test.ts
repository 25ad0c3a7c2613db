// Unit test (Node, real SQLite files): migration 003 (electron/db/migrations/003_superseded_submissions.ts).
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, schemaVersion } from '../../../../electron/db/open';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { tempDir } from '../temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function dbFile(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return path.join(t.dir, 'app.db');
}

describe('migration 003 superseded submissions', () => {
  it('upgrades a version-2 database with submissions in it: rows, ids and indexes kept, and a row can be superseded', () => {
    const file = dbFile();
    const v2 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 2) });
    v2.prepare(`INSERT INTO invoices (id, invoice_no, order_no, amount_fen, created_at, updated_at) VALUES (7, 'F1', 'O1', 100, 'now', 'now')`).run();
    v2.prepare(`INSERT INTO jobs (id, kind, state, started_at) VALUES (3, 'wangdian_submit', 'done', 'now')`).run();
    v2.prepare(`INSERT INTO submissions (id, invoice_id, invoice_no, payload, state, attempts, created_at, updated_at, job_id)
      VALUES (5, 7, 'F1', '{}', 'unknown', 2, 'c', 'u', 3), (6, 7, 'F1', '{}', 'accepted', 1, 'c', 'u', 3)`).run();
    expect(() => v2.prepare("UPDATE submissions SET state = 'superseded' WHERE id = 5").run()).toThrow(/CHECK/);
    v2.close();
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 3) });
    try {
      expect(schemaVersion(db)).toBe(3);
      expect(db.prepare('SELECT id, invoice_id, state, attempts, job_id FROM submissions ORDER BY id').all()).toEqual([
        { id: 5, invoice_id: 7, state: 'unknown', attempts: 2, job_id: 3 },
        { id: 6, invoice_id: 7, state: 'accepted', attempts: 1, job_id: 3 },
      ]);
      db.prepare("UPDATE submissions SET state = 'superseded' WHERE id = 5").run();
      expect(() => db.prepare("UPDATE submissions SET state = 'lost' WHERE id = 5").run()).toThrow(/CHECK/);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submissions' ORDER BY name").pluck().all();
      expect(indexes).toEqual(['submissions_invoice', 'submissions_no', 'submissions_state']);
      // The foreign keys came along: a row must name an existing invoice, and deleting the invoice removes its rows.
      expect(() => db.prepare(`INSERT INTO submissions (invoice_id, invoice_no, payload, state, created_at, updated_at)
        VALUES (999, 'X', '{}', 'queued', 'now', 'now')`).run()).toThrow(/FOREIGN KEY/);
      db.prepare('DELETE FROM invoices WHERE id = 7').run();
      expect(db.prepare('SELECT COUNT(*) FROM submissions').pluck().get()).toBe(0);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
