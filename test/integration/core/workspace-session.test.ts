// The app's workspaces (账套) through the handler table every host mounts: nothing open on a fresh folder; a
// practice workspace with demo data and a real one that starts empty and refuses practice mode and demo data;
// switching closes one core (its running job paused and persisted, as on quit) and opens the other; rename; delete
// only with the typed name and never the open one, its folder removed.
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileKeyCipher } from '../../../electron/secrets/file-key-cipher';
import { startSandbox, PRACTICE_CREDENTIALS } from '../../../electron/sandbox/sandbox';
import { erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';
import { readRegistry, withoutWorkspace, workspaceDir, writeRegistry } from '../../../electron/services/workspaces/registry';
import { openWorkspaceSession, type WorkspaceSession } from '../../../electron/services/workspaces/session';
import { call, tempDir } from '../../support/core-harness';
import { appErrorOf } from '../../support/app-error';

async function expectAppError(p: Promise<unknown>, code: string): Promise<void> {
  expect((await appErrorOf(p)).code).toBe(code);
}
import { readDb } from '../../support/processes';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => { while (cleanups.length > 0) await cleanups.pop()?.(); });

async function session(dir: string): Promise<WorkspaceSession> {
  const s = await openWorkspaceSession({ dataDir: dir, host: 'browser', version: 'test', cipherFor: (d) => createFileKeyCipher(path.join(d, 'secret.key')) });
  cleanups.push(() => s.close());
  return s;
}

function folder(): string {
  const t = tempDir();
  cleanups.push(() => t.remove());
  return t.dir;
}

