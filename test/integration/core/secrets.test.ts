// A secret never appears in an IPC response, an error, the audit log, an export or the database in plain text.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import { createAppCore, DATABASE_FILE, type AppCore } from '../../../electron/services/app-core';
import { AppError } from '../../../shared/errors';
import { call, exportedFile, tempDir, testCipher, type Sandbox } from '../../support/core-harness';
import { erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';

describe('secrets stay in the main process', () => {
  let sb: Sandbox;
  let core: AppCore;
  const tmp = tempDir();
  const seen: string[] = [];

  async function record<T>(p: Promise<T>): Promise<T> {
    try {
      const v = await p;
      seen.push(JSON.stringify(v));
      return v;
    } catch (e) {
      seen.push(JSON.stringify(e instanceof AppError ? e.toShape() : String(e)), String(e), (e as Error).stack ?? '');
      throw e;
    }
  }

  beforeAll(async () => {
    sb = await startSandbox({ orders: 40, seed: 3 });
    core = await createAppCore({ dataDir: tmp.dir, host: 'browser', cipher: testCipher(), version: 'test', restorePractice: false });
    await record(call(core, 'settings:update', {
      wangdian: { env: 'custom', customUrl: sb.wangdian.url, sid: sb.wangdian.sid, appkey: sb.wangdian.appkey, rps: 100 },
      suning: { env: 'custom', customUrl: sb.suning.url, appKey: sb.suning.appKey, saleOrg: sb.suning.saleOrg, rps: 100 },
    }));
  });
  afterAll(async () => {
    await core.close();
    await sb.close();
    tmp.remove();
  });

  it('reports only "configured" and a masked hint', async () => {
    const before = await record(call(core, 'settings:get', {}));
    expect(before.secrets['wangdian.appsecret']).toEqual({ configured: false, hint: '' });
    const view = await record(call(core, 'settings:setSecret', { name: 'wangdian.appsecret', value: sb.wangdian.appsecret }));
    await record(call(core, 'settings:setSecret', { name: 'suning.appSecret', value: sb.suning.appSecret }));
    expect(view.secrets['wangdian.appsecret']?.configured).toBe(true);
    expect(view.secrets['wangdian.appsecret']?.hint).toMatch(/^\*{4}/);
  });

  it('never leaks through the whole workflow, errors included', async () => {
    await record(call(core, 'import:commit', { fileName: 'erp.csv', contentBase64: erpRecordsToCsv(sb.erpRecords).toString('base64'), encoding: 'auto' }));
    expect((await record(call(core, 'settings:testConnection', { platform: 'wangdian' }))).ok).toBe(true);
    expect((await record(call(core, 'settings:testConnection', { platform: 'suning' }))).ok).toBe(true);
    const q = await record(call(core, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } }));
    await core.services.jobs.wait(q.jobId);
    const matched = await record(call(core, 'invoices:list', { filter: { reconStatus: ['matched', 'fillable'] }, limit: 500 }));
    for (const r of matched.rows.filter((x) => x.reconStatus === 'fillable')) await record(call(core, 'invoices:applySuning', { id: r.id }));
    const s = await record(call(core, 'jobs:startSubmit', { selection: { kind: 'filter', filter: { reconStatus: ['matched'] } } }));
    seen.push(JSON.stringify(await core.services.jobs.wait(s.jobId)));
    for (const format of ['csv', 'xlsx'] as const) {
      const out = await record(call(core, 'export:invoices', { filter: {}, format }));
      seen.push(exportedFile(core, out).toString('latin1'));
      const subs = await record(call(core, 'export:submissions', { format }));
      seen.push(exportedFile(core, subs).toString('latin1'));
    }
    // A wrong secret produces platform errors whose messages and snippets must not echo either secret.
    await record(call(core, 'settings:setSecret', { name: 'suning.appSecret', value: 'definitely-wrong-secret-1a2b' }));
    const bad = await record(call(core, 'settings:testConnection', { platform: 'suning' }));
    expect(bad.verdict).toBe('signature');
    const failed = await record(call(core, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } }));
    seen.push(JSON.stringify(await core.services.jobs.wait(failed.jobId)));
    await record(call(core, 'audit:list', { limit: 500 }));
    await record(call(core, 'submissions:list', { limit: 500 }));
    await record(call(core, 'queries:list', { limit: 500 }));
    await record(call(core, 'settings:get', {}));

    const everything = seen.join('\n');
    expect(everything.length).toBeGreaterThan(10_000);
    for (const secret of [sb.wangdian.appsecret, sb.suning.appSecret, 'definitely-wrong-secret-1a2b']) {
      expect(everything).not.toContain(secret);
    }
    const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((f) => path.join(tmp.dir, f)).filter((f) => existsSync(f));
    const dbBytes = files.map((f) => readFileSync(f).toString('latin1')).join('');
    for (const secret of [sb.wangdian.appsecret, sb.suning.appSecret, 'definitely-wrong-secret-1a2b']) {
      expect(dbBytes).not.toContain(secret);
    }
  });
});
