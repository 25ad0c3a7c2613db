// Unit tests (Node, real SQLite file): the 自动处理 run repository (electron/db/repositories/auto-runs.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repositories, type Repositories } from '../../../../electron/db/repositories/index';
import { CREATION_INTERRUPTED } from '../../../../electron/db/repositories/jobs';
import { tempDb, type TempDb } from '../temp-db';

let t: TempDb;
let r: Repositories;

function seed(n: number): number[] {
  r.invoices.upsertMany(Array.from({ length: n }, (_, i) => ({
    invoiceNo: `F${i}`, orderNo: `O${i}`, billType: '01' as const, shop: 'S', saleOrg: '10001', buyerTitle: 'B', amountFen: 100,
    taxAmountFen: null, invoiceDate: '2026-01-02', invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80 as const, errorInfo: '',
  })), 'test');
  return r.invoices.idsForSelection({ kind: 'filter', filter: {} });
}

beforeEach(() => {
  t = tempDb();
  r = repositories(t.db);
});
afterEach(() => t.cleanup());

describe('auto runs', () => {
  it('stores the run and its invoices in chunks; until the last chunk it is an honest failed record nobody resumes', async () => {
    const ids = seed(25);
    let pauses = 0;
    let seenMidway: string | undefined;
    const runId = await r.autoRuns.create({ selection: { kind: 'filter', filter: {} } }, [...ids, ids[0] ?? 0], async () => {
      pauses++;
      seenMidway = r.autoRuns.get(1)?.lastError?.code;
      expect(r.autoRuns.listResumable()).toEqual([]);
    }, 10);
    expect(pauses).toBe(2);
    expect(seenMidway).toBe(CREATION_INTERRUPTED.code);
    const run = r.autoRuns.progress(runId);
    expect(run).toMatchObject({ state: 'running', phase: 'query', total: 25, lastError: null, queryJobId: null, submitJobId: null, fillBatch: null });
    const read: number[] = [];
    for (let after = 0; ;) {
      const page = r.autoRuns.itemsAfter(runId, after, 7);
      if (page.length === 0) break;
      read.push(...page);
      after = page[page.length - 1] ?? after;
    }
    expect(read).toEqual([...ids].sort((a, b) => a - b));
  });

  it('finds a child job by the run id in its params, ignoring one whose creation was interrupted', async () => {
    const ids = seed(3);
    const runId = await r.autoRuns.create({}, ids, async () => undefined);
    expect(r.autoRuns.findChildJob(runId, 'suning_query')).toBeNull();
    const broken = await r.jobs.createInChunks('suning_query', { autoRun: runId }, ids, async () => {
      throw new Error('killed while creating');
    }, 1).catch(() => null);
    expect(broken).toBeNull();
    expect(r.autoRuns.findChildJob(runId, 'suning_query')).toBeNull();
    const job = r.jobs.create('suning_query', { autoRun: runId }, ids);
    r.jobs.create('suning_query', { autoRun: runId + 1 }, ids);
    expect(r.autoRuns.findChildJob(runId, 'suning_query')).toBe(job);
    expect(r.autoRuns.findChildJob(runId, 'wangdian_submit')).toBeNull();
  });

  it('records phases, the fill batch once, counters, and pauses runs a dead process left running', async () => {
    const ids = seed(4);
    const runId = await r.autoRuns.create({}, ids, async () => undefined);
    r.autoRuns.setPhase(runId, 'fill');
    r.autoRuns.startFill(runId, 'b1', 3);
    r.autoRuns.startFill(runId, 'b2', 9); // a resumed fill keeps its first batch and total
    r.autoRuns.addFilled(runId, 2, 0);
    r.autoRuns.addFilled(runId, 1, 1);
    expect(r.autoRuns.progress(runId)).toMatchObject({ phase: 'fill', fillBatch: 'b1', fillTotal: 3, filled: 3, fillFailed: 1 });
    expect(r.autoRuns.pauseInterrupted()).toEqual([runId]);
    expect(r.autoRuns.progress(runId).state).toBe('paused');
    r.autoRuns.finish(runId, 'done', null);
    expect(r.autoRuns.progress(runId)).toMatchObject({ state: 'done', phase: 'finished' });
    expect(r.autoRuns.progress(runId).finishedAt).not.toBeNull();
    expect(r.autoRuns.listResumable()).toEqual([]);
    expect(r.autoRuns.latest()?.runId).toBe(runId);
    expect(() => r.autoRuns.progress(999)).toThrow(/999/);
  });
});
