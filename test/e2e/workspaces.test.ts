// E2E: workspaces (账套) as a clerk meets them, on the app opened the way `npm start` opens it. First run asks
// (practice, or a real merchant) instead of landing in practice mode; practice rows are never visible from a real
// workspace; the sidebar creates, switches, renames and deletes (the name typed to confirm); the banner and the
// title name the workspace; a data folder of the single-store version opens with all its invoices in one workspace.
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createAppCore } from '../../electron/services/app-core';
import { createFileKeyCipher } from '../../electron/secrets/file-key-cipher';
import { startSandbox } from '../../electron/sandbox/sandbox';
import { erpRecordsToCsv } from '../../electron/sandbox/erp-csv';
import { workspaceDir } from '../../electron/services/workspaces/registry';
import { INVOICE_ROWS, launchApp, type AppUnderTest } from './support/harness';

const apps: AppUnderTest[] = [];
afterEach(async () => { while (apps.length > 0) await apps.pop()?.close(); });

async function open(opts: Parameters<typeof launchApp>[0]): Promise<AppUnderTest> {
  const app = await launchApp(opts);
  apps.push(app);
  return app;
}

async function menu(page: Page, item: string): Promise<void> {
  await page.getByTestId('ws-switcher').click();
  await page.getByTestId(item).click();
}

async function current(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.getByTestId('ws-current').textContent()).toBe(name);
}

describe('workspaces', () => {
  it('first run asks; practice and a real merchant stay apart; create, switch, rename, delete from the sidebar', async () => {
    const app = await open({ workspaces: {} });
    const { page } = app;
    await page.getByTestId('workspace-choice').waitFor();
    expect(await page.getByTestId('practice-banner').count()).toBe(0);
    await app.shot('ws-01-first-run-choice');

    await page.locator('#choice-orders').fill('30');
    await page.getByTestId('choice-practice').click();
    await page.getByTestId('practice-banner').waitFor();
    expect(await page.getByTestId('practice-banner').textContent()).toContain('练习');
    await page.locator(INVOICE_ROWS).first().waitFor();
    await current(page, '练习');
    await expect.poll(() => page.title()).toContain('练习 · 发票对账');

    await menu(page, 'ws-new');
    await page.getByTestId('ws-create-name').fill('甲商户');
    await app.shot('ws-02-create');
    await page.getByTestId('ws-create-ok').click();
    await page.getByTestId('settings-page').waitFor();
    await current(page, '甲商户');
    await page.getByTestId('ws-kind-real').waitFor();
    expect(await page.getByTestId('practice-banner').count()).toBe(0);
    await expect.poll(() => page.title()).toContain('甲商户');
    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('setup-steps').waitFor();
    expect(await page.locator(INVOICE_ROWS).count()).toBe(0);
    await app.shot('ws-03-real-setup');
    // The core agrees: nothing of practice is in the real workspace.
    expect((await app.core.handlers['invoices:list']({ filter: {}, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 100 }, app.ctx)).rows).toEqual([]);

    await menu(page, 'ws-item-practice');
    await page.getByTestId('practice-banner').waitFor();
    await page.locator(INVOICE_ROWS).first().waitFor();
    await current(page, '练习');
    const realId = (await app.core.handlers['workspaces:list']({}, app.ctx)).workspaces.find((w) => w.name === '甲商户')?.id ?? '';
    await menu(page, `ws-item-${realId}`);
    await page.getByTestId('setup-steps').waitFor();
    expect(await page.locator(INVOICE_ROWS).count()).toBe(0);
    expect(await page.getByTestId('practice-banner').count()).toBe(0);

    await menu(page, 'ws-rename');
    await page.getByTestId('ws-rename-name').fill('甲商户（杭州）');
    await page.getByTestId('ws-rename-ok').click();
    await current(page, '甲商户（杭州）');
    await expect.poll(() => page.title()).toContain('甲商户（杭州）');

    await menu(page, 'ws-delete');
    const ok = page.getByTestId('ws-delete-ok');
    await page.getByTestId('ws-delete-typed').waitFor();
    expect(await ok.isDisabled()).toBe(true);
    await page.getByTestId('ws-delete-typed').fill('练');
    expect(await ok.isDisabled()).toBe(true);
    await page.getByTestId('ws-delete-typed').fill('练习');
    await app.shot('ws-04-delete-confirm');
    await ok.click();
    await page.getByTestId('ws-delete-typed').waitFor({ state: 'detached' });
    await page.getByTestId('ws-switcher').click();
    await page.getByTestId('ws-new').waitFor();
    expect(await page.getByTestId('ws-item-practice').count()).toBe(0);
    expect(existsSync(workspaceDir(app.dataDir, 'practice'))).toBe(false);
    await page.keyboard.press('Escape');
    await current(page, '甲商户（杭州）');
  }, 120_000);

  it('first run: "set up a real merchant" names it and goes to Settings in an empty real workspace', async () => {
    const app = await open({ workspaces: {}, language: 'en-US' });
    const { page } = app;
    await page.getByTestId('workspace-choice').waitFor();
    await page.getByTestId('choice-real-name').fill('Shop B');
    await page.getByTestId('choice-real').click();
    await page.getByTestId('settings-page').waitFor();
    await current(page, 'Shop B');
    await page.getByTestId('ws-kind-real').waitFor();
    const info = await app.core.handlers['app:info']({}, app.ctx);
    expect(info).toMatchObject({ mode: 'real', workspace: { name: 'Shop B', kind: 'real' } });
    expect((await app.core.handlers['settings:get']({}, app.ctx)).settings.language).toBe('en-US');
  }, 60_000);

  it('a data folder of the single-store version opens with every invoice in one workspace', async () => {
    const sb = await startSandbox({ orders: 40, seed: 5 });
    try {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ir-e2e-old-'));
      const old = await createAppCore({ dataDir: dir, host: 'browser', cipher: createFileKeyCipher(path.join(dir, 'secret.key')), version: 'old' });
      await old.handlers['import:commit']({ fileName: 'erp.csv', contentBase64: erpRecordsToCsv(sb.erpRecords).toString('base64'), encoding: 'auto' }, { host: 'browser' });
      await old.close();
      expect(existsSync(path.join(dir, 'invoice-recon.sqlite'))).toBe(true);

      const app = await open({ workspaces: { dataDir: dir } });
      const { page } = app;
      await page.locator(INVOICE_ROWS).first().waitFor();
      await current(page, '我的账套');
      expect(await page.getByTestId('workspace-choice').count()).toBe(0);
      const counts = await app.core.handlers['invoices:counts']({}, app.ctx);
      expect(counts.total).toBe(sb.erpRecords.length);
      expect(existsSync(path.join(dir, 'invoice-recon.sqlite'))).toBe(false);
      expect(existsSync(path.join(workspaceDir(dir, 'main'), 'invoice-recon.sqlite'))).toBe(true);
      await app.shot('ws-05-migrated');
    } finally {
      await sb.close();
    }
  }, 60_000);
});
