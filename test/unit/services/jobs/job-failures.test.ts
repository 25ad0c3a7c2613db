// Unit tests (Node, real SQLite file): a job that fails stops cleanly. The pool waits for the work still in
// flight before it reports the failure, the writer fails its queue instead of rescheduling itself for ever
// when the database cannot take writes, and a full disk (a real SQLITE_FULL) is one fatal "disk full".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repositories, type Repositories } from '../../../../electron/db/repositories/index';
import { runFeed, runPool } from '../../../../electron/services/jobs/pool';
import { createJobWriter } from '../../../../electron/services/jobs/writer';
import { isFatal, toFailure } from '../../../../electron/services/jobs/failure';
import { tempDb, type TempDb } from '../../db/temp-db';

let t: TempDb;
let r: Repositories;
beforeEach(() => {
  t = tempDb();
  r = repositories(t.db);
});
afterEach(() => t.cleanup());

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function invoices(n: number): number[] {
  r.invoices.upsertMany(Array.from({ length: n }, (_, i) => ({
    invoiceNo: `J${i}`, orderNo: `O${i}`, billType: '01' as const, shop: '', saleOrg: '', buyerTitle: '', amountFen: 1, taxAmountFen: null,
    invoiceDate: null, invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80, errorInfo: '',
  })), 'x');
  return r.invoices.idsForSelection({ kind: 'filter', filter: {} });
}

describe.each([['runPool', runPool], ['runFeed', runFeed]] as const)('%s when one piece of work fails', (_name, run) => {
  it('takes no more items and settles the work in flight before it rejects with that error', async () => {
    let taken = 0;
    let inFlight = 0;
    let settledAfterReject = 0;
    let rejected = false;
    const pool = run(4, () => (taken < 1000 ? ++taken : null), async (n) => {
      inFlight++;
      try {
        if (n === 2) throw new Error('boom');
        // The others are slower: they are still in flight when item 2 fails.
        for (let i = 0; i < 5; i++) await tick();
        if (rejected) settledAfterReject++;
      } finally {
        inFlight--;
      }
    }, new AbortController().signal).finally(() => { rejected = true; });
    await expect(pool).rejects.toThrow('boom');
    expect(inFlight).toBe(0);
    expect(settledAfterReject).toBe(0);
    expect(taken).toBeLessThanOrEqual(4);
  });

  it('rejects when taking the next item throws, after the work in flight', async () => {
    let taken = 0;
    let finished = 0;
    await expect(run(3, () => {
      taken++;
      if (taken === 4) throw new Error('cannot read the next page');
      return taken;
    }, async (n) => {
      // Item 1 is done first and its worker then meets the failing read; items 2 and 3 are still in flight.
      for (let i = 0; i < n * 5; i++) await tick();
      finished++;
    }, new AbortController().signal)).rejects.toThrow('cannot read the next page');
    expect(finished).toBe(3);
  });
});

describe('job writer and a database that cannot take writes', () => {
  it('rejects every queued write once the database is closed, instead of rescheduling itself for ever', async () => {
    let turns = 0;
    const deferred: Array<() => void> = [];
    const writer = createJobWriter(t.db, 8, {
      now: () => 0,
      defer: (fn) => deferred.push(() => { turns++; fn(); }),
      later: () => { throw new Error('no gap asked'); },
    });
    const a = writer.write(() => 1);
    const b = writer.write(() => 2);
    t.db.close();
    while (deferred.length > 0 && turns < 100) deferred.shift()?.();
    await expect(a).rejects.toThrow(/not open/);
    await expect(b).rejects.toThrow(/not open/);
    expect(turns).toBe(1);
    expect(writer.queued).toBe(0);
    await expect(writer.write(() => 3)).rejects.toThrow(/closed/);
  });

  it('on a full database (SQLITE_FULL) rejects the writes that did not fit as a fatal disk-full failure, and writes nothing of them', async () => {
    const ids = invoices(2);
    const jobId = r.jobs.create('wangdian_submit', {}, ids);
    // SQLite's own limit on the file size: its writes then fail exactly as on a full disk.
    const pages = t.db.pragma('page_count', { simple: true }) as number;
    t.db.pragma(`max_page_count = ${pages}`);
    const writer = createJobWriter(t.db, 8);
    const big = 'x'.repeat(64 * 1024);
    const full = writer.write(() => {
      r.jobs.markItemDone(jobId, ids[0] ?? -1);
      r.audit.append('test', 'fill', null, { big });
    });
    const error = await full.then(() => null, (e: unknown) => e);
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    expect(isFatal(error)).toBe(true);
    expect(toFailure(error)).toMatchObject({ code: 'disk_full', message: expect.stringContaining('磁盘空间不足'), messageEn: expect.stringContaining('Disk full') });
    // Nothing of the failed unit is stored, and the writer still serves what fits.
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 0 });
    await writer.write(() => r.jobs.markItemDone(jobId, ids[1] ?? -1));
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 1 });
  });
});
