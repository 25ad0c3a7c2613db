// Issue 13 §5: a failed re-query never erases a known answer. Real emulators over loopback, real SQLite.
// query OK (amount mismatch) → Suning down (HTTP 503) or faulty (returnCode 9999) → re-query → the verdict and
// Suning's values stay; the row carries "last query failed (time, reason)" until a query succeeds again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import type { AppCore } from '../../../electron/services/app-core';
import { call, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';

describe('a failed re-query keeps the last successful answer, flagged', () => {
  let sb: Sandbox;
  let core: AppCore;
  const tmp = tempDir();

  beforeAll(async () => {
    sb = await startSandbox({ orders: 120, seed: 11 });
    core = await openCore(tmp.dir, sb);
    await importSeed(core, sb);
    const q = await runJob(core, 'jobs:startQuery');
    expect(q.state).toBe('done');
  });
  afterAll(async () => {
    await core.close();
    await sb.close();
    tmp.remove();
  });

  async function mismatched() {
    const page = await call(core, 'invoices:list', { filter: { reconStatus: ['amount_mismatch'] }, limit: 500 });
    expect(page.rows.length).toBeGreaterThan(0);
    return page.rows;
  }

  it.each([
    ['Suning down (HTTP 503)', { http5xx: 503 }, /HTTP 503/],
    ['Suning faulty (returnCode 9999)', { businessFailureRate: 1, seed: 5 }, /9999/],
  ] as const)('%s: verdict unchanged and flagged, in the row and the detail', async (_name, faults, reason) => {
    const before = await mismatched();
    expect(before.every((r) => r.queryFailedAt === null)).toBe(true);
    const detailBefore = await call(core, 'invoices:get', { id: before[0]?.id ?? 0 });

    sb.suningEmulator.setFaults(faults);
    const q = await runJob(core, 'jobs:startQuery', before.map((r) => r.id));
    sb.suningEmulator.setFaults({});
    expect(q.failed).toBe(before.length);

    const after = await call(core, 'invoices:list', { filter: { reconStatus: ['amount_mismatch'] }, limit: 500 });
    expect(after.rows.map((r) => r.id)).toEqual(before.map((r) => r.id));
    for (const [i, r] of after.rows.entries()) {
      const was = before[i];
      expect(r).toMatchObject({ reconStatus: 'amount_mismatch', suningInvoiceNum: was?.suningInvoiceNum, suningAmountFen: was?.suningAmountFen, queriedAt: was?.queriedAt });
      expect(r.queryFailedAt).not.toBeNull();
      expect(r.queryFailedAt && was?.queriedAt && r.queryFailedAt > was.queriedAt).toBe(true);
      expect(r.queryFailedReason).toMatch(reason);
    }
    const counts = await call(core, 'invoices:counts', {});
    expect(counts.byRecon.amount_mismatch).toBe(before.length);
    // The flag is a filter of its own: every invoice of the failed re-query, whatever its kept verdict.
    const neverAnswered = counts.byRecon.query_failed;
    expect(counts.queryFailed).toBe(before.length + neverAnswered);
    const flagged = await call(core, 'invoices:list', { filter: { queryFailed: true, reconStatus: ['amount_mismatch'] }, limit: 500 });
    expect(flagged.rows.map((r) => r.id)).toEqual(before.map((r) => r.id));

    // The detail panel: the same verdict, Suning's invoices and explanation; the failed query is the last one.
    const d = await call(core, 'invoices:get', { id: before[0]?.id ?? 0 });
    expect(d.invoice.reconStatus).toBe('amount_mismatch');
    expect(d.suning).toEqual(detailBefore.suning);
    expect(d.explanation).toEqual(detailBefore.explanation);
    expect(d.lastQuery?.outcome).toBe('error');

    // A successful query clears the flag.
    const ok = await runJob(core, 'jobs:startQuery', before.map((r) => r.id));
    expect(ok.failed).toBe(0);
    const cleared = await call(core, 'invoices:list', { filter: { reconStatus: ['amount_mismatch'] }, limit: 500 });
    expect(cleared.rows.map((r) => [r.id, r.queryFailedAt, r.queryFailedReason])).toEqual(before.map((r) => [r.id, null, '']));
  });

  it('an order never answered successfully is still "query failed" (nothing known to keep), and flagged', async () => {
    const page = await call(core, 'invoices:list', { filter: { reconStatus: ['query_failed'] }, limit: 500 });
    // The seed's failing orders answer 9999 on every query.
    expect(page.rows.length).toBeGreaterThan(0);
    for (const r of page.rows) {
      expect(r.queryFailedAt).not.toBeNull();
      expect(r.queriedAt).toBe(r.queryFailedAt);
    }
  });
});
