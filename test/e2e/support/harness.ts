// E2E support (Node). One app under test: its own temp data dir, real core, the loopback host, its own
// emulators when asked, and a Debian Chromium page at 1366×768 driving the built renderer.
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createAppCore, type AppCore } from '../../../electron/services/app-core';
import { createFileKeyCipher, createKeyCipher } from '../../../electron/secrets/file-key-cipher';
import { openWorkspaceSession } from '../../../electron/services/workspaces/session';
import { startBrowserHost, type BrowserHost } from '../../../electron/hosts/browser/server';
import { startSandbox, PRACTICE_CREDENTIALS, type Sandbox, type SandboxOptions } from '../../../electron/sandbox/sandbox';
import { erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const STATIC_DIR = path.join(ROOT, 'dist', 'renderer');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface LaunchOptions {
  /** Start the test's own emulators and point the app at them (custom URLs, practice credentials), with the ERP list imported. */
  readonly sandbox?: SandboxOptions;
  /** With a sandbox: import its ERP list before the page opens (default true; false leaves the import to the test). */
  readonly importErp?: boolean;
  /** Leave the Suning secret unset (to enter a wrong one through Settings). */
  readonly skipSuningSecret?: boolean;
  readonly language?: 'zh-CN' | 'en-US';
  /** Encrypt secrets like Linux basic_text: only obfuscation, so the clerk must accept it first. */
  readonly weakSecretStorage?: boolean;
  /** Draw scrollbars as the clerk sees them (Playwright hides them by default). */
  readonly showScrollbars?: boolean;
  /**
   * The page the app opens on (its hash route). Default 'reconcile', where most tests start; null opens the bare
   * URL, i.e. the app's own default page (概览).
   */
  readonly startPage?: string | null;
  /**
   * Open the data folder as `npm start` does, through the workspaces (账套) session (a single-store folder is
   * migrated first) instead of one store directly; `dataDir` an existing folder (it is removed at the end too).
   * Not with `sandbox`.
   */
  readonly workspaces?: { readonly dataDir?: string };
}

export interface AppUnderTest {
  readonly page: Page;
  readonly core: AppCore;
  readonly host: BrowserHost;
  readonly dataDir: string;
  readonly sandbox: Sandbox | null;
  /** Uncaught page errors and console errors seen so far. */
  readonly pageErrors: string[];
  readonly ctx: { readonly host: 'browser' };
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchApp(opts: LaunchOptions = {}): Promise<AppUnderTest> {
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error(`dist/renderer is not built; run "node scripts/build.mjs --renderer" (npm test does it)`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium package (see .ci/run)`);
  const dataDir = opts.workspaces?.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ir-e2e-'));
  const ctx = { host: 'browser' } as const;
  const cleanups: Array<() => Promise<unknown>> = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const run = async () => { for (const c of cleanups.splice(0).reverse()) await c(); };
  try {
    const core = opts.workspaces
      ? await openWorkspaceSession({ dataDir, host: 'browser', version: 'e2e', cipherFor: (dir) => createFileKeyCipher(path.join(dir, 'secret.key')) })
      : await createAppCore({ dataDir, host: 'browser', cipher: opts.weakSecretStorage ? createKeyCipher(randomBytes(32), 'basic_text', true) : createKeyCipher(randomBytes(32), 'test', false), version: 'e2e' });
    cleanups.push(() => core.close());
    let sandbox: Sandbox | null = null;
    if (opts.sandbox) {
      const sb = await startSandbox(opts.sandbox);
      sandbox = sb;
      cleanups.push(() => sb.close());
      await core.handlers['settings:update']({
        language: opts.language ?? 'zh-CN',
        wangdian: { env: 'custom', customUrl: sb.wangdian.url, sid: sb.wangdian.sid, appkey: sb.wangdian.appkey },
        suning: { env: 'custom', customUrl: sb.suning.url, appKey: sb.suning.appKey, saleOrg: sb.suning.saleOrg },
      }, ctx);
      await core.handlers['settings:setSecret']({ name: 'wangdian.appsecret', value: PRACTICE_CREDENTIALS.wangdian.appsecret }, ctx);
      if (!opts.skipSuningSecret) await core.handlers['settings:setSecret']({ name: 'suning.appSecret', value: PRACTICE_CREDENTIALS.suning.appSecret }, ctx);
      const csv = erpRecordsToCsv(sb.erpRecords);
      if (opts.importErp !== false) await core.handlers['import:commit']({ fileName: 'erp.csv', contentBase64: csv.toString('base64'), encoding: 'auto' }, ctx);
    } else if (opts.language) {
      await core.handlers['settings:update']({ language: opts.language }, ctx);
    }
    const host = await startBrowserHost({ core, staticDir: STATIC_DIR });
    cleanups.push(() => host.close());
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ignoreDefaultArgs: opts.showScrollbars ? ['--hide-scrollbars'] : [] });
    cleanups.push(() => browser.close());
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`); });
    const start = opts.startPage === undefined ? 'reconcile' : opts.startPage;
    await page.goto(start === null ? host.url : `${host.url}#/${start}`);
    return {
      page, core, host, dataDir, sandbox, pageErrors, ctx,
      async shot(name) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
      },
      close: run,
    };
  } catch (e) {
    await run();
    throw e;
  }
}

