// The submit job's guard and the confirm dialog's breakdown, through the core every host mounts, against the
// emulators: what submit:preview says is exactly what Wangdiantong then receives, and what it skips is
// recorded on the job with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDerived } from '../../../electron/db/derived';
import type { AppCore } from '../../../electron/services/app-core';
import { call, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';
import { startSandbox } from '../../../electron/sandbox/sandbox';

describe('bulk submit follows the write-back plan', () => {
  let sb: Sandbox;
  let core: AppCore;
  const tmp = tempDir();

  beforeAll(async () => {
    sb = await startSandbox({ orders: 120, seed: 17 });
    core = await openCore(tmp.dir, sb);
    await importSeed(core, sb);
    await runJob(core, 'jobs:startQuery');
  }, 60_000);
  afterAll(async () => {
    await core.close();
    await sb.close();
    tmp.remove();
  });

  async function rows(reconStatus: Parameters<typeof call<'invoices:list'>>[2]['filter']) {
    return (await call(core, 'invoices:list', { filter: reconStatus, limit: 500 })).rows;
  }

  it('sends exactly what the preview counted: 80s, 65/75s and their amount; skips the rest with the reason', async () => {
    // The clerk marks one not-issued invoice as 75 with a reason: allowed (never 80, but 75 is the clerk's call).
    const notIssued = (await rows({ reconStatus: ['not_issued'] }))[0];
    expect(notIssued).toBeDefined();
    await call(core, 'invoices:update', { id: notIssued?.id ?? 0, patch: { targetStatus: 75, errorInfo: '苏宁未开票，买家取消' } });
    // One matched invoice whose Suning answer is two days old: query first, not sent.
    const matched = await rows({ reconStatus: ['matched'] });
    const stale = matched[0];
    expect(stale).toBeDefined();
    core.services.db.prepare('UPDATE suning_queries SET at = ? WHERE order_no = ?').run(new Date(Date.now() - 48 * 3_600_000).toISOString(), stale?.orderNo);
    refreshDerived(core.services.db, [stale?.id ?? 0]);

    const all = await rows({});
    const preview = await call(core, 'submit:preview', { selection: { kind: 'filter', filter: {} } });
    expect(preview.total).toBe(all.length);
    expect(preview.as80.count).toBe(matched.length - 1);
    expect(preview.asFailure.count).toBe(1);
    const skippedTotal = preview.skipped.reduce((n, g) => n + g.count, 0);
    expect(preview.as80.count + preview.asFailure.count + skippedTotal).toBe(all.length);
    // Grouped per reason and status, each count equal to the table's own.
    const byStatus = new Map<string, number>();
    for (const r of all) byStatus.set(r.reconStatus, (byStatus.get(r.reconStatus) ?? 0) + 1);
    for (const g of preview.skipped) {
      if (g.refusal === 'needs_clerk' || g.refusal === 'fill_first') expect(g.count, g.reconStatus).toBe(byStatus.get(g.reconStatus));
      expect(g.reason.zh.length).toBeGreaterThan(4);
      expect(g.reason.en.length).toBeGreaterThan(4);
    }
    expect(preview.skipped.find((g) => g.refusal === 'query_first' && g.reconStatus === 'matched')?.count).toBe(1);
    expect(preview.skipped.find((g) => g.refusal === 'never_80' && g.reconStatus === 'not_issued')?.count).toBe((byStatus.get('not_issued') ?? 0) - 1);

    const p = await runJob(core, 'jobs:startSubmit');
    expect(p.state).toBe('done');
    const received = sb.wangdianEmulator.received;
    const statuses = received.map((r) => r.params.status);
    expect(statuses.filter((s) => s === '80')).toHaveLength(preview.as80.count);
    expect(statuses.filter((s) => s === '75' || s === '65')).toHaveLength(preview.asFailure.count);
    const amount = new Map(all.map((r) => [r.invoiceNo, r.amountFen]));
    expect(received.reduce((sum, r) => sum + (amount.get(r.params.invoice_no ?? '') ?? Number.NaN), 0)).toBe(preview.sentAmountFen);
    // Every 80 received belongs to an invoice whose plan was "submit": none of the forbidden ones.
    const submitPlan = new Set(all.filter((r) => r.plan === 'submit').map((r) => r.invoiceNo));
    for (const r of received.filter((x) => x.params.status === '80')) expect(submitPlan.has(r.params.invoice_no ?? '')).toBe(true);
    expect(submitPlan.has(stale?.invoiceNo ?? '')).toBe(false);
    // Refused ones are job failures with the reason; nothing was dropped.
    const failed = core.services.repos.jobs.items(p.jobId, 'failed');
    expect(failed.length).toBe(skippedTotal);
    expect(new Set(failed.map((f) => f.code))).toEqual(new Set(['plan.refused']));
    expect(failed.every((f) => (f.message ?? '').includes('拒绝回传 80'))).toBe(true);
    expect(p.done).toBe(preview.as80.count + preview.asFailure.count);
    // The job panel's list of what the plan refused: one group per reason, adding up to the refusals.
    const outcomes = await call(core, 'submit:outcomes', { jobId: p.jobId });
    expect(outcomes.every((o) => o.code === 'plan.refused' && o.reason.zh.startsWith('拒绝回传 80') && o.reason.en.startsWith('Refused to send 80'))).toBe(true);
    expect(outcomes.reduce((n, o) => n + o.count, 0)).toBe(skippedTotal);
    expect(outcomes.find((o) => o.reason.en.includes('amount differs'))?.count).toBe(byStatus.get('amount_mismatch'));
  }, 60_000);

  it('a second bulk submit skips what was accepted and unchanged (recorded, not sent, not failed)', async () => {
    const before = sb.wangdianEmulator.received.length;
    const accepted = await rows({ submitState: ['accepted'] });
    expect(accepted.length).toBeGreaterThan(10);
    expect(accepted.every((r) => r.plan === 'nothing')).toBe(true);
    const ids = accepted.map((r) => r.id);
    const preview = await call(core, 'submit:preview', { selection: { kind: 'ids', ids } });
    expect(preview).toMatchObject({ total: ids.length, as80: { count: 0 }, asFailure: { count: 0 }, sentAmountFen: 0 });
    expect(preview.skipped.every((g) => g.refusal === 'accepted')).toBe(true);
    const p = await runJob(core, 'jobs:startSubmit', ids);
    expect(p).toMatchObject({ state: 'done', failed: 0, done: ids.length });
    expect(sb.wangdianEmulator.received.length).toBe(before);
    const items = core.services.repos.jobs.items(p.jobId, 'done');
    expect(items.every((i) => i.code === 'plan.skipped' && (i.message ?? '').includes('无需再回传'))).toBe(true);
    expect(await call(core, 'submit:outcomes', { jobId: p.jobId })).toEqual([
      { code: 'plan.skipped', reason: { zh: expect.stringContaining('无需再回传'), en: expect.stringContaining('nothing to send') }, count: ids.length },
    ]);
  });

  it('a single submit the plan forbids is refused at once with the reason; no job, nothing sent', async () => {
    const before = sb.wangdianEmulator.received.length;
    const reversed = (await rows({ reconStatus: ['reversed'] }))[0];
    expect(reversed).toBeDefined();
    const err = await call(core, 'jobs:startSubmit', { selection: { kind: 'ids', ids: [reversed?.id ?? 0] } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'plan.refused', messageZh: expect.stringContaining('全额冲红'), messageEn: expect.stringContaining('never 80') });
    expect(sb.wangdianEmulator.received.length).toBe(before);
    // The detail panel carries the same plan and reason.
    const d = await call(core, 'invoices:get', { id: reversed?.id ?? 0 });
    expect(d.invoice).toMatchObject({ plan: 'never_80', planReason: { zh: expect.stringContaining('65/75') } });
  });

  it('a re-send from 提交记录 follows the plan as it is now: refused once the answer went stale', async () => {
    // An accepted matched invoice whose PDF link the clerk corrects (outdated: plan "submit" again), and which
    // the ERP no longer knows (30000): its new submission is rejected.
    const target = (await rows({ reconStatus: ['matched'], submitState: ['accepted'] }))[0];
    expect(target).toBeDefined();
    await call(core, 'invoices:update', { id: target?.id ?? 0, patch: { pdfUrl: 'https://pdf.example/corrected.pdf' } });
    sb.wangdianEmulator.store.delete(target?.invoiceNo ?? '');
    const p = await runJob(core, 'jobs:startSubmit', [target?.id ?? 0]);
    expect(p).toMatchObject({ failed: 1 });
    const sub = (await call(core, 'submissions:list', { search: target?.invoiceNo, limit: 5 })).rows[0];
    expect(sub?.state).toBe('rejected');
    core.services.db.prepare('UPDATE suning_queries SET at = ? WHERE order_no = ?').run(new Date(Date.now() - 30 * 3_600_000).toISOString(), target?.orderNo);
    refreshDerived(core.services.db, [target?.id ?? 0]);
    const before = sb.wangdianEmulator.received.length;
    await expect(call(core, 'submissions:resend', { id: sub?.id ?? 0 })).rejects.toMatchObject({ code: 'plan.refused', messageEn: expect.stringContaining('older than 24 h') });
    expect(sb.wangdianEmulator.received.length).toBe(before);
  });
});
