// Unit tests (Node, real SQLite file): the pieces that keep a bulk job fast and the event loop free — the
// feed that takes work added while it runs, the batch bisection, the writer's per-turn budget, and job
// creation in chunks that a crash cannot leave half-resumable.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repositories, type Repositories } from '../../../../electron/db/repositories/index';
import { CREATION_INTERRUPTED } from '../../../../electron/db/repositories/jobs';
import { runFeed } from '../../../../electron/services/jobs/pool';
import { bisect } from '../../../../electron/services/jobs/query-job';
import { createJobWriter } from '../../../../electron/services/jobs/writer';
import { createWriteGate } from '../../../../electron/services/write-gate';
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

describe('bisect', () => {
  it('splits a refused batch into two halves that together hold every bill once', () => {
    expect(bisect([1, 2, 3, 4, 5])).toEqual([[1, 2, 3], [4, 5]]);
    expect(bisect([1, 2])).toEqual([[1], [2]]);
    const twenty = Array.from({ length: 20 }, (_, i) => i);
    expect(bisect(twenty).flat()).toEqual(twenty);
  });
});

describe('runFeed', () => {
  it('runs work that adds more work until nothing is queued or in flight, never above the concurrency', async () => {
    const queue: number[][] = [[1, 2, 3, 4, 5, 6, 7, 8]];
    const seen: number[] = [];
    let inFlight = 0;
    let peak = 0;
    await runFeed(3, () => queue.shift() ?? null, async (batch) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      if (batch.length > 1) {
        // like a whole-request refusal: both halves go back into the same pool
        queue.unshift(...bisect(batch));
      } else {
        seen.push(batch[0] ?? -1);
      }
      inFlight--;
    }, new AbortController().signal);
    expect(seen.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(peak).toBeGreaterThan(1); // the halves ran concurrently, not one by one in one worker
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('stops taking work once aborted', async () => {
    const ctl = new AbortController();
    let taken = 0;
    await runFeed(2, () => (taken < 100 ? ++taken : null), async (n) => {
      await tick();
      if (n === 3) ctl.abort();
    }, ctl.signal);
    expect(taken).toBeLessThan(6);
  });
});

describe('job writer', () => {
  it('runs each write in its own savepoint, one transaction per turn, at most one budget of writes per turn', async () => {
    let now = 0;
    const deferred: Array<() => void> = [];
    const writer = createJobWriter(t.db, 8, { now: () => now, defer: (fn) => deferred.push(fn), later: () => { throw new Error('no gap asked'); } });
    const ids = invoices(10);
    const jobId = r.jobs.create('suning_query', {}, ids);
    const seenInTransaction: boolean[] = [];
    const done = ids.map((id) => writer.write(() => {
      now += 3; // each write "takes" 3 ms
      r.jobs.markItemDone(jobId, id);
      return id;
    }).then((v) => {
      // A caller acts on a write (e.g. sends the outbox row) only once it is committed.
      seenInTransaction.push(t.db.inTransaction);
      return v;
    }));
    const failing = writer.write(() => {
      r.jobs.markItemFailed(jobId, ids[0] ?? -1, 'x', 'y');
      throw new Error('boom');
    });
    expect(writer.queued).toBe(11);
    // First turn: 3 writes fit in 8 ms (the third one crosses it), then it yields.
    deferred.shift()?.();
    expect(writer.queued).toBe(8);
    expect(deferred).toHaveLength(1);
    expect(t.db.inTransaction).toBe(false);
    // The first turn's writes are committed: another connection sees them.
    const other = new Database(t.file, { readonly: true });
    try {
      expect(other.prepare('SELECT done FROM jobs WHERE id = ?').pluck().get(jobId)).toBe(3);
    } finally {
      other.close();
    }
    while (deferred.length > 0) deferred.shift()?.();
    expect(await Promise.all(done)).toEqual(ids);
    expect(seenInTransaction).toEqual(ids.map(() => false));
    await expect(failing).rejects.toThrow('boom');
    // The failed write rolled back alone (its savepoint): item 0 is still done, not failed.
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 10, failed: 0 });
  });

  it('a turn whose commit fails rejects every write of that turn, and the next turn goes on', async () => {
    const deferred: Array<() => void> = [];
    const writer = createJobWriter(t.db, 8, { now: () => 0, defer: (fn) => deferred.push(fn), later: () => { throw new Error('no gap asked'); } });
    const ids = invoices(3);
    const jobId = r.jobs.create('wangdian_submit', {}, ids);
    // A deferred foreign key is checked only at COMMIT: the unit itself succeeds, the commit fails.
    t.db.exec('CREATE TABLE probe_parent (id INTEGER PRIMARY KEY); CREATE TABLE probe_child (p INTEGER REFERENCES probe_parent(id) DEFERRABLE INITIALLY DEFERRED)');
    const first = writer.write(() => r.jobs.markItemDone(jobId, ids[0] ?? -1));
    const orphan = writer.write(() => t.db.prepare('INSERT INTO probe_child (p) VALUES (42)').run());
    deferred.shift()?.();
    await expect(first).rejects.toThrow(/FOREIGN KEY/);
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/);
    expect(t.db.inTransaction).toBe(false);
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 0 });
    const next = writer.write(() => r.jobs.markItemDone(jobId, ids[1] ?? -1));
    deferred.shift()?.();
    await next;
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 1 });
  });
});

