// 自动处理's runner in-process (real SQLite, real emulators over loopback): a child job started but not yet
// recorded when the process died is adopted (never a second one), a run stopped in the fill phase resumes
// there with the same undoable batch, a cancel stops the submit phase, a value typed by hand is never filled
// over unseen, and an invoice whose newest query failed is neither filled nor sent.
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import { applySuningBatch, previewApplySuning } from '../../../electron/services/apply-suning';
import type { AppCore } from '../../../electron/services/app-core';
import { call, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';
import { until } from '../../support/processes';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(orders: number, seed: number, queried: boolean): Promise<{ sb: Sandbox; dir: string; core: AppCore }> {
  const sb = await startSandbox({ orders, seed });
  const tmp = tempDir();
  cleanups.push(() => tmp.remove(), () => sb.close());
  const core = await openCore(tmp.dir, sb, { resumeJobs: false });
  await importSeed(core, sb);
  if (queried) await runJob(core, 'jobs:startQuery');
  return { sb, dir: tmp.dir, core };
}

const ids = (core: AppCore, reconStatus?: Parameters<AppCore['services']['repos']['invoices']['idsForSelection']>[0]) =>
  core.services.repos.invoices.idsForSelection(reconStatus ?? { kind: 'filter', filter: {} });

const count = (core: AppCore, sql: string, ...params: unknown[]): number => core.services.db.prepare(sql).pluck().get(...params) as number;

describe('the auto runner', () => {
  it('adopts a child job that was started but not recorded when the process died, instead of starting another', async () => {
    const { sb, dir, core } = await setup(80, 51, false);
    const all = ids(core);
    const { repos } = core.services;
    const runId = await repos.autoRuns.create({ selection: { kind: 'filter', filter: {} } }, all, async () => undefined);
    // The query job exists (stored running) but the run never learnt its id: the kill came in between.
    const jobId = repos.jobs.create('suning_query', { selection: 'auto', autoRun: runId }, all);
    await core.close();

    const again = await openCore(dir, sb, { resumeJobs: false });
    cleanups.push(() => again.close());
    expect(again.services.repos.autoRuns.get(runId)?.state).toBe('paused');
    again.services.auto.resume(runId);
    const run = await again.services.auto.wait(runId);
    expect(run).toMatchObject({ state: 'done', phase: 'finished' });
    expect(run.phases[0]).toMatchObject({ phase: 'query', jobId, state: 'done', total: all.length });
    expect(count(again, "SELECT COUNT(*) FROM jobs WHERE kind = 'suning_query'")).toBe(1);
    expect(count(again, "SELECT COUNT(*) FROM invoices WHERE recon_status = 'matched' AND submit_state <> 'accepted'")).toBe(0);
  }, 60_000);

  it('a run stopped half-way through the fill resumes in the fill, under the same batch, and undo restores all of it', async () => {
    const { core } = await setup(160, 52, true);
    const { repos, db } = core.services;
    const fillable = ids(core, { kind: 'filter', filter: { reconStatus: ['fillable'] } });
    expect(fillable.length).toBeGreaterThan(20);
    const runId = await repos.autoRuns.create({ selection: { kind: 'filter', filter: {} } }, ids(core), async () => undefined);
    // Where a killed run would be: phase fill, half its invoices filled under its batch.
    const batch = 'auto-test-batch';
    repos.autoRuns.setPhase(runId, 'fill');
    repos.autoRuns.startFill(runId, batch, fillable.length);
    const half = fillable.slice(0, Math.floor(fillable.length / 2));
    const token = previewApplySuning(db, repos, { kind: 'ids', ids: half }).token ?? '';
    repos.autoRuns.addFilled(runId, applySuningBatch(db, repos, 'test', { kind: 'ids', ids: half }, token, 'bulk', batch).changed, 0);
    repos.autoRuns.setState(runId, 'paused');

    core.services.auto.resume(runId);
    const run = await core.services.auto.wait(runId);
    expect(run).toMatchObject({ state: 'done', phase: 'finished' });
    // The query phase is not run again; the fill finished what was left, all under the run's one batch.
    expect(run.phases[0]).toMatchObject({ state: 'skipped', jobId: null });
    expect(run.phases[1]).toMatchObject({ phase: 'fill', state: 'done', total: fillable.length, done: fillable.length });
    expect(count(core, "SELECT COUNT(*) FROM jobs WHERE kind = 'suning_query'")).toBe(1);
    expect(count(core, "SELECT COUNT(DISTINCT json_extract(details, '$.batch')) FROM audit_log WHERE action = 'invoice.apply_suning'")).toBe(1);
    expect(count(core, "SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.apply_suning'")).toBe(fillable.length);
    // The fill is undoable as one batch (the accepted ones are then reported outdated, not silently reverted).
    const undo = await call(core, 'invoices:undoApplySuning', { batch });
    expect(undo.restored).toBe(fillable.length);
    expect(undo.outdatedInvoiceNos).toHaveLength(fillable.length);
    await core.close();
  }, 60_000);

  it('cancel in the submit phase stops its job; the summary says what is left; nothing is left sending', async () => {
    const { sb, core } = await setup(200, 53, true);
    sb.wangdianEmulator.setFaults({ latencyMs: 50 });
    core.services.settings.update({ wangdian: { rps: 100, concurrency: 2 } });
    // Two starts at once: one run, the other refused; and none while it is unfinished.
    const [first, second] = await Promise.allSettled([
      call(core, 'auto:start', { selection: { kind: 'filter', filter: {} } }),
      call(core, 'auto:start', { selection: { kind: 'filter', filter: {} } }),
    ]);
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    const refused = first.status === 'rejected' ? first.reason : second.status === 'rejected' ? second.reason : null;
    expect(refused).toMatchObject({ code: 'job_running' });
    const started = first.status === 'fulfilled' ? first.value : second.status === 'fulfilled' ? second.value : null;
    if (!started) throw new Error('no run started');
    await expect(call(core, 'auto:start', { selection: { kind: 'filter', filter: {} } })).rejects.toMatchObject({ code: 'job_running' });
    expect(count(core, 'SELECT COUNT(*) FROM auto_runs')).toBe(1);
    await until(() => sb.wangdianEmulator.received.length >= 10);
    const run = await call(core, 'auto:cancel', { runId: started.runId });
    expect(run.state).toBe('cancelled');
    const submit = run.phases[2];
    expect(submit?.state).toBe('cancelled');
    expect(run.summary?.leftForClerk.some((g) => g.plan === 'submit')).toBe(true);
    const sent = sb.wangdianEmulator.received.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(sb.wangdianEmulator.received.length).toBe(sent);
    expect(count(core, "SELECT COUNT(*) FROM submissions WHERE state = 'sending'")).toBe(0);
    await expect(call(core, 'auto:cancel', { runId: started.runId })).rejects.toMatchObject({ code: 'conflict' });
    // A new run may start now, and finishes the rest.
    const next = await call(core, 'auto:start', { selection: { kind: 'filter', filter: {} } });
    sb.wangdianEmulator.setFaults({});
    expect((await core.services.auto.wait(next.runId)).state).toBe('done');
    expect(count(core, "SELECT COUNT(*) FROM invoices WHERE recon_status = 'matched' AND submit_state <> 'accepted'")).toBe(0);
    await core.close();
  }, 60_000);

  it('never fills over a value typed by hand, and neither fills nor sends an invoice whose newest query failed', async () => {
    const { sb, core } = await setup(160, 54, true);
    const { repos } = core.services;
    const fillable = (await call(core, 'invoices:list', { filter: { reconStatus: ['fillable'] }, limit: 10 })).rows;
    const matched = (await call(core, 'invoices:list', { filter: { reconStatus: ['matched'] }, limit: 10 })).rows;
    const typed = fillable[0];
    const flaggedFill = fillable[1];
    const flaggedMatch = matched[0];
    if (!typed || !flaggedFill || !flaggedMatch) throw new Error('seed too small');
    await call(core, 'invoices:update', { id: typed.id, patch: { pdfUrl: 'https://files.example.com/typed-by-hand.pdf' } });
    // Suning now fails for these two orders: their verdicts stay, flagged.
    sb.suningEmulator.failingOrders.add(flaggedFill.orderNo);
    sb.suningEmulator.failingOrders.add(flaggedMatch.orderNo);
    await runJob(core, 'jobs:startQuery', [flaggedFill.id, flaggedMatch.id]);
    expect(repos.invoices.getById(flaggedMatch.id)).toMatchObject({ reconStatus: 'matched' });
    expect(repos.invoices.getById(flaggedMatch.id)?.queryFailedAt).not.toBeNull();

    const started = await call(core, 'auto:start', { selection: { kind: 'filter', filter: {} } });
    const run = await core.services.auto.wait(started.runId);
    expect(run.state).toBe('done');
    const sentNos = new Set(sb.wangdianEmulator.received.map((r) => r.params.invoice_no));
    for (const inv of [typed, flaggedFill, flaggedMatch]) expect(sentNos.has(inv.invoiceNo), inv.invoiceNo).toBe(false);
    expect(repos.invoices.getById(typed.id)).toMatchObject({ pdfUrl: 'https://files.example.com/typed-by-hand.pdf', reconStatus: 'fillable' });
    expect(repos.invoices.getById(flaggedFill.id)?.reconStatus).toBe('fillable');
    const groups = run.summary?.leftForClerk ?? [];
    expect(groups.find((g) => g.plan === 'fill_then_submit' && !g.queryFailed)).toMatchObject({ count: 1, reconStatus: 'fillable' });
    const flagged = groups.filter((g) => g.queryFailed);
    expect(flagged.reduce((n, g) => n + g.count, 0)).toBe(2);
    for (const g of flagged) expect(g.filter.queryFailed).toBe(true);
    // The re-query of the two failed again: automatic failures, reported.
    expect(run.summary?.queried.failed).toBe(2);
    expect(run.summary?.automaticFailures).toBe(2);
    await core.close();
  }, 60_000);
});
