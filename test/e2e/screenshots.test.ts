// E2E: 1366×768 screenshots of every page (the list comes from renderer/app/routes.ts PAGES, so a new page is
// captured without touching this file), each tab of a page, and the main dialogs and drawers, in zh-CN and en-US,
// with practice data — saved to test-results/screenshots/page-*.png for review (CI keeps test-results/). Each
// view must draw without page errors and without a horizontal scrollbar at this size.
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES, type Page } from '../../renderer/app/routes';
import { launchApp, runJob, type AppUnderTest, FIRST_INVOICE_ROW, SCREENSHOT_DIR } from './support/harness';

type Lang = 'zh-CN' | 'en-US';
let app: AppUnderTest;

beforeAll(async () => {
  // Practice mode as a new clerk starts it: its banner, its emulators, its demo data — then queried and partly sent.
  app = await launchApp({ startPage: null, showScrollbars: true });
  await app.core.handlers['practice:start']({ orders: 200, seed: 1 }, app.ctx);
  await runJob(app, 'query', { kind: 'filter', filter: {} });
  await runJob(app, 'submit', { kind: 'filter', filter: { reconStatus: ['matched'] } });
});
afterAll(async () => { await app?.close(); });

/** What shows that a page has drawn its data; a page not listed is captured once nothing on it spins. */
const READY: Partial<Record<Page, string>> = {
  overview: '[data-testid=chart-day][data-points]',
  reconcile: FIRST_INVOICE_ROW,
  history: '[data-testid=submissions-table]',
  settings: '[data-testid=settings-page]',
};

const shots: string[] = [];

async function settle(): Promise<void> {
  const { page } = app;
  await expect.poll(() => page.locator('.app-content .ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(450); // antd's and ECharts' enter animations
}

async function shoot(lang: Lang, name: string): Promise<void> {
  await settle();
  // Wide content must scroll inside its own table, never the whole page, a drawer or a dialog sideways.
  const overflow = await app.page.evaluate(() => {
    const boxes = [...document.querySelectorAll<HTMLElement>('.app-content, .ant-drawer-body, .ant-modal-body')].filter((el) => el.getClientRects().length > 0);
    return boxes.map((el) => `${el.className.split(' ')[0] ?? ''} ${el.scrollWidth - el.clientWidth}`).filter((s) => !s.endsWith(' 0') && !/ -\d+$/.test(s));
  });
  expect(overflow, `${lang} ${name} scrolls sideways`).toEqual([]);
  const file = `page-${lang}-${String(shots.length).padStart(2, '0')}-${name}`;
  await app.shot(file);
  shots.push(file);
}

async function useLanguage(lang: Lang): Promise<void> {
  await app.core.handlers['settings:update']({ language: lang }, app.ctx);
  await app.page.evaluate((l) => window.localStorage.setItem('invoice-recon.language', l), lang);
  await app.page.reload();
}

async function openPage(p: Page): Promise<void> {
  const { page } = app;
  await page.getByTestId(`nav-${p}`).click();
  await page.locator(`.app-nav-item[aria-current=page][href="#/${p}"]`).waitFor();
  const ready = READY[p];
  if (ready) await page.locator(ready).first().waitFor({ timeout: 20_000 });
}

async function closeDialogs(): Promise<void> {
  await app.page.keyboard.press('Escape');
  await expect.poll(() => app.page.locator('.ant-modal-wrap:visible, .ant-drawer-content-wrapper:visible, .ant-popover:visible').count()).toBe(0);
}

describe.each(['zh-CN', 'en-US'] as const)('screenshots %s', (lang) => {
  it('captures every page, its tabs and the main dialogs', async () => {
    const { page } = app;
    await useLanguage(lang);
    shots.length = 0;
    for (const p of PAGES) {
      await openPage(p);
      await shoot(lang, p);
      // Every tab of the page after the first (提交记录 / 查询记录 / 操作日志 …).
      const tabs = page.locator('.app-content [role=tab]');
      const n = await tabs.count();
      for (let i = 1; i < n; i++) {
        const key = (await tabs.nth(i).getAttribute('data-node-key')) ?? String(i);
        await tabs.nth(i).click();
        await shoot(lang, `${p}-${key}`);
      }
    }

    await openPage('reconcile');
    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-chooser').waitFor();
    await shoot(lang, 'dialog-column-settings');
    await closeDialogs();

    await page.locator(FIRST_INVOICE_ROW).locator('[role=cell]').nth(4).click();
    await page.getByTestId('detail-drawer').getByTestId('detail-explanation').waitFor();
    await shoot(lang, 'drawer-detail');
    await closeDialogs();

    await page.getByTestId('auto-open').click();
    await page.getByTestId('auto-plan').waitFor();
    await shoot(lang, 'dialog-auto');
    await closeDialogs();

    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-submit').click();
    await page.getByTestId('bulk-confirm-count').waitFor();
    await shoot(lang, 'dialog-bulk-submit');
    await closeDialogs();

    await page.keyboard.press('F1');
    await page.locator('.ant-modal-wrap:visible').waitFor();
    await shoot(lang, 'dialog-help');
    await closeDialogs();

    // Every page at least once, and each file really written.
    for (const p of PAGES) expect(shots.some((s) => s.endsWith(`-${p}`)), p).toBe(true);
    for (const s of shots) expect(statSync(path.join(SCREENSHOT_DIR, `${s}.png`)).size).toBeGreaterThan(10_000);
    expect(app.pageErrors).toEqual([]);
  });
});
