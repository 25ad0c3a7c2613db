// Faults the core must survive: a process killed mid-submit, a flaky platform, a wrong PC clock.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import type { AppCore } from '../../../electron/services/app-core';
import { call, envFor, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function prepared(orders: number, seed: number): Promise<{ sb: Sandbox; core: AppCore; dir: string }> {
  const sb = await startSandbox({ orders, seed });
  const tmp = tempDir();
  cleanups.push(() => tmp.remove(), () => sb.close());
  const core = await openCore(tmp.dir, sb);
  await importSeed(core, sb);
  return { sb, core, dir: tmp.dir };
}

/** The only query failures allowed are the orders the seed makes Suning answer with 9999. */
function expectOnlySeededFailures(core: AppCore, sb: Sandbox, jobId: number): void {
  const failed = core.services.repos.jobs.items(jobId, 'failed');
  for (const f of failed) {
    const inv = core.services.repos.invoices.getById(f.invoiceId);
    expect(f.code).toBe('9999');
    expect(sb.data.failingOrders.has(inv?.orderNo ?? '')).toBe(true);
  }
}

async function matchedIds(core: AppCore): Promise<number[]> {
  const fillable = await call(core, 'invoices:list', { filter: { reconStatus: ['fillable'] }, limit: 500 });
  for (const r of fillable.rows) await call(core, 'invoices:applySuning', { id: r.id });
  const matched = await call(core, 'invoices:list', { filter: { reconStatus: ['matched'] }, limit: 500 });
  return matched.rows.map((r) => r.id);
}

describe('a process killed (SIGKILL) in the middle of a bulk submit', () => {
  it('resumes on restart: every submission ends accepted, none lost, none silently doubled', async () => {
    const { sb, core, dir } = await prepared(150, 5);
    await runJob(core, 'jobs:startQuery');
    const ids = await matchedIds(core);
    expect(ids.length).toBeGreaterThan(40);
    await core.close();

    sb.wangdianEmulator.setFaults({ latencyMs: 40 });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures', 'submit-child.ts')], {
      env: { ...process.env, ...envFor(sb), IR_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? -9 : _code)));
    // Kill once about a third has been accepted by the ERP.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const accepted = sb.wangdianEmulator.received.filter((r) => r.code === 0).length;
        if (accepted >= Math.floor(ids.length / 3)) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error(`child ended before the kill: ${stderr}`));
      });
    });
    expect(await exited).toBe(-9);
    const acceptedBeforeKill = sb.wangdianEmulator.received.filter((r) => r.code === 0).length;
    expect(acceptedBeforeKill).toBeLessThan(ids.length);

    sb.wangdianEmulator.setFaults({});
    const reopened = await openCore(dir, sb);
    cleanups.push(() => reopened.close());
    const active = await call(reopened, 'jobs:active', {});
    expect(active).toHaveLength(1);
    const job = active[0];
    if (!job) throw new Error('no resumed job');
    const final = await reopened.services.jobs.wait(job.jobId);
    expect(final).toMatchObject({ state: 'done', failed: 0, total: ids.length, done: ids.length });

    const counts = await call(reopened, 'invoices:counts', {});
    expect(counts.bySubmit.accepted).toBe(ids.length);
    expect(counts.bySubmit.sending + counts.bySubmit.queued + counts.bySubmit.unknown).toBe(0);
    // One outbox row per invoice: a resend reuses the row (attempts grows) instead of adding a second one.
    const subs = await call(reopened, 'submissions:list', { limit: 500 });
    expect(subs.rows).toHaveLength(ids.length);
    const perInvoice = new Map<string, number>();
    for (const r of sb.wangdianEmulator.received.filter((x) => x.code === 0)) {
      const no = r.params.invoice_no ?? '';
      perInvoice.set(no, (perInvoice.get(no) ?? 0) + 1);
    }
    expect(perInvoice.size).toBe(ids.length);
    const repeats = [...perInvoice.values()].filter((n) => n > 1).length;
    // Only requests in flight at the kill (concurrency 4) may have been sent twice.
    expect(repeats).toBeLessThanOrEqual(4);
    for (const s of subs.rows) expect(s.attempts).toBeLessThanOrEqual(2);
  });
});

