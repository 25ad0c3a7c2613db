// Exactly-once write-back across processes: a CLI submit killed (SIGKILL) mid-run, the clerk correcting an
// invoice that was in flight, the CLI submitting again, and then the app opening the same folder. The
// Wangdiantong emulator's log of what it received is the witness: the ERP must end with each invoice's
// current values, nothing may be sent after a newer submission of the same invoice, and a job that a later
// one made redundant must not send again.
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import { payloadOf } from '../../../electron/domain/reconcile';
import type { AppCore } from '../../../electron/services/app-core';
import { call, envFor, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';
import { readDb, runCliProcess, spawnApp, spawnCli, until } from '../../support/processes';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function matchedIds(core: AppCore): Promise<number[]> {
  const fillable = await call(core, 'invoices:list', { filter: { reconStatus: ['fillable'] }, limit: 500 });
  for (const r of fillable.rows) await call(core, 'invoices:applySuning', { id: r.id });
  const matched = await call(core, 'invoices:list', { filter: { reconStatus: ['matched'] }, limit: 500 });
  return matched.rows.map((r) => r.id);
}

function acceptedFor(sb: Sandbox, invoiceNo: string) {
  return sb.wangdianEmulator.received.filter((r) => r.code === 0 && r.params.invoice_no === invoiceNo);
}

/** A folder with imported, queried invoices, the fillable ones filled: the ids ready to submit. */
async function preparedFolder(seed: number): Promise<{ sb: Sandbox; dir: string; ids: number[] }> {
  const sb = await startSandbox({ orders: 240, seed });
  const tmp = tempDir();
  cleanups.push(() => tmp.remove(), () => sb.close());
  const prep = await openCore(tmp.dir, sb);
  await importSeed(prep, sb);
  await runJob(prep, 'jobs:startQuery');
  const ids = await matchedIds(prep);
  expect(ids.length).toBeGreaterThan(60);
  // Stored settings: the CLI uses them too. Four sends in flight at a time.
  prep.services.settings.update({ wangdian: { rps: 100, concurrency: 4 } });
  await prep.close();
  return { sb, dir: tmp.dir, ids };
}

/** Runs `submit --ready` in a CLI process and SIGKILLs it once about a third is accepted. */
async function killedCliSubmit(sb: Sandbox, dir: string, total: number): Promise<void> {
  sb.wangdianEmulator.setFaults({ latencyMs: 60 });
  const child = spawnCli(['submit', '--ready', '--data-dir', dir], envFor(sb));
  await until(() => sb.wangdianEmulator.received.filter((r) => r.code === 0).length >= Math.floor(total / 3), child.exited);
  child.process.kill('SIGKILL');
  expect((await child.exited).signal).toBe('SIGKILL');
  sb.wangdianEmulator.setFaults({});
}

/** Invoices whose send was in flight when the process died (their rows are still 'sending'). */
function inFlightRows(dir: string): Array<{ invoice_id: number; payload: string }> {
  return readDb<{ invoice_id: number; payload: string }>(dir, "SELECT invoice_id, payload FROM submissions WHERE state = 'sending' ORDER BY id");
}

describe('kill -9 a CLI submit, correct an in-flight invoice, CLI submit again, then open the app', () => {
  it('leaves the ERP with every invoice\'s current values, sends nothing redundant and leaves no job running', async () => {
    const { sb, dir, ids } = await preparedFolder(31);
    const env = envFor(sb);
    const data = ['--data-dir', dir];

    // 1. A CLI bulk submit, killed once about a third is accepted.
    await killedCliSubmit(sb, dir, ids.length);

    // 2. An invoice that was in flight at the kill is corrected: Suning re-issued it with a new 发票号码,
    //    the clerk re-queries it and takes the new number.
    const inFlight = inFlightRows(dir);
    expect(inFlight.length).toBeGreaterThan(0);
    const xId = inFlight[0]?.invoice_id ?? -1;
    const oldPayload = JSON.parse(inFlight[0]?.payload ?? '{}') as { invoice_no_out: string };
    const editor = await openCore(dir, sb, { resumeJobs: false });
    const x = editor.services.repos.invoices.getById(xId);
    if (!x) throw new Error('in-flight invoice missing');
    const newNum = `${x.invoiceNum.slice(0, -1)}${(Number(x.invoiceNum.slice(-1)) + 1) % 10}`;
    expect(newNum).not.toBe(oldPayload.invoice_no_out);
    const wire = sb.suningEmulator.invoicesByOrder.get(x.orderNo) ?? [];
    sb.suningEmulator.invoicesByOrder.set(x.orderNo, wire.map((w) => (w.invoiceNum === x.invoiceNum ? { ...w, invoiceNum: newNum } : w)));
    await call(editor, 'invoices:update', { id: xId, patch: { invoiceNum: newNum } });
    await runJob(editor, 'jobs:startQuery', [xId]);
    const corrected = editor.services.repos.invoices.getById(xId);
    expect(corrected).toMatchObject({ invoiceNum: newNum, reconStatus: 'matched' });
    await editor.close();

    // 3. The clerk submits just that invoice from the CLI: the ERP now has the new number.
    const one = await runCliProcess(['submit', '--invoice-no', x.invoiceNo, ...data], env);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(sb.wangdianEmulator.store.get(x.invoiceNo)?.invoiceNum).toBe(newNum);

    // 4. `submit --ready` sends the rest; afterwards no job is left running.
    const ready = await runCliProcess(['submit', '--ready', ...data], env);
    expect(ready.stderr).toBe('');
    expect(ready.code).toBe(0);
    expect(readDb(dir, "SELECT id, state FROM jobs WHERE state = 'running'")).toEqual([]);
    expect(readDb(dir, "SELECT id FROM submissions WHERE state IN ('unknown','sending','queued')")).toEqual([]);
    const receivedBeforeApp = sb.wangdianEmulator.received.length;

    // 5. The app opens the folder in its own process and resumes what the killed run left: nothing of it
    //    is still needed, so it sends nothing.
    const app = spawnApp(dir, 'resume', env);
    const appExit = await app.exited;
    expect(appExit.stderr).toBe('');
    expect(appExit.code).toBe(0);
    expect(app.stdout()).toMatch(/FINISHED/);
    expect(sb.wangdianEmulator.received.length).toBe(receivedBeforeApp);

    // The ERP holds what the app shows, for every invoice, and its last received values are those.
    const check = await openCore(dir, sb, { resumeJobs: false });
    cleanups.push(() => check.close());
    for (const id of ids) {
      const local = check.services.repos.invoices.getById(id);
      if (!local) throw new Error(`invoice ${id} missing`);
      expect(local.submitState).toBe('accepted');
      const current = payloadOf(local);
      const got = acceptedFor(sb, local.invoiceNo);
      expect(got.length, local.invoiceNo).toBeGreaterThanOrEqual(1);
      // Only an invoice in flight at the kill may have reached the ERP twice.
      expect(got.length, local.invoiceNo).toBeLessThanOrEqual(2);
      const last = got[got.length - 1]?.params ?? {};
      expect({ no: last.invoice_no_out, code: last.invoice_code, status: last.status }, local.invoiceNo)
        .toEqual({ no: current.invoice_no_out, code: current.invoice_code, status: String(current.status) });
      expect(sb.wangdianEmulator.store.get(local.invoiceNo)?.invoiceNum, local.invoiceNo).toBe(current.invoice_no_out);
    }
    expect(sb.wangdianEmulator.store.get(x.invoiceNo)?.invoiceNum).toBe(newNum);
    expect(readDb(dir, "SELECT id, state FROM jobs WHERE state IN ('running','paused')")).toEqual([]);
  });

  it('a resumed job sends what the invoice says now, not the payload it queued before the crash', async () => {
    const { sb, dir, ids } = await preparedFolder(32);
    const env = envFor(sb);
    await killedCliSubmit(sb, dir, ids.length);
    const inFlight = inFlightRows(dir);
    expect(inFlight.length).toBeGreaterThan(0);
    const xId = inFlight[0]?.invoice_id ?? -1;
    const oldPayload = JSON.parse(inFlight[0]?.payload ?? '{}') as { file_path: string };

    // The clerk corrects the in-flight invoice's PDF link, then opens the app, which resumes the job.
    const newLink = 'https://files.example.com/invoice/corrected.pdf';
    expect(newLink).not.toBe(oldPayload.file_path);
    const editor = await openCore(dir, sb, { resumeJobs: false });
    await call(editor, 'invoices:update', { id: xId, patch: { pdfUrl: newLink } });
    const x = editor.services.repos.invoices.getById(xId);
    if (!x) throw new Error('in-flight invoice missing');
    await editor.close();
    const receivedBeforeApp = sb.wangdianEmulator.received.length;

    const app = spawnApp(dir, 'resume', env);
    const appExit = await app.exited;
    expect(appExit.stderr).toBe('');
    expect(appExit.code).toBe(0);
    const finished = JSON.parse((await app.line(/^FINISHED /)).slice('FINISHED '.length)) as Array<{ state: string; failed: number }>;
    expect(finished).toEqual([expect.objectContaining({ state: 'done', failed: 0 })]);

    const sentByApp = sb.wangdianEmulator.received.slice(receivedBeforeApp).filter((r) => r.params.invoice_no === x.invoiceNo);
    expect(sentByApp.map((r) => r.params.file_path)).toEqual([newLink]);
    expect(sb.wangdianEmulator.store.get(x.invoiceNo)?.pdfUrl).toBe(newLink);

    const check = await openCore(dir, sb, { resumeJobs: false });
    cleanups.push(() => check.close());
    for (const id of ids) {
      const local = check.services.repos.invoices.getById(id);
      if (!local) throw new Error(`invoice ${id} missing`);
      expect(local.submitState, local.invoiceNo).toBe('accepted');
      const got = acceptedFor(sb, local.invoiceNo);
      expect(got.length, local.invoiceNo).toBeGreaterThanOrEqual(1);
      expect(got.length, local.invoiceNo).toBeLessThanOrEqual(2);
      expect(got[got.length - 1]?.params.file_path, local.invoiceNo).toBe(payloadOf(local).file_path);
    }
    // The old row of the corrected invoice was not sent again: a new row with the current values took its place.
    const rows = readDb<{ id: number; state: string }>(dir, 'SELECT id, state FROM submissions WHERE invoice_id = ? ORDER BY id', xId);
    expect(rows.map((r) => r.state)).toEqual(['superseded', 'accepted']);
    // And the clerk cannot re-send it by hand either.
    await expect(call(check, 'submissions:resend', { id: rows[0]?.id ?? -1 })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('取代') });
  });

  it('a CLI submit stopped by SIGTERM pauses its job (none left running, none sending) and the app completes it', async () => {
    const { sb, dir, ids } = await preparedFolder(33);
    const env = envFor(sb);
    sb.wangdianEmulator.setFaults({ latencyMs: 60 });
    const cli = spawnCli(['submit', '--ready', '--data-dir', dir], env);
    await until(() => sb.wangdianEmulator.received.filter((r) => r.code === 0).length >= 10, cli.exited);
    cli.process.kill('SIGTERM');
    const exit = await cli.exited;
    expect(exit.hung).toBe(false);
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(1);
    expect(exit.stdout).toMatch(/job #\d+ paused/);
    expect(exit.stderr).toMatch(/SIGTERM: pausing the job/);
    expect(readDb(dir, "SELECT id FROM jobs WHERE state = 'running'")).toEqual([]);
    expect(readDb(dir, "SELECT id FROM submissions WHERE state = 'sending'")).toEqual([]);
    expect(readDb<{ state: string }>(dir, "SELECT state FROM jobs WHERE kind = 'wangdian_submit'")).toEqual([{ state: 'paused' }]);
    sb.wangdianEmulator.setFaults({});

    const app = spawnApp(dir, 'resume', env);
    expect((await app.exited).code).toBe(0);
    const outcomes = JSON.parse((await app.line(/^FINISHED /)).slice('FINISHED '.length)) as Array<{ state: string; failed: number; total: number }>;
    expect(outcomes).toEqual([expect.objectContaining({ state: 'done', failed: 0, total: ids.length })]);
    expect(readDb<{ state: string; n: number }>(dir, 'SELECT state, COUNT(*) AS n FROM submissions GROUP BY state ORDER BY state'))
      .toEqual(expect.arrayContaining([{ state: 'accepted', n: ids.length }]));
    expect(new Set(sb.wangdianEmulator.received.filter((r) => r.code === 0).map((r) => r.params.invoice_no)).size).toBe(ids.length);
  });

  it('two interrupted submit jobs over the same invoices resume newest first: each invoice is sent once', async () => {
    const { sb, dir, ids } = await preparedFolder(34);
    // As two dead processes would leave them: both jobs stored running, nothing sent yet.
    const setup = await openCore(dir, sb, { resumeJobs: false });
    const older = setup.services.repos.jobs.create('wangdian_submit', {}, ids);
    const newer = setup.services.repos.jobs.create('wangdian_submit', {}, ids.slice(0, Math.floor(ids.length / 2)));
    await setup.close();

    const app = await openCore(dir, sb);
    cleanups.push(() => app.close());
    const n = await app.services.jobs.wait(newer);
    const o = await app.services.jobs.wait(older);
    expect(n).toMatchObject({ state: 'done', failed: 0, done: Math.floor(ids.length / 2) });
    expect(o).toMatchObject({ state: 'done', failed: 0, done: ids.length });
    const perInvoice = new Map<string, number>();
    for (const r of sb.wangdianEmulator.received.filter((x) => x.code === 0)) {
      perInvoice.set(r.params.invoice_no ?? '', (perInvoice.get(r.params.invoice_no ?? '') ?? 0) + 1);
    }
    expect(perInvoice.size).toBe(ids.length);
    expect([...perInvoice.values()].every((c) => c === 1)).toBe(true);
    // The older job did not send what the newer one had: those items say so.
    const covered = app.services.repos.jobs.items(older).filter((i) => i.code === 'superseded');
    expect(covered).toHaveLength(Math.floor(ids.length / 2));
    expect(covered[0]?.message).toContain(`job #${newer}`);
  });
});
