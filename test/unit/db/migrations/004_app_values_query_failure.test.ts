// Unit test (Node, real SQLite files): migration 004 (electron/db/migrations/004_app_values_query_failure.ts).
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/db/open';
import { MIGRATIONS } from '../../../../electron/db/migrations/index';
import { tempDbFile } from '../temp-db';

describe('migration 004 app values + query failure flag', () => {
  it('back-fills which fields the app wrote from the audit log of an older database, newest action per field', () => {
    const file = tempDbFile();
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
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 4) });
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
