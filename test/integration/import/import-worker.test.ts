// Integration tests (Node, real SQLite files in temp dirs, the real worker thread loaded through tsx): the
// import:commit handler runs the import in a worker with its own connection, keeps this event loop turning,
// answers exactly like the in-process import, maps errors, and survives concurrent writes and a dying worker.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { generateSeed } from '../../../electron/sandbox/seed';
import { erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';
import { createAppCore, type AppCore } from '../../../electron/services/app-core';
import { createKeyCipher } from '../../../electron/secrets/file-key-cipher';
import { createEnvSecrets } from '../../../electron/secrets/vault';
import { ENV_SECRET_NAMES } from '../../../electron/hosts/cli/env-config';
import { commitImport } from '../../../electron/services/import/index';
import { commitImportInWorker, previewImportInWorker } from '../../../electron/services/import/worker-client';
import { call, tempDir } from '../../support/core-harness';
import { tempDb } from '../../unit/db/temp-db';
import { appErrorOf } from '../../support/app-error';

const ROWS = 20_000;
const csv = erpRecordsToCsv(generateSeed({ orders: ROWS, seed: 7 }).erpRecords);

async function openPlainCore(dataDir: string): Promise<AppCore> {
  return createAppCore({
    dataDir, host: 'browser', cipher: createKeyCipher(randomBytes(32), 'test', false), version: 'test',
    secretSource: createEnvSecrets({}, ENV_SECRET_NAMES), resumeJobs: false, restorePractice: false,
  });
}

/** Every stored invoice without the moments it was written (which differ between two runs). */
function storedRows(db: AppCore['services']['db']): unknown[] {
  return db.prepare('SELECT * FROM invoices ORDER BY invoice_no').all().map((r) => {
    const { created_at: _c, updated_at: _u, id: _id, ...rest } = r as Record<string, unknown>;
    return rest;
  });
}

let tmp: { dir: string; remove(): void };
let core: AppCore;
beforeEach(async () => {
  tmp = tempDir('ir-import-worker-');
  core = await openPlainCore(tmp.dir);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

describe('import:commit in a worker thread', () => {
  it('keeps the event loop turning while 20,000 rows import, and answers like the in-process import', async () => {
    const seen: string[] = [];
    core.onEvent((event) => seen.push(event));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const before = ticks;
    const r = await call(core, 'import:commit', { fileName: 'erp.csv', contentBase64: csv.toString('base64') });
    clearInterval(timer);
    // A synchronous import would let the interval fire at most once in between; it fired all along.
    expect(ticks - before).toBeGreaterThan(5);
    expect(r).toMatchObject({ inserted: ROWS, updated: 0, unchanged: 0, invalid: [] });
    expect(seen).toEqual(['invoices:changed']);
    // The main connection sees the committed rows.
    expect(core.services.db.prepare('SELECT COUNT(*) FROM invoices').pluck().get()).toBe(ROWS);

    const local = tempDb();
    try {
      const inProcess = await commitImport(local.db, { fileName: 'erp.csv', bytes: csv, encoding: 'auto', actor: 'clerk' });
      expect(r).toEqual({ ...inProcess, changes: [...inProcess.changes] });
      expect(storedRows(core.services.db)).toEqual(storedRows(local.db));
    } finally {
      local.cleanup();
    }

  });

  it('previews in the worker with the remembered mapping of the main database', async () => {
    const p = await call(core, 'import:preview', { fileName: 'erp.csv', contentBase64: csv.toString('base64') });
    expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', rowCount: ROWS, missingRequired: [] });
    expect(p.sampleRows).toHaveLength(20);
  });

  it('re-creates the AppError of the worker with its code and both messages', async () => {
    const empty = Buffer.from('发票编号,订单编号\n', 'utf8');
    const inWorker = await appErrorOf(call(core, 'import:commit', { fileName: 'empty.csv', contentBase64: empty.toString('base64') }));
    const local = tempDb();
    try {
      const inProcess = await appErrorOf(commitImport(local.db, { fileName: 'empty.csv', bytes: empty, actor: 'clerk' }));
      expect(inWorker.code).toBe('import.no_rows');
      expect(inWorker.toShape()).toEqual(inProcess.toShape());
      const preview = await appErrorOf(previewImportInWorker({ dbFile: local.file, fileName: 'x.xls', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]) }));
      expect(preview).toMatchObject({ code: 'import.encoding' });
    } finally {
      local.cleanup();
    }
  });

  it('hands the file over to the worker instead of copying it', async () => {
    const bytes = Buffer.from(csv);
    await previewImportInWorker({ dbFile: core.services.db.name, fileName: 'erp.csv', bytes });
    expect(bytes.length).toBe(0);
    expect(csv.length).toBeGreaterThan(0);
  });

  it('turns a failure that is not an AppError into internal, with zh and en', async () => {
    const e = await appErrorOf(commitImportInWorker({ dbFile: path.join(tmp.dir, 'no', 'such', 'dir', 'db.sqlite'), fileName: 'a.csv', bytes: Buffer.from(csv), actor: 'clerk' }));
    expect(e.code).toBe('internal');
    expect(e.messageZh).toMatch(/后台线程/);
    expect(e.messageEn).toMatch(/background thread/);
  });

  it('a worker terminated mid-way rejects with a clear error and leaves nothing half-written', async () => {
    const file = core.services.db.name;
    let worker: Worker | null = null;
    const started = commitImportInWorker({ dbFile: file, fileName: 'erp.csv', bytes: Buffer.from(csv), actor: 'clerk' }, {
      onWorker: (w) => {
        worker = w;
        // Some time into its work (starting, decoding, parsing or inside the transaction, depending on whether
        // this thread was already running).
        setTimeout(() => void w.terminate(), 50);
      },
    });
    const e = await appErrorOf(started);
    expect(worker).not.toBeNull();
    expect(e.code).toBe('internal');
    expect(e.messageZh).toMatch(/没有写入任何数据/);
    expect(e.messageEn).toMatch(/nothing was imported/);
    expect(core.services.db.prepare('SELECT COUNT(*) FROM invoices').pluck().get()).toBe(0);
    expect(core.services.db.prepare('SELECT COUNT(*) FROM import_batches').pluck().get()).toBe(0);
    // The database is still fine for the next import, which starts a fresh worker.
    const r = await call(core, 'import:commit', { fileName: 'erp.csv', contentBase64: csv.toString('base64') });
    expect(r.inserted).toBe(ROWS);
  });

  it('reuses one worker, and a reply it cannot match fails what is in flight as a bug, then starts afresh', async () => {
    const dbFile = core.services.db.name;
    const seen: Worker[] = [];
    const hooks = { onWorker: (w: Worker) => seen.push(w) };
    await previewImportInWorker({ dbFile, fileName: 'a.csv', bytes: Buffer.from(csv) }, hooks);
    await previewImportInWorker({ dbFile, fileName: 'a.csv', bytes: Buffer.from(csv) }, hooks);
    expect(seen[1]).toBe(seen[0]);

    // The worker answers a message that is not a request with an id nobody asked for.
    const first = previewImportInWorker({ dbFile, fileName: 'a.csv', bytes: Buffer.from(csv) }, { onWorker: (w) => w.postMessage('not a request') });
    const second = previewImportInWorker({ dbFile, fileName: 'a.csv', bytes: Buffer.from(csv) }, hooks);
    expect((await first).rowCount).toBe(ROWS);
    const e = await appErrorOf(second);
    expect(e.code).toBe('internal');
    expect(e.messageEn).toMatch(/malformed/);
    expect(e.messageZh).toMatch(/无法识别/);
    await previewImportInWorker({ dbFile, fileName: 'a.csv', bytes: Buffer.from(csv) }, hooks);
    expect(seen.at(-1)).not.toBe(seen[0]);
  });

  it('other writes during an import neither fail nor get lost: through the gate and directly', async () => {
    const order: string[] = [];
    const importing = call(core, 'import:commit', { fileName: 'erp.csv', contentBase64: csv.toString('base64') }).then((r) => (order.push('import 1'), r));
    const second = call(core, 'import:commit', { fileName: 'erp2.csv', contentBase64: csv.toString('base64') }).then((r) => (order.push('import 2'), r));
    // Through the handler table: waits, asynchronously, until no import holds the write gate.
    const viaHandler = call(core, 'settings:update', { suning: { rps: 3, concurrency: 2, batchSize: 10 } }).then((r) => (order.push('settings'), r));
    // A write on the main connection that does not pass the gate (as a running job's does) waits for SQLite's lock.
    const direct = new Promise<void>((resolve) => setTimeout(() => {
      core.services.repos.settings.set('test.concurrent', 1);
      resolve();
    }, 300));
    const [first, again, view] = await Promise.all([importing, second, viaHandler, direct]);
    expect(first.inserted).toBe(ROWS);
    // The second import queued behind the first and found every row already there.
    expect(again).toMatchObject({ inserted: 0, unchanged: ROWS });
    expect(order).toEqual(['import 1', 'import 2', 'settings']);
    expect(view.settings.suning).toMatchObject({ rps: 3 });
    expect(core.services.repos.settings.get('test.concurrent')).toBe(1);
  });
});