describe('workspaces in one app', () => {
  it('fresh: no workspace open, the language chosen carries into the first one; practice and real stay apart', async () => {
    const dir = folder();
    const s = await session(dir);
    expect(await call(s, 'app:info', {})).toMatchObject({ mode: 'unconfigured', workspace: null });
    expect(await call(s, 'workspaces:list', {})).toEqual({ managed: true, workspaces: [], currentId: null });
    await expectAppError(call(s, 'invoices:list', { filter: {}, limit: 10 }), 'workspace.none');
    expect((await call(s, 'settings:update', { language: 'en-US' })).settings.language).toBe('en-US');

    const practice = await call(s, 'workspaces:create', { name: '练习', kind: 'practice' });
    expect((await call(s, 'workspaces:switch', { id: practice.id })).workspace).toMatchObject({ id: 'practice', kind: 'practice' });
    expect((await call(s, 'practice:start', { orders: 20, seed: 1 })).mode).toBe('practice');
    expect((await call(s, 'invoices:list', { filter: {}, limit: 100 })).rows).toHaveLength(20);
    expect((await call(s, 'settings:get', {})).settings.language).toBe('en-US');

    const real = await call(s, 'workspaces:create', { name: '甲商户', kind: 'real' });
    const info = await call(s, 'workspaces:switch', { id: real.id });
    expect(info).toMatchObject({ mode: 'real', practice: null, workspace: { id: real.id, name: '甲商户', kind: 'real' } });
    // Starts empty, on the real platforms, in the clerk's language; demo rows are not visible from here.
    expect((await call(s, 'invoices:list', { filter: {}, limit: 100 })).rows).toEqual([]);
    const settings = (await call(s, 'settings:get', {})).settings;
    expect([settings.wangdian.env, settings.suning.env, settings.language]).toEqual(['production', 'production', 'en-US']);
    await expectAppError(call(s, 'practice:start', { orders: 20, seed: 1 }), 'workspace.practice_in_real');
    await expectAppError(call(s, 'settings:update', { wangdian: { env: 'practice' } }), 'workspace.practice_in_real');
    expect((await call(s, 'invoices:list', { filter: {}, limit: 100 })).rows).toEqual([]);

    await call(s, 'workspaces:switch', { id: 'practice' });
    expect((await call(s, 'invoices:list', { filter: {}, limit: 100 })).rows).toHaveLength(20);
    expect(readRegistry(dir)?.lastUsed).toBe('practice');
  }, 60_000);

  it('rename (the open one too), delete only with the typed name and never the open one; the folder goes', async () => {
    const dir = folder();
    const s = await session(dir);
    const a = await call(s, 'workspaces:create', { name: 'A 商户', kind: 'real' });
    const b = await call(s, 'workspaces:create', { name: 'B 商户', kind: 'real' });
    await call(s, 'workspaces:switch', { id: a.id });
    await expectAppError(call(s, 'workspaces:rename', { id: a.id, name: 'b 商户' }), 'conflict');
    expect(await call(s, 'workspaces:rename', { id: a.id, name: '甲' })).toMatchObject({ id: a.id, name: '甲' });
    expect((await call(s, 'app:info', {})).workspace?.name).toBe('甲');

    await expectAppError(call(s, 'workspaces:delete', { id: a.id, confirmName: '甲' }), 'conflict');
    await expectAppError(call(s, 'workspaces:delete', { id: b.id, confirmName: 'B' }), 'validation');
    expect(existsSync(workspaceDir(dir, b.id))).toBe(true);
    const left = await call(s, 'workspaces:delete', { id: b.id, confirmName: ' B 商户 ' });
    expect(left.workspaces.map((w) => w.name)).toEqual(['甲']);
    expect(existsSync(workspaceDir(dir, b.id))).toBe(false);
    await expectAppError(call(s, 'workspaces:switch', { id: b.id }), 'workspace.unknown');
    await s.close();

    // The next start opens the last used one.
    const again = await session(dir);
    expect((await call(again, 'app:info', {})).workspace).toMatchObject({ id: a.id, name: '甲' });
  }, 60_000);

  it('switching pauses the running job in the store it leaves, and coming back resumes it', async () => {
    const sb = await startSandbox({ orders: 80, seed: 3 });
    cleanups.push(() => sb.close());
    const dir = folder();
    const s = await session(dir);
    const a = await call(s, 'workspaces:create', { name: 'A', kind: 'real' });
    const b = await call(s, 'workspaces:create', { name: 'B', kind: 'real' });
    await call(s, 'workspaces:switch', { id: a.id });
    await call(s, 'settings:update', { suning: { env: 'custom', customUrl: sb.suning.url, appKey: sb.suning.appKey, saleOrg: sb.suning.saleOrg, rps: 100, batchSize: 1, concurrency: 1 } });
    await call(s, 'settings:setSecret', { name: 'suning.appSecret', value: PRACTICE_CREDENTIALS.suning.appSecret, acceptWeakStorage: true });
    await call(s, 'import:commit', { fileName: 'erp.csv', contentBase64: erpRecordsToCsv(sb.erpRecords).toString('base64') });
    sb.suningEmulator.setFaults({ latencyMs: 200 });
    const { jobId } = await call(s, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } });
    await call(s, 'workspaces:switch', { id: b.id });
    const [job] = readDb<{ state: string }>(workspaceDir(dir, a.id), 'SELECT state FROM jobs WHERE id = ?', jobId);
    expect(job?.state).toBe('paused');
    expect(await call(s, 'jobs:active', {})).toEqual([]);
    sb.suningEmulator.setFaults({});
    await call(s, 'workspaces:switch', { id: a.id });
    const done = await s.services.jobs.wait(jobId);
    expect(done.state).toBe('done');
  }, 90_000);

  it('a real workspace whose store holds practice demo data sends nothing, however the store got there', async () => {
    const sb = await startSandbox({ orders: 20, seed: 1 });
    cleanups.push(() => sb.close());
    const dir = folder();
    const s = await session(dir);
    await call(s, 'workspaces:create', { name: '练习', kind: 'practice' });
    await call(s, 'workspaces:switch', { id: 'practice' });
    await call(s, 'practice:start', { orders: 20, seed: 1 });
    const real = await call(s, 'workspaces:create', { name: '真', kind: 'real' });
    await s.close();
    // Copied by hand (or by a bug) into the real workspace's folder.
    for (const f of ['invoice-recon.sqlite', 'secret.key']) copyFileSync(path.join(workspaceDir(dir, 'practice'), f), path.join(workspaceDir(dir, real.id), f));

    const again = await session(dir);
    await call(again, 'workspaces:switch', { id: real.id });
    expect((await call(again, 'app:info', {})).practice).toBeNull();
    await call(again, 'settings:update', {
      wangdian: { env: 'custom', customUrl: sb.wangdian.url, sid: sb.wangdian.sid, appkey: sb.wangdian.appkey },
      suning: { env: 'custom', customUrl: sb.suning.url, appKey: sb.suning.appKey, saleOrg: sb.suning.saleOrg },
    });
    await call(again, 'settings:setSecret', { name: 'wangdian.appsecret', value: PRACTICE_CREDENTIALS.wangdian.appsecret, acceptWeakStorage: true });
    await call(again, 'settings:setSecret', { name: 'suning.appSecret', value: PRACTICE_CREDENTIALS.suning.appSecret, acceptWeakStorage: true });
    const query = await call(again, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } }).then((j) => again.services.jobs.wait(j.jobId), (e: unknown) => e);
    const submit = await call(again, 'jobs:startSubmit', { selection: { kind: 'filter', filter: {} } }).then((j) => again.services.jobs.wait(j.jobId), (e: unknown) => e);
    for (const outcome of [query, submit]) expect(JSON.stringify(outcome)).toContain('workspace.practice_in_real');
    expect(sb.suningEmulator.received).toEqual([]);
    expect(sb.wangdianEmulator.received).toEqual([]);
  }, 60_000);
});

