// One owner per data folder across hosts, with real processes: a CLI `status` or `export` during an app's
// submit reads without recovering anything (before, its crash recovery flipped the app's in-flight rows to
// 'unknown' and the app's job failed); an app started during a CLI submit is refused with a message naming
// the CLI's process (before, both sent and 8 invoices went out twice); a killed owner frees the folder at once.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import type { AppCore } from '../../../electron/services/app-core';
import { call, envFor, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';
import { readDb, runCliProcess, spawnApp, spawnCli, spawnTs, until } from '../../support/processes';

const BROWSER_HOST = path.resolve(import.meta.dirname, '../../../electron/hosts/browser/main.ts');

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

async function preparedFolder(seed: number): Promise<{ sb: Sandbox; dir: string; ids: number[] }> {
  const sb = await startSandbox({ orders: 160, seed });
  const tmp = tempDir();
  cleanups.push(() => tmp.remove(), () => sb.close());
  const prep = await openCore(tmp.dir, sb);
  await importSeed(prep, sb);
  await runJob(prep, 'jobs:startQuery');
  const ids = await matchedIds(prep);
  expect(ids.length).toBeGreaterThan(40);
  prep.services.settings.update({ wangdian: { rps: 100, concurrency: 4 } });
  await prep.close();
  return { sb, dir: tmp.dir, ids };
}

const accepted = (sb: Sandbox): number => sb.wangdianEmulator.received.filter((r) => r.code === 0).length;

/**
 * Slows the ERP down while `during` runs, so the owner's job is certainly still sending meanwhile (however
 * loaded the machine), then lets it finish at full speed.
 */
async function whileOwnerSends<T>(sb: Sandbox, owner: { exited: Promise<unknown> }, during: () => Promise<T>): Promise<T> {
  let ended = false;
  void owner.exited.then(() => { ended = true; });
  sb.wangdianEmulator.setFaults({ latencyMs: 1000 });
  try {
    const out = await during();
    expect(ended, 'the owner finished before the second process was done').toBe(false);
    return out;
  } finally {
    sb.wangdianEmulator.setFaults({});
  }
}

describe('one owner per data folder', () => {
  it('a CLI status and export during an app submit read read-only, and the app\'s job ends with every invoice accepted', async () => {
    const { sb, dir, ids } = await preparedFolder(41);
    const env = envFor(sb);
    sb.wangdianEmulator.setFaults({ latencyMs: 40 });
    const app = spawnApp(dir, 'submit', env);
    await app.line(/^STARTED /);
    await until(() => accepted(sb) >= 8, app.exited);
    expect(readDb(dir, "SELECT id FROM submissions WHERE state = 'sending'").length).toBeGreaterThan(0);

    const out = path.join(dir, 'matched.csv');
    await whileOwnerSends(sb, app, async () => {
      const status = await runCliProcess(['status', '--json', '--data-dir', dir], env);
      expect(status.stderr).toBe('');
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ total: sb.erpRecords.length });
      const exp = await runCliProcess(['export', out, '--status', 'matched', '--data-dir', dir], env);
      expect(exp.stderr).toBe('');
      expect(exp.code).toBe(0);
      // The readers changed nothing: no in-flight row was turned 'unknown' under the app.
      expect(readDb(dir, "SELECT id FROM submissions WHERE state = 'unknown'")).toEqual([]);
      expect(readDb(dir, "SELECT id FROM submissions WHERE state = 'sending'").length).toBeGreaterThan(0);
    });
    expect(readFileSync(out, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(ids.length + 1);

    const done = await app.exited;
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const final = JSON.parse((await app.line(/^FINISHED /)).slice('FINISHED '.length)) as { state: string; failed: number; done: number };
    expect(final).toMatchObject({ state: 'done', failed: 0, done: ids.length });
    expect(readDb<{ state: string; n: number }>(dir, 'SELECT state, COUNT(*) AS n FROM submissions GROUP BY state')).toEqual([{ state: 'accepted', n: ids.length }]);
  });

  it('an app started during a CLI submit is refused, naming the CLI process; every invoice is sent once', async () => {
    const { sb, dir, ids } = await preparedFolder(42);
    const env = envFor(sb);
    // The browser host only checks that a built renderer is there before it opens the folder.
    const staticDir = path.join(dir, '..', `${path.basename(dir)}-static`);
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
    cleanups.push(() => rmSync(staticDir, { recursive: true, force: true }));
    sb.wangdianEmulator.setFaults({ latencyMs: 40 });
    const cli = spawnCli(['submit', '--ready', '--data-dir', dir], env);
    await until(() => accepted(sb) >= 8, cli.exited);

    await whileOwnerSends(sb, cli, async () => {
      const app = spawnApp(dir, 'resume', env);
      const refusedLine = await app.line(/^REFUSED /);
      const refused = JSON.parse(refusedLine.slice('REFUSED '.length)) as { code: string; message: string; messageEn: string };
      expect(refused.code).toBe('data_folder.busy');
      expect(refused.message).toContain(`进程 ${cli.pid}`);
      expect(refused.message).toContain('命令行');
      expect(refused.messageEn).toContain(`pid ${cli.pid}`);
      expect(refused.messageEn).toContain('CLI');
      expect((await app.exited).code).toBe(3);

      // The real browser host entry (what `npm start` runs without Electron) refuses too, in plain words.
      const host = await spawnTs(BROWSER_HOST, ['--data-dir', dir, '--static-dir', staticDir, '--no-practice'], env).exited;
      expect(host.code).toBe(3);
      expect(host.stderr).toContain(`pid ${cli.pid}`);
      expect(host.stderr).toContain('数据文件夹');
      expect(host.stdout).not.toContain('http://');

      // A second writing CLI run is refused the same way, with exit code 3 and one line on stderr.
      const second = await runCliProcess(['submit', '--ready', '--data-dir', dir], env);
      expect(second.code).toBe(3);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect(second.stderr).toContain(`pid ${cli.pid}`);
    });

    const first = await cli.exited;
    expect(first.code).toBe(0);
    const perInvoice = new Map<string, number>();
    for (const r of sb.wangdianEmulator.received.filter((x) => x.code === 0)) {
      perInvoice.set(r.params.invoice_no ?? '', (perInvoice.get(r.params.invoice_no ?? '') ?? 0) + 1);
    }
    expect(perInvoice.size).toBe(ids.length);
    expect([...perInvoice.values()].every((n) => n === 1)).toBe(true);
  });

  it('a SIGKILLed owner frees the folder at once: the next process owns it and recovers what the dead one left', async () => {
    const { sb, dir, ids } = await preparedFolder(43);
    const env = envFor(sb);
    sb.wangdianEmulator.setFaults({ latencyMs: 40 });
    const app = spawnApp(dir, 'submit', env);
    await app.line(/^STARTED /);
    await until(() => accepted(sb) >= 8, app.exited);
    app.process.kill('SIGKILL');
    expect((await app.exited).signal).toBe('SIGKILL');
    sb.wangdianEmulator.setFaults({});

    // The killed app's job is taken over by the next owner (here the app again) and completed.
    const next = spawnApp(dir, 'resume', env);
    const exit = await next.exited;
    expect(exit.stderr).toBe('');
    expect(exit.code).toBe(0);
    const outcomes = JSON.parse((await next.line(/^FINISHED /)).slice('FINISHED '.length)) as Array<{ state: string; failed: number }>;
    expect(outcomes).toEqual([expect.objectContaining({ state: 'done', failed: 0 })]);
    expect(readDb(dir, "SELECT id FROM submissions WHERE state IN ('sending','unknown','queued')")).toEqual([]);
    expect(new Set(sb.wangdianEmulator.received.filter((r) => r.code === 0).map((r) => r.params.invoice_no)).size).toBe(ids.length);
  });
});