describe('job writer gap', () => {
  it('waits `gapMs` after a commit before the next turn while writes trickle in, but never delays a backlog', async () => {
    let now = 0;
    const soon: Array<() => void> = [];
    const timed: Array<{ fn: () => void; ms: number }> = [];
    const writer = createJobWriter(t.db, 8, { now: () => now, defer: (fn) => soon.push(fn), later: (fn, ms) => timed.push({ fn, ms }) }, 10);
    const ids = invoices(6);
    const jobId = r.jobs.create('wangdian_submit', {}, ids);
    const mark = (i: number) => writer.write(() => {
      now += 5;
      r.jobs.markItemDone(jobId, ids[i] ?? -1);
    });
    // Nothing committed yet: the first write goes at the next turn.
    const a = mark(0);
    expect(soon).toHaveLength(1);
    soon.shift()?.();
    await a;
    // Committed at 5 ms; a write arriving at 7 ms waits until 15 ms, gathering those that come meanwhile.
    now = 7;
    const b = [mark(1), mark(2)];
    expect(soon).toHaveLength(0);
    expect(timed.map((x) => x.ms)).toEqual([8]);
    now = 15;
    timed.shift()?.fn();
    await Promise.all(b);
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 3 });
    // A turn that ends over budget with writes left goes on at the next turn, not after the gap.
    const c = [mark(3), mark(4), mark(5)];
    now = 40;
    timed.shift()?.fn();
    expect(writer.queued).toBe(1);
    expect(soon).toHaveLength(1);
    soon.shift()?.();
    await Promise.all(c);
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 6 });
  });
});

describe('job writer and the import write gate', () => {
  it('holds its turns while an import holds the gate, then writes everything queued meanwhile', async () => {
    const gate = createWriteGate();
    const writer = createJobWriter(t.db, 8, undefined, 0, gate);
    const ids = invoices(2);
    const jobId = r.jobs.create('wangdian_submit', {}, ids);
    let release: () => void = () => undefined;
    const importing = gate.exclusive(() => new Promise<void>((resolve) => { release = resolve; }));
    const writes = [writer.write(() => r.jobs.markItemDone(jobId, ids[0] ?? -1)), writer.write(() => r.jobs.markItemDone(jobId, ids[1] ?? -1))];
    for (let i = 0; i < 5; i++) await tick();
    expect(gate.busy).toBe(true);
    expect(writer.queued).toBe(2);
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 0 });
    release();
    await importing;
    await Promise.all(writes);
    expect(gate.busy).toBe(false);
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 2 });
  });
});

describe('jobs.createInChunks', () => {
  it('writes the items in bounded transactions, yielding between them, and only then is the job running', async () => {
    const ids = invoices(25);
    let pauses = 0;
    const jobId = await r.jobs.createInChunks('wangdian_submit', { selection: 'filter' }, [...ids, ids[0] ?? -1], async () => {
      pauses++;
      // between chunks the job is not resumable and says why
      const mid = r.jobs.progress(lastJob());
      expect(mid.state).toBe('failed');
      expect(mid.lastError).toEqual(CREATION_INTERRUPTED);
      await tick();
    }, 10);
    expect(pauses).toBe(2);
    expect(r.jobs.progress(jobId)).toMatchObject({ state: 'running', total: 25, done: 0, lastError: null, finishedAt: null });
    expect(r.jobs.nextPending(jobId, 100)).toEqual(ids);
    expect(r.jobs.listResumable().map((j) => j.jobId)).toEqual([jobId]);
  });

  it('a crash half-way leaves a failed job that no restart resumes', async () => {
    const ids = invoices(30);
    await expect(r.jobs.createInChunks('suning_query', {}, ids, async () => {
      throw new Error('power cut');
    }, 10)).rejects.toThrow('power cut');
    const job = r.jobs.progress(lastJob());
    expect(job).toMatchObject({ state: 'failed', total: 30, lastError: CREATION_INTERRUPTED });
    expect(r.jobs.listResumable()).toEqual([]);
  });

  it('pages pending items with a cursor, so items in flight are not read twice', async () => {
    const ids = invoices(7);
    const jobId = await r.jobs.createInChunks('suning_query', {}, ids, tick, 3);
    expect(r.jobs.nextPendingAfter(jobId, 0, 3)).toEqual(ids.slice(0, 3));
    expect(r.jobs.nextPendingAfter(jobId, ids[2] ?? 0, 3)).toEqual(ids.slice(3, 6));
    r.jobs.markItemDone(jobId, ids[6] ?? -1);
    expect(r.jobs.nextPendingAfter(jobId, ids[5] ?? 0, 3)).toEqual([]);
  });
});

function lastJob(): number {
  return Number(t.db.prepare('SELECT MAX(id) FROM jobs').pluck().get());
}