/** Waits until the job panel shows a finished job (done, cancelled or failed) and returns its counts. */
export async function waitForJobEnd(page: Page, previousJobId?: number, timeout = 90_000): Promise<{ jobId: number; state: string; done: number; failed: number; total: number }> {
  const older = previousJobId === undefined ? '' : `:not([data-job-id="${previousJobId}"])`;
  const panel = page.locator(`[data-testid=job-panel]:not([data-job-state=running]):not([data-job-state=paused])${older}`).first();
  await panel.waitFor({ timeout });
  const counts = panel.getByTestId('job-counts');
  return {
    jobId: Number(await panel.getAttribute('data-job-id')),
    state: (await panel.getAttribute('data-job-state')) ?? '',
    done: Number(await counts.getAttribute('data-done')),
    failed: Number(await counts.getAttribute('data-failed')),
    total: Number(await counts.getAttribute('data-total')),
  };
}

/** Rows of the reconcile table (a virtual list: only the rows in view exist, in slot order, not row order). */
export const INVOICE_ROWS = '[data-testid=invoice-table] [data-row-id]';
/** The table's first data row (aria-rowindex 1 is the header). */
export const FIRST_INVOICE_ROW = `${INVOICE_ROWS}[aria-rowindex="2"]`;

/** Count shown on a status chip (after counts loaded). */
export async function chipCount(page: Page, status: string): Promise<number> {
  const chip = page.getByTestId(`chip-${status}`);
  await chip.and(page.locator('[data-count]')).waitFor();
  return Number(await chip.getAttribute('data-count'));
}

/** Runs a bulk job through the core directly (setup for tests about something else) and waits for its end. */
export async function runJob(app: AppUnderTest, kind: 'query' | 'submit', selection: Parameters<AppCore['handlers']['jobs:startQuery']>[0]['selection']) {
  const channel = kind === 'query' ? 'jobs:startQuery' : 'jobs:startSubmit';
  const { jobId } = await app.core.handlers[channel]({ selection }, app.ctx);
  for (;;) {
    const p = await app.core.handlers['jobs:get']({ jobId }, app.ctx);
    if (p.state !== 'running') return p;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first invoice in a reconciliation status, read through the core. */
export async function firstInvoice(app: AppUnderTest, status: Parameters<AppCore['handlers']['invoices:list']>[0]['filter']) {
  const page = await app.core.handlers['invoices:list']({ filter: status, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 1 }, app.ctx);
  const row = page.rows[0];
  if (!row) throw new Error(`no invoice matches ${JSON.stringify(status)}`);
  return row;
}

/** Confirms the bulk-action dialog and waits until it has closed (so screenshots show the page, not the dialog). */
export async function confirmBulk(page: Page): Promise<void> {
  const ok = page.getByTestId('bulk-confirm-ok');
  const dialog = page.getByTestId('bulk-confirm-count');
  // In one loaded full run a click on OK left the dialog open (cause not caught). Click again while the dialog
  // stays (a second click on a started, loading button does nothing), then fail with what the dialog shows.
  for (let attempt = 0; attempt < 3; attempt++) {
    await ok.click();
    try {
      await dialog.waitFor({ state: 'detached', timeout: 5_000 });
      return;
    } catch {
      if (!(await dialog.isVisible())) return;
    }
  }
  const text = await page.locator('.ant-modal-content').first().textContent().catch(() => null);
  throw new Error(`the bulk-action dialog did not close after three clicks on OK; it shows: ${text ?? '(nothing)'}`);
}
