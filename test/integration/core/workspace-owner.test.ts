// One owner per workspace, with real processes: while the browser host (what `npm start` runs without Electron)
// has workspace A open, a CLI `--workspace A` that writes is refused naming that process (exit 3), `status` reads
// it read-only, and workspace B is free for the CLI; a killed app frees A at once. The other way round, a workspace
// a CLI holds cannot be switched to or deleted by the app, which stays where it was.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileKeyCipher } from '../../../electron/secrets/file-key-cipher';
import { EMPTY_REGISTRY, withNewWorkspace, workspaceDir, writeRegistry } from '../../../electron/services/workspaces/registry';
import { ensureWorkspaceLayout } from '../../../electron/services/workspaces/layout';
import { openWorkspaceSession } from '../../../electron/services/workspaces/session';
import { appErrorOf } from '../../support/app-error';
import { call, tempDir } from '../../support/core-harness';
import { readDb, runCliProcess, spawnTs } from '../../support/processes';

const BROWSER_HOST = path.resolve(import.meta.dirname, '../../../electron/hosts/browser/main.ts');
const HOLD_OWNER = path.resolve(import.meta.dirname, '../../unit/db/fixtures/hold-owner.ts');
const CSV = '发票编号,订单号,单号类型,店铺,商户编码,购方抬头,金额,税额,开票日期,发票代码,发票号码,下载地址,状态,错误信息\nINV-1,30383217257,01,华东数码专营店,70066253,某某电子有限公司,10.00,1.15,2026-09-29,,,,80,\n';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => { while (cleanups.length > 0) await cleanups.pop()?.(); });

async function twoWorkspaces(): Promise<{ dir: string; a: string; b: string }> {
  const t = tempDir();
  cleanups.push(() => t.remove());
  const s = await openWorkspaceSession({ dataDir: t.dir, host: 'browser', version: 'test', cipherFor: (d) => createFileKeyCipher(path.join(d, 'secret.key')) });
  const a = await call(s, 'workspaces:create', { name: '甲商户', kind: 'real' });
  const b = await call(s, 'workspaces:create', { name: 'Shop B', kind: 'real' });
  await call(s, 'workspaces:switch', { id: b.id });
  await call(s, 'workspaces:switch', { id: a.id });
  await s.close();
  return { dir: t.dir, a: a.id, b: b.id };
}

function csvFile(dir: string): string {
  const file = path.join(dir, '..', `${path.basename(dir)}-erp.csv`);
  writeFileSync(file, CSV);
  cleanups.push(() => rmSync(file, { force: true }));
  return file;
}

describe('one owner per workspace', () => {
  it('the app holds its open workspace against the CLI, not the others; a killed app frees it', async () => {
    const { dir, a, b } = await twoWorkspaces();
    const csv = csvFile(dir);
    const staticDir = `${dir}-static`;
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
    cleanups.push(() => rmSync(staticDir, { recursive: true, force: true }));
    const app = spawnTs(BROWSER_HOST, ['--data-dir', dir, '--static-dir', staticDir], {});
    cleanups.push(() => { app.process.kill('SIGKILL'); });
    await app.line(/^Invoice Recon: http/);
    expect(app.stdout()).toContain(`账套 / workspace: 甲商户 (${a})`);

    for (const ws of ['甲商户', a, undefined]) {
      const refused = await runCliProcess(['import', csv, '--data-dir', dir, ...(ws ? ['--workspace', ws] : [])], {});
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`进程 ${app.pid}`);
      expect(refused.stderr).toContain('浏览器版应用');
    }
    const status = await runCliProcess(['status', '--json', '--data-dir', dir, '--workspace', a], {});
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ total: 0 });

    const other = await runCliProcess(['import', csv, '--data-dir', dir, '--workspace', 'shop b'], {});
    expect(other.stderr).toBe('');
    expect(other.code).toBe(0);
    expect(readDb(workspaceDir(dir, b), 'SELECT invoice_no FROM invoices')).toEqual([{ invoice_no: 'INV-1' }]);
    expect(readDb(workspaceDir(dir, a), 'SELECT invoice_no FROM invoices')).toEqual([]);

    const unknown = await runCliProcess(['status', '--data-dir', dir, '--workspace', '乙商户'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有名为或编号为“乙商户”的账套');
    expect(unknown.stderr).toContain(`“甲商户”（${a}）`);
    expect(unknown.stderr).toContain(`Available workspaces: “甲商户” (${a}), “Shop B” (${b})`);

    app.process.kill('SIGKILL');
    await app.exited;
    const after = await runCliProcess(['import', csv, '--data-dir', dir, '--workspace', a], {});
    expect(after.code).toBe(0);
    expect(readDb(workspaceDir(dir, a), 'SELECT invoice_no FROM invoices')).toEqual([{ invoice_no: 'INV-1' }]);
  }, 120_000);

  it('a workspace another process holds is neither switched to nor deleted; the app stays in its own', async () => {
    const { dir, a, b } = await twoWorkspaces();
    const holder = spawnTs(HOLD_OWNER, [workspaceDir(dir, b)], {});
    cleanups.push(() => { holder.process.kill('SIGKILL'); });
    await holder.line(/^HELD /);
    const s = await openWorkspaceSession({ dataDir: dir, host: 'browser', version: 'test', cipherFor: (d) => createFileKeyCipher(path.join(d, 'secret.key')) });
    cleanups.push(() => s.close());
    const refused = await appErrorOf(call(s, 'workspaces:switch', { id: b }));
    expect(refused.code).toBe('data_folder.busy');
    expect(refused.messageZh).toContain(`进程 ${holder.pid}`);
    expect((await call(s, 'app:info', {})).workspace?.id).toBe(a);
    expect((await call(s, 'invoices:list', { filter: {}, limit: 5 })).rows).toEqual([]);
    const del = await appErrorOf(call(s, 'workspaces:delete', { id: b, confirmName: 'Shop B' }));
    expect(del.code).toBe('data_folder.busy');
    expect((await call(s, 'workspaces:list', {})).workspaces.map((w) => w.id)).toEqual([a, b]);
  }, 60_000);

  it('--workspace on a folder without workspaces, and no default before the app opened one: exit 2, saying what to do', async () => {
    const single = tempDir();
    const listed = tempDir();
    cleanups.push(() => single.remove(), () => listed.remove());
    const legacy = await runCliProcess(['status', '--data-dir', single.dir, '--workspace', 'A'], {});
    expect(legacy.code).toBe(2);
    expect(legacy.stderr).toContain('还没有账套');
    expect(legacy.stderr).toContain('leave --workspace out');
    expect((await runCliProcess(['status', '--json', '--data-dir', single.dir], {})).code).toBe(0);

    await ensureWorkspaceLayout(listed.dir, 'cli');
    const made = withNewWorkspace(EMPTY_REGISTRY, { name: '丙', kind: 'real' });
    await writeRegistry(listed.dir, made.registry);
    const noDefault = await runCliProcess(['status', '--data-dir', listed.dir], {});
    expect(noDefault.code).toBe(2);
    expect(noDefault.stderr).toContain('--workspace');
    expect(noDefault.stderr).toContain(`“丙” (${made.workspace.id})`);
    const named = await runCliProcess(['status', '--json', '--data-dir', listed.dir, '--workspace', '丙'], {});
    expect(named.code).toBe(0);
    expect(existsSync(path.join(workspaceDir(listed.dir, made.workspace.id), 'invoice-recon.sqlite'))).toBe(true);
  }, 60_000);
});
