// A data folder of the single-store version (made here by the current core exactly as its hosts made it: the
// store, its key file and exports at the top of the folder) moves into one workspace on the first start of the
// workspaces version: every invoice, submission, setting and secret is there after, also what only the -wal of
// a killed app held. A SIGKILL at any step of the migration leaves the old layout or the new one, never a half,
// and the next start finishes it; a second start changes nothing.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, PRACTICE_CREDENTIALS } from '../../../electron/sandbox/sandbox';
import { createAppCore, type AppCore } from '../../../electron/services/app-core';
import { createFileKeyCipher } from '../../../electron/secrets/file-key-cipher';
import { ensureWorkspaceLayout, layoutOf, type MigrationStep } from '../../../electron/services/workspaces/layout';
import { readRegistry, workspaceDir } from '../../../electron/services/workspaces/registry';
import { openWorkspaceSession, type WorkspaceSession } from '../../../electron/services/workspaces/session';
import { erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';
import { call, CTX, tempDir, type Sandbox } from '../../support/core-harness';
import { readDb, spawnTs } from '../../support/processes';

const MIGRATE_CHILD = path.resolve(import.meta.dirname, 'fixtures/migrate-child.ts');
const BROWSER_HOST = path.resolve(import.meta.dirname, '../../../electron/hosts/browser/main.ts');
const WAL_WRITER = path.resolve(import.meta.dirname, 'fixtures/wal-writer.ts');

interface Snapshot {
  invoices: unknown[];
  submissions: unknown[];
  settings: unknown;
  secrets: Record<string, string | null>;
  crashRow: unknown[];
}

let sb: Sandbox;
const made = tempDir('ir-old-');
let before: Snapshot;

async function snapshot(core: AppCore): Promise<Omit<Snapshot, 'crashRow'>> {
  const invoices = await call(core, 'invoices:list', { filter: {}, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 500 });
  const submissions = await call(core, 'submissions:list', { limit: 500 });
  return {
    invoices: invoices.rows,
    submissions: submissions.rows,
    settings: (await call(core, 'settings:get', {})).settings,
    secrets: {
      'wangdian.appsecret': await core.services.secrets.get('wangdian.appsecret'),
      'suning.appSecret': await core.services.secrets.get('suning.appSecret'),
    },
  };
}

/** The single-store version's browser host: the store and its key file at the top of the data folder. */
async function makeOldFolder(dir: string): Promise<void> {
  const core = await createAppCore({ dataDir: dir, host: 'browser', cipher: createFileKeyCipher(path.join(dir, 'secret.key')), version: 'old' });
  await call(core, 'settings:update', {
    language: 'en-US',
    wangdian: { env: 'custom', customUrl: sb.wangdian.url, sid: sb.wangdian.sid, appkey: sb.wangdian.appkey, rps: 100 },
    suning: { env: 'custom', customUrl: sb.suning.url, appKey: sb.suning.appKey, saleOrg: sb.suning.saleOrg, rps: 100 },
  });
  await call(core, 'settings:setSecret', { name: 'wangdian.appsecret', value: PRACTICE_CREDENTIALS.wangdian.appsecret, acceptWeakStorage: true });
  await call(core, 'settings:setSecret', { name: 'suning.appSecret', value: PRACTICE_CREDENTIALS.suning.appSecret });
  await call(core, 'import:commit', { fileName: 'erp.csv', contentBase64: erpRecordsToCsv(sb.erpRecords).toString('base64') });
  const q = await call(core, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } });
  await core.services.jobs.wait(q.jobId);
  const s = await call(core, 'jobs:startSubmit', { selection: { kind: 'filter', filter: { reconStatus: ['matched'] } } });
  await core.services.jobs.wait(s.jobId);
  await call(core, 'export:invoices', { format: 'csv', filter: {} });
  await core.close();
}

function copyOld(): { dir: string; remove(): void } {
  const t = tempDir('ir-mig-');
  cpSync(made.dir, t.dir, { recursive: true });
  return t;
}

