// Unit test (Node, real SQLite files): migration 007 (electron/db/migrations/007_invoice_files.ts).
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../electron/db/open';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { tempDbFile } from '../temp-db';

const SHA = 'a'.repeat(64);

describe('migration 007 invoice files', () => {
  it('upgrades a version-6 database: jobs keep their rows and children, accept the archive kind, invoices gain file_verdict', () => {
    const file = tempDbFile();
    const v6 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    v6.prepare("INSERT INTO invoices (id, invoice_no, order_no, amount_fen, created_at, updated_at) VALUES (7, 'F1', 'O1', 100, 'now', 'now')").run();
    v6.prepare("INSERT INTO jobs (id, kind, state, total, done, started_at) VALUES (3, 'suning_query', 'paused', 1, 0, 'now')").run();
    v6.prepare('INSERT INTO job_items (job_id, invoice_id) VALUES (3, 7)').run();
    v6.prepare(`INSERT INTO submissions (id, invoice_id, invoice_no, payload, state, created_at, updated_at, job_id)
      VALUES (5, 7, 'F1', '{}', 'accepted', 'c', 'u', 3)`).run();
    expect(() => v6.prepare("INSERT INTO jobs (kind, state, started_at) VALUES ('archive', 'running', 'now')").run()).toThrow(/CHECK/);
    v6.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 7) });
    try {
      expect(schemaVersion(db)).toBe(7);
      // The rebuild did not cascade into the children (it would have with foreign keys on).
      expect(db.prepare('SELECT job_id, invoice_id, state FROM job_items').all()).toEqual([{ job_id: 3, invoice_id: 7, state: 'pending' }]);
      expect(db.prepare('SELECT job_id FROM submissions WHERE id = 5').pluck().get()).toBe(3);
      expect(db.prepare('SELECT id, kind, state, total FROM jobs').all()).toEqual([{ id: 3, kind: 'suning_query', state: 'paused', total: 1 }]);
      db.prepare("INSERT INTO jobs (kind, state, started_at) VALUES ('archive', 'running', 'now')").run();
      expect(() => db.prepare("INSERT INTO jobs (kind, state, started_at) VALUES ('other', 'running', 'now')").run()).toThrow(/CHECK/);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // Foreign keys still hold against the rebuilt table: deleting the job removes its items.
      db.prepare('DELETE FROM jobs WHERE id = 3').run();
      expect(db.prepare('SELECT COUNT(*) FROM job_items').pluck().get()).toBe(0);
      expect(db.prepare('SELECT job_id FROM submissions WHERE id = 5').pluck().get()).toBeNull();

      expect(db.prepare('SELECT file_verdict FROM invoices WHERE id = 7').pluck().get()).toBe('not_downloaded');
      expect(() => db.prepare("UPDATE invoices SET file_verdict = 'maybe' WHERE id = 7").run()).toThrow(/CHECK/);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('jobs', 'invoices') AND name IN ('jobs_state', 'invoices_file_verdict') ORDER BY name").pluck().all();
      expect(indexes).toEqual(['invoices_file_verdict', 'jobs_state']);
    } finally {
      db.close();
    }
  });

  it('keeps a file row honest: a hash only with the stored outcome, a known outcome, one row per Suning invoice', () => {
    const db = openDatabase(tempDbFile());
    try {
      const ins = db.prepare(`INSERT INTO invoice_files (order_no, suning_invoice_num, suning_invoice_code, kind, source_url, outcome, sha256, size, fetched_at)
        VALUES ('O1', ?, '', 'blue', 'https://x.example/a.pdf', ?, ?, ?, 'now')`);
      ins.run('1', 'stored', SHA, 10);
      expect(() => ins.run('2', 'stored', null, null)).toThrow(/CHECK/);
      expect(() => ins.run('3', 'link_expired', SHA, 10)).toThrow(/CHECK/);
      expect(() => ins.run('4', 'gone', null, null)).toThrow(/CHECK/);
      expect(() => ins.run('5', 'stored', 'A'.repeat(64), 10)).toThrow(/CHECK/);
      expect(() => ins.run('1', 'not_pdf', null, null)).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });
});