describe('settings of a real workspace that point at the emulators', () => {
  it('(stored before the workspace was real, e.g. a migrated store) query and send nothing: refused with the reason', async () => {
    const dir = folder();
    const s = await session(dir);
    const real = await call(s, 'workspaces:create', { name: '真', kind: 'real' });
    await call(s, 'workspaces:switch', { id: real.id });
    // Written below the settings service (which refuses it), as a store of the single-store version holds it.
    s.services.repos.settings.set('settings', { wangdian: { env: 'practice' }, suning: { env: 'practice' } });
    expect((await call(s, 'settings:get', {})).settings.wangdian.env).toBe('practice');
    await call(s, 'import:commit', { fileName: 'erp.csv', contentBase64: Buffer.from('发票编号,订单号,金额\nINV-1,30383217257,10.00\n').toString('base64') });
    const outcome = await call(s, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } }).then((j) => s.services.jobs.wait(j.jobId), (e: unknown) => e);
    expect(JSON.stringify(outcome)).toContain('workspace.practice_in_real');
    const test = await call(s, 'settings:testConnection', { platform: 'wangdian' }).then((v) => v, (e: unknown) => e);
    expect(JSON.stringify(test)).toContain('workspace.practice_in_real');
  }, 60_000);
});

describe('leftovers', () => {
  it('a new workspace starts empty even where an interrupted delete left the old folder behind', async () => {
    const dir = folder();
    const s = await session(dir);
    await call(s, 'workspaces:create', { name: '练习', kind: 'practice' });
    await call(s, 'workspaces:switch', { id: 'practice' });
    await call(s, 'practice:start', { orders: 20, seed: 1 });
    const other = await call(s, 'workspaces:create', { name: 'X', kind: 'real' });
    await call(s, 'workspaces:switch', { id: other.id });
    await s.close();
    // A delete killed after it took the workspace off the list, before its folder was removed.
    const reg = readRegistry(dir);
    if (!reg) throw new Error('no registry');
    await writeRegistry(dir, withoutWorkspace(reg, 'practice'));
    expect(existsSync(path.join(workspaceDir(dir, 'practice'), 'invoice-recon.sqlite'))).toBe(true);

    const again = await session(dir);
    await call(again, 'workspaces:create', { name: '练习', kind: 'practice' });
    await call(again, 'workspaces:switch', { id: 'practice' });
    expect((await call(again, 'invoices:list', { filter: {}, limit: 100 })).rows).toEqual([]);
    expect((await call(again, 'app:info', {})).mode).toBe('unconfigured');
  }, 60_000);
});
