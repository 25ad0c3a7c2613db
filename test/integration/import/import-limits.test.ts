// Integration tests (Node, real SQLite files, the real import worker thread): files that would exhaust memory
// are refused while they are read. A 4 MB .xlsx whose sheet inflates to 4 GiB once took the browser host
// down (V8 heap limit, SIGABRT) and held ~4.5 GB; now it is refused while inflating, in the worker, and the
// process never holds the sheet.
// (The worker's own heap limit is best-effort in Node, nodejs/node#47224: see docs/ARCHITECTURE.md.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { IMPORT_MAX_BYTES, MAX_XLSX_INFLATED_BYTES } from '../../../electron/services/import/limits';
import { previewImport } from '../../../electron/services/import/index';
import {
  IMPORT_WORKER_HEAP_MB, commitImportInWorker, previewImportInWorker, setImportWorkerHeapLimit,
} from '../../../electron/services/import/worker-client';
import { tempDb, type TempDb } from '../../unit/db/temp-db';
import { appErrorOf } from '../../support/app-error';
import { SPACE_UNIT, xlsxBomb } from '../../support/xlsx-bomb';

const GiB = 1024 ** 3;

async function smallWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('发票');
  ws.addRow(['发票编号', '订单号', '金额']);
  ws.addRow(['WDT1', '1001', '10.00']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The largest RSS of this process (the worker thread's memory included) while `fn` runs. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; before: number; peak: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const value = await fn();
    return { value, before, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => {
  setImportWorkerHeapLimit(IMPORT_WORKER_HEAP_MB);
  t.cleanup();
});

describe('the file size limit', () => {
  it('refuses a file over IMPORT_MAX_BYTES in the service itself (the CLI has no schema in front of it)', async () => {
    const e = await appErrorOf(previewImport(t.db, { fileName: 'huge.csv', bytes: Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41) }));
    expect(e).toMatchObject({ code: 'import.too_large', details: { bytes: IMPORT_MAX_BYTES + 1, limit: IMPORT_MAX_BYTES } });
    expect(e.messageZh).toContain('最多 256 MB');
    expect(e.messageEn).toContain('at most 256 MB');
  });
});

describe('a zip bomb', () => {
  it('is refused in the worker while it inflates; the process never holds the sheet and the worker goes on', async () => {
    const bomb = await xlsxBomb({ unit: SPACE_UNIT, inflatedBytes: 4 * GiB, declaredSize: 4096 });
    expect(bomb.file.length).toBeLessThan(8 * 1024 * 1024);
    // The worker is started (and its modules loaded) first, so only the bomb's own memory is measured.
    expect((await previewImportInWorker({ dbFile: t.file, fileName: 'ok.xlsx', bytes: await smallWorkbook() })).rowCount).toBe(1);

    const { value: e, before, peak } = await peakRss(() => appErrorOf(previewImportInWorker({ dbFile: t.file, fileName: 'bomb.xlsx', bytes: Buffer.from(bomb.file) })));
    expect(e.code).toBe('import.too_large');
    expect(e.messageZh).toMatch(/^文件解压后过大/);
    expect(e.messageEn).toMatch(/^The file is too large once uncompressed/);
    // 4 GiB inflate; the process grew by less than the inflated limit, so they were never held.
    expect(peak - before).toBeLessThan(MAX_XLSX_INFLATED_BYTES);

    // The same worker answers the next file, and a commit of the bomb writes nothing.
    expect((await previewImportInWorker({ dbFile: t.file, fileName: 'ok.xlsx', bytes: await smallWorkbook() })).rowCount).toBe(1);
    const commit = await appErrorOf(commitImportInWorker({ dbFile: t.file, fileName: 'bomb.xlsx', bytes: Buffer.from(bomb.file), actor: 'clerk' }));
    expect(commit.code).toBe('import.too_large');
    expect(t.db.prepare('SELECT COUNT(*) FROM import_batches').pluck().get()).toBe(0);
  }, 120_000);
});
