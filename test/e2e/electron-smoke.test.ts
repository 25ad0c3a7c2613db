// Node (Vitest) driving Electron through Playwright. Launch the unpackaged app, reach the reconcile page
// in practice mode, quit. Skips with one line where the Electron binary is absent (it is downloaded on
// first use, which needs the network).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import type { ApiBridge } from '../../shared/api/contract';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Where `electron` would put its binary, found without `require('electron')`: requiring it when the
 * binary is missing starts a download.
 */
function electronBinary(): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) return path.join(override, relative ?? 'electron');
  if (relative === null) return null;
  const binary = path.join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const hasElectron = binary !== null;
if (!hasElectron) console.warn('electron-smoke skipped: no Electron binary in node_modules/electron/dist (downloaded on first run; needs network)');

describe('Electron smoke', () => {
  let app: ElectronApplication | null = null;
  let page: Page;
  let dataDir = '';

  beforeAll(async () => {
    if (!hasElectron) return;
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    expect(build.status).toBe(0);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'electron-smoke-'));
    app = await _electron.launch({
      executablePath: binary ?? undefined,
      args: [root],
      cwd: root,
      env: { ...process.env, INVOICE_RECON_USER_DATA: dataDir },
    });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!hasElectron)('serves the app from app://, exposes only the bridge, and reaches the reconcile page in practice mode', async () => {
    expect(page.url()).toMatch(/^app:\/\/invoice-recon\//);
    const surface = await page.evaluate(() => ({
      api: Object.keys((window as unknown as { api: object }).api).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ api: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
    // A fresh data folder opens no workspace (the first-run choice); practice mode lives in its own workspace.
    const info = await page.evaluate(async () => {
      const api = (window as unknown as { api: ApiBridge }).api;
      await api.invoke('workspaces:create', { name: '练习', kind: 'practice' });
      await api.invoke('workspaces:switch', { id: 'practice' });
      return api.invoke('practice:start', { orders: 10, seed: 1 });
    });
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', mode: 'practice' } });
    await page.reload();
    // The reconcile page with the practice banner and seeded invoices in its table.
    await page.getByText('练习模式').first().waitFor({ state: 'visible' });
    // 概览 is the first page; the reconcile page is one click away.
    await page.getByTestId('overview-page').waitFor({ state: 'visible' });
    await page.getByTestId('nav-reconcile').click();
    await page.locator('[data-testid=invoice-table] [data-row-id]').first().waitFor({ state: 'visible' });
    expect(page.url()).toMatch(/^app:\/\/invoice-recon\//);
    const closed = app?.close();
    app = null;
    await closed;
  });
});
