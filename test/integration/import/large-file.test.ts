// Integration tests (Node, a real SQLite file, the real import worker thread with its memory limits): a file
// of 1,000,000 rows, under the import size limit, imports completely. Before the fix a commit of 600,000 rows
// answered "Maximum call stack size exceeded" (the inserted ids were pushed as one call's arguments).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../../shared/api/schemas';
import { commitImportInWorker } from '../../../electron/services/import/worker-client';
import { tempDb, type TempDb } from '../../unit/db/temp-db';
import { largeErpCsv } from '../../support/large-csv';

const ROWS = 1_000_000;

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

describe('a 1,000,000-row CSV', () => {
  it('imports every row in one commit', async () => {
    const csv = largeErpCsv(ROWS);
    expect(csv.length).toBeLessThan(IMPORT_MAX_BYTES);
    const r = await commitImportInWorker({ dbFile: t.file, fileName: 'erp-1m.csv', bytes: csv, actor: 'clerk' });
    expect(r).toMatchObject({ inserted: ROWS, updated: 0, unchanged: 0, invalid: [] });
    expect(t.db.prepare('SELECT COUNT(*) FROM invoices').pluck().get()).toBe(ROWS);
    expect(t.db.prepare('SELECT amount_fen, buyer_title FROM invoices WHERE invoice_no = ?').get('DZ2026010101000000'))
      .toEqual({ amount_fen: 1000 + ((999_999 * 7919) % 9_000_000), buyer_title: '杭州某某网络科技有限公司' });
  }, 300_000);
});