async function openSession(dir: string): Promise<WorkspaceSession> {
  return openWorkspaceSession({ dataDir: dir, host: 'browser', version: 'new', cipherFor: (d) => createFileKeyCipher(path.join(d, 'secret.key')) });
}

beforeAll(async () => {
  sb = await startSandbox({ orders: 60, seed: 7 });
  await makeOldFolder(made.dir);
  // The old app was then killed with one more commit only in its -wal (never checkpointed).
  const writer = spawnTs(WAL_WRITER, [path.join(made.dir, 'invoice-recon.sqlite'), 'crash.row', 'only in the wal'], {});
  await writer.line(/^WROTE/);
  writer.process.kill('SIGKILL');
  await writer.exited;
  expect(existsSync(path.join(made.dir, 'invoice-recon.sqlite-wal'))).toBe(true);
  const old = await createAppCore({ dataDir: made.dir, host: 'browser', cipher: createFileKeyCipher(path.join(made.dir, 'secret.key')), version: 'old', resumeJobs: false, access: 'owner-or-reader' });
  before = { ...(await snapshot(old)), crashRow: readDb(made.dir, "SELECT value FROM settings WHERE key = 'crash.row'") };
  await old.close();
  // Reading through the core above checkpointed nothing away from the -wal test: put the -wal case back.
  expect(before.crashRow).toEqual([{ value: '"only in the wal"' }]);
  expect((before.invoices).length).toBe(sb.erpRecords.length);
  expect(before.submissions.length).toBeGreaterThan(10);
  expect(layoutOf(made.dir)).toBe('single-store');
}, 120_000);

afterAll(async () => {
  made.remove();
  await sb?.close();
});

async function expectEverything(dir: string): Promise<void> {
  const session = await openSession(dir);
  try {
    const info = await session.handlers['app:info']({}, CTX);
    expect(info.workspace).toMatchObject({ id: 'main', kind: 'real' });
    const after = await snapshot(session);
    expect(after.invoices).toEqual(before.invoices);
    expect(after.submissions).toEqual(before.submissions);
    expect(after.settings).toEqual(before.settings);
    expect(after.secrets).toEqual(before.secrets);
    expect(after.secrets['wangdian.appsecret']).toBe(PRACTICE_CREDENTIALS.wangdian.appsecret);
    expect(readDb(workspaceDir(dir, 'main'), "SELECT value FROM settings WHERE key = 'crash.row'")).toEqual(before.crashRow);
  } finally {
    await session.close();
  }
}

