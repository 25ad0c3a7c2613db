// Integration tests (Node, a real SQLite file, the real import worker thread with its memory limits): a file
// of 1,000,000 rows, under the import size limit, imports completely. Before the fix a commit of 600,000 rows
// answered "Maximum call stack size exceeded" (the inserted ids were pushed as one call's arguments).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { IMPORT_MAX_BYTES } from '../../../shared/api/schemas';
import { commitImportInWorker, previewImportInWorker } from '../../../electron/services/import/worker-client';
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
    let worker: Worker | null = null;
    let exited: Promise<unknown> | null = null;
    const r = await commitImportInWorker({ dbFile: t.file, fileName: 'erp-1m.csv', bytes: csv, actor: 'clerk' }, {
      onWorker: (w) => {
        worker = w;
        exited = once(w, 'exit');
      },
    });
    expect(r).toMatchObject({ inserted: ROWS, updated: 0, unchanged: 0, invalid: [] });
    expect(t.db.prepare('SELECT COUNT(*) FROM invoices').pluck().get()).toBe(ROWS);
    expect(t.db.prepare('SELECT amount_fen, buyer_title FROM invoices WHERE invoice_no = ?').get('DZ2026010101000000'))
      .toEqual({ amount_fen: 1000 + ((999_999 * 7919) % 9_000_000), buyer_title: '杭州某某网络科技有限公司' });
    // A file this large leaves the worker with a big heap: that worker is stopped after answering (an idle one
    // would be kept a minute for the next import), so its memory goes back to the OS at once.
    expect(worker).not.toBeNull();
    let next: Worker | null = null;
    await previewImportInWorker({ dbFile: t.file, fileName: 'small.csv', bytes: largeErpCsv(10) }, { onWorker: (w) => (next = w) });
    expect(next).not.toBeNull();
    expect(next).not.toBe(worker);
    await exited;
  }, 300_000);
});
