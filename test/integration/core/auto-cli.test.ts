// 自动处理 through the CLI host (real child processes, real emulators over loopback): a dry run changes
// nothing; a run over 1,000 sandbox orders leaves only the exception statuses, each invoice written back with
// its values; a run SIGKILLed in the query or the submit phase resumes in that phase on the next `auto`, and
// the Wangdiantong emulator's own log shows every invoice received with its values and none twice with
// different values.
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import { payloadOf } from '../../../electron/domain/reconcile';
import type { AutoRun } from '../../../shared/domain/auto';
import type { AutoPlan } from '../../../shared/domain/plan';
import { envFor, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';
import { readDb, runCliProcess, spawnCli, until } from '../../support/processes';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const EXCEPTIONS = new Set(['amount_mismatch', 'number_mismatch', 'split', 'partially_reversed', 'red_without_blue', 'not_issued', 'reversed', 'query_failed']);

/** A folder with the sandbox's ERP export imported (optionally queried), at the test rate limits. */
async function folder(orders: number, seed: number, queried: boolean): Promise<{ sb: Sandbox; dir: string; data: string[] }> {
  const sb = await startSandbox({ orders, seed });
  const tmp = tempDir();
  cleanups.push(() => tmp.remove(), () => sb.close());
  const core = await openCore(tmp.dir, sb);
  await importSeed(core, sb);
  if (queried) await runJob(core, 'jobs:startQuery');
  await core.close();
  return { sb, dir: tmp.dir, data: ['--data-dir', tmp.dir] };
}

function snapshot(dir: string): string {
  return JSON.stringify([
    readDb(dir, 'SELECT * FROM invoices ORDER BY id'),
    readDb(dir, 'SELECT * FROM submissions ORDER BY id'),
    readDb(dir, 'SELECT COUNT(*) AS n FROM jobs'),
    readDb(dir, 'SELECT COUNT(*) AS n FROM auto_runs'),
  ]);
}

/**
 * The ERP's side, from the emulator's own log: every invoice accepted here was received with exactly its
 * current values, and no invoice was received twice with different values.
 */
async function checkWriteBack(sb: Sandbox, dir: string): Promise<number> {
  const byNo = new Map<string, Array<Record<string, string>>>();
  for (const r of sb.wangdianEmulator.received) {
    const no = r.params.invoice_no ?? '';
    byNo.set(no, [...(byNo.get(no) ?? []), r.params]);
  }
  for (const [no, got] of byNo) {
    const values = new Set(got.map((p) => JSON.stringify([p.status, p.invoice_no_out, p.invoice_code, p.file_path])));
    expect(values.size, `${no} received with different values`).toBe(1);
  }
  const core = await openCore(dir, sb, { resumeJobs: false });
  try {
    const accepted = core.services.repos.invoices.getMany(
      readDb<{ id: number }>(dir, "SELECT id FROM invoices WHERE submit_state = 'accepted'").map((r) => r.id),
    );
    for (const inv of accepted) {
      const want = payloadOf(inv);
      const got = byNo.get(inv.invoiceNo)?.at(-1);
      expect(got, inv.invoiceNo).toBeDefined();
      expect([got?.status, got?.invoice_no_out, got?.invoice_code, got?.file_path], inv.invoiceNo)
        .toEqual([String(want.status), want.invoice_no_out, want.invoice_code, want.file_path]);
    }
    return accepted.length;
  } finally {
    await core.close();
  }
}

/** After a run: every invoice the automatic steps can finish is finished; only exceptions are left. */
function checkOnlyExceptionsLeft(dir: string): void {
  const left = readDb<{ recon_status: string; query_failed_at: string | null }>(dir, "SELECT recon_status, query_failed_at FROM invoices WHERE submit_state <> 'accepted'");
  for (const r of left) {
    if (r.query_failed_at !== null) continue; // flagged: nothing automatic acts on it until a query succeeds
    expect(EXCEPTIONS.has(r.recon_status), r.recon_status).toBe(true);
  }
  // Nothing was sent for an exception (the guard and the plan agree).
  expect(readDb(dir, "SELECT id FROM invoices WHERE submit_state = 'accepted' AND recon_status <> 'matched'")).toEqual([]);
}

describe('auto through the CLI', () => {
  it('dry run changes nothing; auto over 1,000 orders leaves only the exception statuses, each listed with a filter', async () => {
    const { sb, dir, data } = await folder(1000, 41, false);
    const env = envFor(sb);
    const before = snapshot(dir);
    const dry = await runCliProcess(['auto', '--dry-run', '--json', ...data], env);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout) as AutoPlan;
    expect(plan.total).toBe(sb.erpRecords.length);
    expect(plan.query.count).toBe(sb.erpRecords.length);
    expect(snapshot(dir)).toBe(before);
    expect(sb.suningEmulator.requestCount()).toBe(0);
    expect(sb.wangdianEmulator.received).toHaveLength(0);

    const r = await runCliProcess(['auto', '--json', ...data], env);
    expect(r.stderr).toBe('');
    const run = JSON.parse(r.stdout) as AutoRun;
    expect(run.state).toBe('done');
    expect(run.phase).toBe('finished');
    const summary = run.summary;
    if (!summary) throw new Error('no summary');
    // Orders Suning always fails (returnCode 9999) are the only automatic failures, and they decide the exit code.
    const failing = readDb<{ n: number }>(dir, 'SELECT COUNT(*) AS n FROM invoices WHERE query_failed_at IS NOT NULL')[0]?.n ?? 0;
    expect(sb.data.failingOrders.size > 0).toBe(failing > 0);
    expect(summary.queried.failed).toBe(failing);
    expect(summary.automaticFailures).toBe(failing);
    expect(r.code).toBe(failing > 0 ? 1 : 0);
    expect(summary.filled).toBeGreaterThan(100);
    checkOnlyExceptionsLeft(dir);
    const accepted = await checkWriteBack(sb, dir);
    expect(accepted).toBe(summary.submitted.ok);
    expect(accepted).toBe(summary.nothingLeft);
    // The summary's groups are what is left, by status, each with the filter that shows it.
    const left = readDb<{ recon_status: string; n: number }>(dir, "SELECT recon_status, COUNT(*) AS n FROM invoices WHERE submit_state <> 'accepted' GROUP BY recon_status");
    for (const { recon_status: status, n } of left) {
      const groups = summary.leftForClerk.filter((g) => g.reconStatus === status);
      expect(groups.reduce((sum, g) => sum + g.count, 0), status).toBe(n);
      for (const g of groups) expect(g.filter.reconStatus).toEqual([status]);
    }
    expect(summary.leftForClerk.every((g) => g.plan !== 'submit' && g.plan !== 'fill_then_submit')).toBe(true);
    // The fill is one undoable batch of 采用苏宁结果, audited per invoice.
    const batches = readDb<{ n: number }>(dir, "SELECT COUNT(DISTINCT json_extract(details, '$.batch')) AS n FROM audit_log WHERE action = 'invoice.apply_suning'");
    expect(batches[0]?.n).toBe(1);

    // A second run finds nothing to send.
    const sent = sb.wangdianEmulator.received.length;
    const again = await runCliProcess(['auto', '--json', ...data], env);
    expect((JSON.parse(again.stdout) as AutoRun).state).toBe('done');
    expect(sb.wangdianEmulator.received.length).toBe(sent);
  }, 240_000);

  it('SIGKILLed in the submit phase, the next auto resumes that phase with the same job and nothing is lost or doubled', async () => {
    const { sb, dir, data } = await folder(400, 42, true);
    const env = envFor(sb);
    const dry = JSON.parse((await runCliProcess(['auto', '--dry-run', '--json', ...data], env)).stdout) as AutoPlan;
    const toSend = dry.fill.count + dry.submit.count;
    expect(toSend).toBeGreaterThan(100);
    sb.wangdianEmulator.setFaults({ latencyMs: 40 });
    const child = spawnCli(['auto', ...data], env);
    await until(() => sb.wangdianEmulator.received.filter((x) => x.code === 0).length >= Math.floor(toSend / 3), child.exited);
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    sb.wangdianEmulator.setFaults({});
    expect(readDb(dir, 'SELECT state, phase FROM auto_runs')).toEqual([{ state: 'running', phase: 'submit' }]);

    const r = await runCliProcess(['auto', '--json', ...data], env);
    expect(r.stderr).toBe('');
    const run = JSON.parse(r.stdout) as AutoRun;
    expect(run).toMatchObject({ state: 'done', phase: 'finished' });
    expect(readDb(dir, 'SELECT COUNT(*) AS n FROM auto_runs')).toEqual([{ n: 1 }]);
    // The same submit job went on: the run started no second one.
    expect(readDb(dir, "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'wangdian_submit'")).toEqual([{ n: 1 }]);
    checkOnlyExceptionsLeft(dir);
    const accepted = await checkWriteBack(sb, dir);
    expect(accepted).toBe(toSend);
    expect(readDb(dir, "SELECT id FROM submissions WHERE state IN ('unknown','sending','queued')")).toEqual([]);
  }, 240_000);

  it('SIGKILLed in the query phase, the next auto resumes the query job and then fills and submits', async () => {
    const { sb, dir, data } = await folder(300, 43, false);
    const env = envFor(sb);
    sb.suningEmulator.setFaults({ latencyMs: 150 });
    const child = spawnCli(['auto', ...data], env);
    await until(() => sb.suningEmulator.requestCount() >= 3, child.exited);
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    sb.suningEmulator.setFaults({});
    expect(readDb(dir, 'SELECT state, phase FROM auto_runs')).toEqual([{ state: 'running', phase: 'query' }]);
    expect(sb.wangdianEmulator.received).toHaveLength(0);

    const r = await runCliProcess(['auto', '--json', ...data], env);
    expect(r.stderr).toBe('');
    expect(r.stdout.length).toBeGreaterThan(0);
    const run = JSON.parse(r.stdout) as AutoRun;
    expect(run).toMatchObject({ state: 'done', phase: 'finished' });
    expect(readDb(dir, "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'suning_query'")).toEqual([{ n: 1 }]);
    checkOnlyExceptionsLeft(dir);
    const accepted = await checkWriteBack(sb, dir);
    expect(accepted).toBe(run.summary?.submitted.ok);
    expect(accepted).toBeGreaterThan(100);
  }, 240_000);

  it('exits 2 without a configured platform (nothing created); SIGTERM pauses the run and its job, the next auto completes it', async () => {
    const { sb, dir, data } = await folder(300, 44, true);
    const env = envFor(sb);
    const { WDT_APPSECRET: _secret, ...noSecret } = env;
    const bad = await runCliProcess(['auto', ...data], { ...noSecret, WDT_APPSECRET: '' });
    expect(bad.code).toBe(2);
    expect(bad.stderr.length).toBeGreaterThan(0);
    expect(readDb(dir, 'SELECT COUNT(*) AS n FROM auto_runs')).toEqual([{ n: 0 }]);
    const usage = await runCliProcess(['auto', '--bogus', ...data], env);
    expect(usage.code).toBe(2);

    sb.wangdianEmulator.setFaults({ latencyMs: 40 });
    const child = spawnCli(['auto', ...data], env);
    await until(() => sb.wangdianEmulator.received.filter((x) => x.code === 0).length >= 20, child.exited);
    child.process.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.hung).toBe(false);
    expect(exit.code).toBe(1);
    expect(exit.stdout).toMatch(/auto #1 paused \(phase submit\)/);
    expect(readDb(dir, 'SELECT state, phase FROM auto_runs')).toEqual([{ state: 'paused', phase: 'submit' }]);
    expect(readDb(dir, "SELECT state FROM jobs WHERE kind = 'wangdian_submit'")).toEqual([{ state: 'paused' }]);
    expect(readDb(dir, "SELECT id FROM submissions WHERE state = 'sending'")).toEqual([]);
    sb.wangdianEmulator.setFaults({});

    const r = await runCliProcess(['auto', ...data], env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^resumed auto #1 done/);
    checkOnlyExceptionsLeft(dir);
    await checkWriteBack(sb, dir);
  }, 240_000);

  it('SIGKILLed in the fill phase, the next auto finishes the fill under the same batch, then submits', async () => {
    const { sb, dir, data } = await folder(1000, 45, true);
    const env = envFor(sb);
    // The fill is short (chunks of 50, a few ms each): the child stops after its first chunk (fault injection),
    // so the kill lands half-way through the fill whatever the machine's speed.
    const child = spawnCli(['auto', ...data], { ...env, INVOICE_RECON_TEST_STALL_FILL_AFTER: '1' });
    const inFill = (): boolean => {
      try {
        return (readDb<{ n: number }>(dir, "SELECT COUNT(*) AS n FROM auto_runs WHERE phase = 'fill' AND filled > 0")[0]?.n ?? 0) > 0;
      } catch {
        return false; // the database is not there yet
      }
    };
    await until(inFill, child.exited);
    child.process.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    const [at] = readDb<{ phase: string; filled: number; fill_total: number }>(dir, 'SELECT phase, filled, fill_total FROM auto_runs');
    expect(at?.phase).toBe('fill');
    expect(at?.filled).toBeLessThan(at?.fill_total ?? 0);
    expect(sb.wangdianEmulator.received).toHaveLength(0);

    const r = await runCliProcess(['auto', '--json', ...data], env);
    expect(r.stderr).toBe('');
    const run = JSON.parse(r.stdout) as AutoRun;
    expect(run).toMatchObject({ state: 'done', phase: 'finished' });
    expect(run.phases[1]).toMatchObject({ phase: 'fill', state: 'done', total: at?.fill_total, done: at?.fill_total });
    expect(readDb(dir, "SELECT COUNT(DISTINCT json_extract(details, '$.batch')) AS n FROM audit_log WHERE action = 'invoice.apply_suning'")).toEqual([{ n: 1 }]);
    expect(readDb(dir, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'invoice.apply_suning'")).toEqual([{ n: at?.fill_total }]);
    checkOnlyExceptionsLeft(dir);
    await checkWriteBack(sb, dir);
  }, 240_000);
});