describe('migrating a single-store data folder into workspaces', () => {
  it('moves the store, its key file and exports into one workspace; nothing is lost; a second start changes nothing', async () => {
    const t = copyOld();
    try {
      await expectEverything(t.dir);
      expect(layoutOf(t.dir)).toBe('workspaces');
      const top = readdirSync(t.dir).sort();
      expect(top).not.toContain('invoice-recon.sqlite');
      expect(top).not.toContain('secret.key');
      expect(top).not.toContain('exports');
      const ws = workspaceDir(t.dir, 'main');
      expect(readdirSync(path.join(ws, 'exports')).some((f) => f.endsWith('.csv'))).toBe(true);
      expect(existsSync(path.join(ws, 'migration.json'))).toBe(false);
      const registry = readFileSync(path.join(t.dir, 'workspaces.json'), 'utf8');
      expect(readRegistry(t.dir)).toMatchObject({ lastUsed: 'main', workspaces: [{ id: 'main', name: '我的账套', kind: 'real' }] });

      await expectEverything(t.dir);
      expect(readFileSync(path.join(t.dir, 'workspaces.json'), 'utf8')).toBe(registry);
      expect(readdirSync(path.join(t.dir, 'workspaces'))).toEqual(['main']);
    } finally {
      t.remove();
    }
  }, 60_000);

  const steps: Array<[MigrationStep, 'single-store' | 'workspaces']> = [
    ['prepared', 'single-store'], ['folded', 'single-store'], ['staged', 'single-store'], ['committed', 'workspaces'], ['registered', 'workspaces'],
  ];
  it.each(steps)('a SIGKILL at step "%s" leaves the %s layout whole, and the next start finishes with nothing lost', async (step, layout) => {
    const t = copyOld();
    try {
      const child = spawnTs(MIGRATE_CHILD, [t.dir, step], {});
      await child.line(new RegExp(`^AT ${step}`));
      child.process.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');

      const top = path.join(t.dir, 'invoice-recon.sqlite');
      const moved = path.join(workspaceDir(t.dir, 'main'), 'invoice-recon.sqlite');
      // Exactly one store, complete, wherever the kill left it.
      expect(existsSync(top)).toBe(layout === 'single-store');
      expect(existsSync(moved)).toBe(layout === 'workspaces');
      const where = layout === 'single-store' ? t.dir : workspaceDir(t.dir, 'main');
      expect(readDb(where, 'SELECT COUNT(*) AS n FROM invoices')).toEqual([{ n: before.invoices.length }]);
      expect(readDb(where, "SELECT value FROM settings WHERE key = 'crash.row'")).toEqual(before.crashRow);
      if (layout === 'single-store') {
        // The old version would open this folder as it left it: the store and its key at the top.
        expect(existsSync(path.join(t.dir, 'secret.key'))).toBe(true);
        expect(existsSync(path.join(t.dir, 'workspaces.json'))).toBe(false);
      }
      await expectEverything(t.dir);
      expect(existsSync(top)).toBe(false);
      expect(readdirSync(path.join(t.dir, 'workspaces'))).toEqual(['main']);
      expect(existsSync(path.join(t.dir, 'secret.key'))).toBe(false);
    } finally {
      t.remove();
    }
  }, 60_000);

  it('a fresh folder gets an empty list (the first-run choice), and a store that held practice demo data becomes the practice workspace', async () => {
    const fresh = tempDir();
    const practiced = tempDir();
    try {
      expect(await ensureWorkspaceLayout(fresh.dir, 'browser')).toEqual({ version: 1, lastUsed: null, workspaces: [] });
      const old = await createAppCore({ dataDir: practiced.dir, host: 'browser', cipher: createFileKeyCipher(path.join(practiced.dir, 'secret.key')), version: 'old' });
      await call(old, 'practice:start', { orders: 20, seed: 1 });
      const rows = (await call(old, 'invoices:list', { filter: {}, limit: 100 })).rows.length;
      await old.close();
      const session = await openSession(practiced.dir);
      try {
        const info = await session.handlers['app:info']({}, CTX);
        expect(info.workspace).toMatchObject({ id: 'practice', kind: 'practice' });
        expect(info.mode).toBe('practice');
        expect((await call(session, 'invoices:list', { filter: {}, limit: 100 })).rows).toHaveLength(rows);
      } finally {
        await session.close();
      }
    } finally {
      fresh.remove();
      practiced.remove();
    }
  }, 60_000);

  it('the real browser host entry (what `npm start` runs without Electron) migrates the folder and opens that workspace', async () => {
    const t = copyOld();
    const staticDir = `${t.dir}-static`;
    try {
      mkdirSync(staticDir);
      writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
      const host = spawnTs(BROWSER_HOST, ['--data-dir', t.dir, '--static-dir', staticDir], {});
      await host.line(/^Invoice Recon: http/);
      expect(host.stdout()).toContain('账套 / workspace: 我的账套 (main)');
      host.process.kill('SIGTERM');
      const ended = await host.exited;
      expect({ code: ended.code, signal: ended.signal, stderr: ended.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
      await expectEverything(t.dir);
    } finally {
      rmSync(staticDir, { recursive: true, force: true });
      t.remove();
    }
  }, 60_000);
});
