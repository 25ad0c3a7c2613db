// Integration (real emulators, real SQLite): how the bulk jobs spend requests — a whole-request 9999 split
// in halves through the same pool instead of bill by bill, the feed crossing pages without losing items,
// and the submit job keeping every 1 s window within its configured rate.
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import type { AppCore } from '../../../electron/services/app-core';
import { maxPerSecond } from '../../../electron/http/rate-limiter';
import { call, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function prepared(orders: number, seed: number): Promise<{ sb: Sandbox; core: AppCore }> {
  const sb = await startSandbox({ orders, seed });
  const tmp = tempDir();
  cleanups.push(() => tmp.remove(), () => sb.close());
  const core = await openCore(tmp.dir, sb);
  cleanups.push(() => core.close());
  await importSeed(core, sb);
  return { sb, core };
}

function busiestSecond(times: readonly number[]): number {
  const s = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < s.length; hi++) {
    while ((s[hi] ?? 0) - (s[lo] ?? 0) >= 1000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('bulk Suning query', () => {
  it('splits a batch refused with 9999 in halves: only the failing orders fail, in far fewer requests than bill by bill', async () => {
    // More than one page of pending items (the job reads 500 at a time), so the feed crosses pages too.
    const { sb, core } = await prepared(1200, 21);
    sb.suningEmulator.setFaults({ latencyMs: 5 });
    const orders = new Set(sb.erpRecords.map((r) => r.orderNo));
    const failing = [...sb.data.failingOrders].filter((o) => orders.has(o));
    expect(failing.length).toBeGreaterThan(2);

    const p = await runJob(core, 'jobs:startQuery');
    expect(p.state).toBe('done');
    expect(p.done + p.failed).toBe(sb.erpRecords.length);
    const failedOrders = new Set(core.services.repos.jobs.items(p.jobId, 'failed').map((i) => core.services.repos.invoices.getById(i.invoiceId)?.orderNo ?? ''));
    expect([...failedOrders].sort()).toEqual([...failing].sort());
    for (const f of core.services.repos.jobs.items(p.jobId, 'failed')) expect(f.code).toBe('9999');

    // Each failing order costs at most one path down the bisection tree: 2 requests per level.
    const batchSize = 20;
    const bills = orders.size;
    const batches = Math.ceil(bills / batchSize);
    const perFailure = 2 * Math.ceil(Math.log2(batchSize));
    const requests = sb.suningEmulator.requestCount();
    expect(requests).toBeLessThanOrEqual(batches + 1 + failing.length * perFailure);
    // Bill by bill would have spent a whole batch of extra requests per refused batch.
    expect(requests).toBeLessThan(batches + failing.length * batchSize);
    const counts = await call(core, 'invoices:counts', {});
    expect(counts.byRecon.not_queried).toBe(0);
  });
});

describe('bulk Wangdiantong submit', () => {
  it('keeps every 1 s window within the configured rps plus its small burst', async () => {
    const { sb, core } = await prepared(300, 7);
    await runJob(core, 'jobs:startQuery');
    // Ready to submit: fill the fillable ones from Suning, then take every matched invoice.
    const fillable = await call(core, 'invoices:list', { filter: { reconStatus: ['fillable'] }, limit: 500 });
    for (const r of fillable.rows) await call(core, 'invoices:applySuning', { id: r.id });
    const matched = await call(core, 'invoices:list', { filter: { reconStatus: ['matched'] }, limit: 500 });
    const ids = matched.rows.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(60);
    sb.wangdianEmulator.setFaults({ latencyMs: 5 });
    const limit = { rps: 25, concurrency: 8 };
    core.services.settings.update({ wangdian: limit });
    const t0 = performance.now();
    const p = await runJob(core, 'jobs:startSubmit', ids);
    const ms = performance.now() - t0;
    expect(p.state).toBe('done');
    const times = sb.wangdianEmulator.received.map((r) => r.time);
    expect(times.length).toBe(ids.length);
    expect(p.failed).toBe(0);
    expect(busiestSecond(times)).toBeLessThanOrEqual(maxPerSecond(limit)); // 26, where a full second of burst allowed 50
    // and it still goes at about the configured pace, not slower
    expect(ms).toBeLessThan((times.length / limit.rps) * 1000 * 1.5 + 500);
  }, 20_000);
});