describe('an emulator failing 30 % of requests', () => {
  it('still completes both jobs; every item ends in a known state and a re-run finishes the rest', async () => {
    const { sb, core } = await prepared(120, 9);
    sb.suningEmulator.setFaults({ errorRate: 0.3, seed: 3 });
    sb.wangdianEmulator.setFaults({ errorRate: 0.3, seed: 4 });
    const q = await runJob(core, 'jobs:startQuery');
    expect(q.state).toBe('done');
    expect(q.done + q.failed).toBe(q.total);
    // Retries make most of them succeed despite 30 % failures.
    expect(q.done).toBeGreaterThan(q.total * 0.9);
    const failedCodes = new Set(core.services.repos.jobs.items(q.jobId, 'failed').map((i) => i.code));
    for (const code of failedCodes) expect(['9999', 'platform.server', 'platform.protocol', 'unknown']).toContain(code);
    const ids = await matchedIds(core);
    const s = await runJob(core, 'jobs:startSubmit', ids);
    expect(s.state).toBe('done');
    expect(s.done + s.failed).toBe(ids.length);
    const counts = await call(core, 'invoices:counts', {});
    expect(counts.bySubmit.sending + counts.bySubmit.queued).toBe(0);
    // Transient failures leave 'unknown' (maybe applied): sending them again completes the set.
    sb.wangdianEmulator.setFaults({});
    const again = await call(core, 'invoices:list', { filter: { reconStatus: ['matched'], submitState: ['unknown', 'not_submitted'] }, limit: 500 });
    if (again.rows.length > 0) await runJob(core, 'jobs:startSubmit', again.rows.map((r) => r.id));
    const after = await call(core, 'invoices:counts', {});
    expect(after.bySubmit.accepted).toBe(ids.length);
    // The emulator really failed requests, so retries really happened.
    expect(sb.wangdianEmulator.received.filter((r) => r.fault !== null).length).toBeGreaterThan(0);
  });
});

describe('clock skew', () => {
  it.each([7, -7])('works with the platforms %i minutes off the PC clock', async (minutes) => {
    const { sb, core } = await prepared(40, 21);
    sb.suningEmulator.setClockOffset(minutes * 60_000);
    sb.wangdianEmulator.setClockOffset(minutes * 60_000);
    const q = await runJob(core, 'jobs:startQuery');
    expect(q.state).toBe('done');
    expectOnlySeededFailures(core, sb, q.jobId);
    const ids = await matchedIds(core);
    const s = await runJob(core, 'jobs:startSubmit', ids);
    expect(s).toMatchObject({ state: 'done', failed: 0 });
    const v = await call(core, 'settings:testConnection', { platform: 'wangdian' });
    expect(v.ok).toBe(true);
    expect(Math.abs((v.skewSeconds ?? 0) - minutes * 60)).toBeLessThanOrEqual(2);
  });
});

describe('a fatal platform error', () => {
  it('stops the job at once with the signature error instead of failing every item', async () => {
    const { sb, core } = await prepared(60, 2);
    await core.close();
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    const { createAppCore } = await import('../../../electron/services/app-core');
    const { createEnvSecrets } = await import('../../../electron/secrets/vault');
    const { ENV_SECRET_NAMES } = await import('../../../electron/hosts/cli/env-config');
    const { testCipher, overridesFor, importSeed: imp } = await import('../../support/core-harness');
    const wrong = await createAppCore({
      dataDir: tmp.dir, host: 'browser', cipher: testCipher(), version: 'test', overrides: overridesFor(sb),
      secretSource: createEnvSecrets({ ...envFor(sb), SUNING_APP_SECRET: 'wrong-secret-value' }, ENV_SECRET_NAMES),
    });
    cleanups.push(() => wrong.close());
    await imp(wrong, sb);
    const p = await runJob(wrong, 'jobs:startQuery');
    expect(p.state).toBe('failed');
    expect(p.lastError?.code).toBe('sys.check.app-sign:error');
    expect(sb.suningEmulator.requestCount()).toBeLessThanOrEqual(4);
    const v = await call(wrong, 'settings:testConnection', { platform: 'suning' });
    expect(v).toMatchObject({ ok: false, verdict: 'signature' });
  });
});

describe('cancel and pause', () => {
  it('cancels a running query job: it stops early and says so', async () => {
    const { sb, core } = await prepared(200, 13);
    sb.suningEmulator.setFaults({ latencyMs: 60 });
    core.services.settings.update({ suning: { batchSize: 5, concurrency: 1 } });
    const { jobId } = await call(core, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } });
    await new Promise((r) => setTimeout(r, 300));
    const p = await call(core, 'jobs:cancel', { jobId });
    expect(p.state).toBe('cancelled');
    expect(p.done + p.failed).toBeLessThan(p.total);
    expect(await call(core, 'jobs:active', {})).toEqual([]);
  });

  it('pauses running jobs when the app closes and resumes them when it opens again', async () => {
    const { sb, core, dir } = await prepared(200, 14);
    sb.suningEmulator.setFaults({ latencyMs: 60 });
    core.services.settings.update({ suning: { batchSize: 5, concurrency: 1 } });
    const { jobId, total } = await call(core, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } });
    await new Promise((r) => setTimeout(r, 300));
    await core.close();
    sb.suningEmulator.setFaults({});
    const reopened = await openCore(dir, sb);
    cleanups.push(() => reopened.close());
    const final = await reopened.services.jobs.wait(jobId);
    expect(final.state).toBe('done');
    expect(final.done + final.failed).toBe(total);
    const audit = await call(reopened, 'audit:list', { action: 'job.resume', limit: 5 });
    expect(audit.rows[0]?.target).toBe(`job:${jobId}`);
  });
});
