// E2E: 概览 (Overview), the first page — its figures with practice data, and every chart segment and to-do button
// a click into the reconcile table filtered to exactly those invoices, in Chinese and in English. ECharts draws on
// a canvas, so a segment is clicked at the point its chart publishes (data-points), as the clerk would click it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Overview } from '../../shared/api/overview';
import { DAYS_IN_VIEW } from '../../renderer/features/overview/chart-options';
import { launchApp, runJob, type AppUnderTest, INVOICE_ROWS } from './support/harness';

let app: AppUnderTest;
let overview: Overview;
const echartsRequests: string[] = [];

beforeAll(async () => {
  app = await launchApp({ sandbox: { orders: 120, seed: 21 }, startPage: null });
  app.page.on('request', (r) => { if (/\/assets\/echarts-[^/]*\.js/.test(r.url())) echartsRequests.push(r.url()); });
  await runJob(app, 'query', { kind: 'filter', filter: {} });
  await runJob(app, 'submit', { kind: 'filter', filter: { reconStatus: ['matched'] } });
  overview = await app.core.handlers['overview:get']({}, app.ctx);
});
afterAll(async () => { await app?.close(); });

interface Point { key: string; x: number; y: number }

/** Clicks the middle of a chart's segment (bar, slice or day) named by its key. */
async function clickSegment(page: Page, chart: string, key: string): Promise<void> {
  const box = page.getByTestId(chart);
  let point: Point | undefined;
  await expect.poll(async () => {
    const points = JSON.parse((await box.getAttribute('data-points')) ?? '[]') as Point[];
    point = points.find((p) => p.key === key);
    return point !== undefined;
  }, { timeout: 15_000 }).toBe(true);
  const rect = await box.boundingBox();
  if (!rect || !point) throw new Error(`${chart} has no point for ${key}`);
  await page.mouse.click(rect.x + point.x, rect.y + point.y);
}

/** The reconcile table after a click: its total, and the ids and statuses of the rows in view. */
async function tableShows(page: Page, total: number): Promise<{ ids: number[]; statuses: string[]; submits: string[] }> {
  await page.getByTestId('invoice-table').waitFor();
  await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total'), { timeout: 15_000 }).toBe(String(total));
  if (total > 0) await page.locator(INVOICE_ROWS).first().waitFor();
  const rows = page.locator(INVOICE_ROWS);
  const ids: number[] = [];
  const statuses: string[] = [];
  const submits: string[] = [];
  for (let i = 0; i < await rows.count(); i++) {
    const row = rows.nth(i);
    ids.push(Number(await row.getAttribute('data-row-id')));
    statuses.push((await row.getAttribute('data-status')) ?? '');
    submits.push((await row.locator('[data-submit]').first().getAttribute('data-submit')) ?? '');
  }
  expect(ids.length).toBeGreaterThan(0);
  return { ids, statuses, submits };
}

async function openOverview(page: Page): Promise<void> {
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('overview-page').waitFor();
}

async function useLanguage(lang: 'zh-CN' | 'en-US'): Promise<void> {
  await app.core.handlers['settings:update']({ language: lang }, app.ctx);
  await app.page.evaluate((l) => window.localStorage.setItem('invoice-recon.language', l), lang);
  await app.page.reload();
}

describe('overview', () => {
  it('is the first page, with the store\'s totals, and loads the charting library only there', async () => {
    const { page } = app;
    await page.reload();
    const root = page.getByTestId('overview-page');
    await root.waitFor();
    expect(await root.getAttribute('data-total')).toBe(String(overview.total.count));
    expect(overview.total.count).toBe(120);
    expect(await page.locator('.app-nav-item').first().getAttribute('href')).toBe('#/overview');
    await page.getByTestId('chart-recon').and(page.locator('[data-points]')).waitFor();
    expect(echartsRequests.length).toBeGreaterThan(0);
    // A canvas says nothing to a screen reader: ECharts' aria description names the bars.
    expect(await page.getByTestId('chart-recon').locator('[aria-label]').first().getAttribute('aria-label')).toContain('可填入');
    // The reconcile page opened directly does not fetch ECharts.
    const before = echartsRequests.length;
    const fresh = await page.context().newPage();
    const seen: string[] = [];
    fresh.on('request', (r) => { if (/\/assets\/echarts-/.test(r.url())) seen.push(r.url()); });
    await fresh.goto(`${app.host.url}#/reconcile`);
    await fresh.locator(INVOICE_ROWS).first().waitFor();
    await fresh.close();
    expect(seen).toEqual([]);
    expect(echartsRequests.length).toBe(before);
    await app.shot('overview-zh-CN');
  });

  it('opens the table filtered to a status bar, a submission slice, a shop and a day (zh-CN)', async () => {
    const { page } = app;
    await openOverview(page);
    const status = overview.byRecon.filter((g) => g.count > 0).sort((a, b) => b.count - a.count)[1];
    if (!status) throw new Error('the practice data has fewer than two statuses');
    await clickSegment(page, 'chart-recon', status.reconStatus);
    const byStatus = await tableShows(page, status.count);
    expect(new Set(byStatus.statuses)).toEqual(new Set([status.reconStatus]));
    expect(await page.getByTestId(`chip-${status.reconStatus}`).getAttribute('aria-pressed')).toBe('true');

    await openOverview(page);
    const accepted = overview.bySubmit.find((g) => g.submitState === 'accepted');
    expect(accepted?.count).toBeGreaterThan(0);
    await clickSegment(page, 'chart-submit', 'accepted');
    const bySubmit = await tableShows(page, accepted?.count ?? -1);
    expect(new Set(bySubmit.submits)).toEqual(new Set(['accepted']));

    await openOverview(page);
    const shop = overview.byShop[0];
    if (!shop) throw new Error('no shop');
    await clickSegment(page, 'chart-shop', shop.shop);
    const byShop = await tableShows(page, shop.count);
    for (const id of byShop.ids.slice(0, 5)) expect((await app.core.handlers['invoices:get']({ id }, app.ctx)).invoice.shop).toBe(shop.shop);

    await openOverview(page);
    // The busiest day of those in view (the chart opens on its newest DAYS_IN_VIEW days).
    const day = [...overview.byDay.slice(-DAYS_IN_VIEW)].sort((a, b) => b.count - a.count)[0];
    if (!day) throw new Error('no invoice dates');
    await clickSegment(page, 'chart-day', day.date);
    const byDay = await tableShows(page, day.count);
    await app.shot('overview-click-day-zh-CN');
    for (const id of byDay.ids) expect((await app.core.handlers['invoices:get']({ id }, app.ctx)).invoice.invoiceDate).toBe(day.date);
    expect(app.pageErrors).toEqual([]);
  });

  it('lands each to-do button on its filter, on the table rather than a detail panel left open', async () => {
    const { page } = app;
    await page.getByTestId('nav-reconcile').click();
    await page.locator(INVOICE_ROWS).first().locator('[role=cell]').nth(4).click();
    await page.getByTestId('detail-drawer').getByTestId('detail-explanation').waitFor();
    // Alt+1 leaves for the overview with the panel still open (the sidebar is under the drawer's mask).
    await page.keyboard.press('Alt+1');
    await page.getByTestId('todo-needs_clerk').click();
    await tableShows(page, overview.todo.find((x) => x.key === 'needs_clerk')?.count ?? -1);
    await page.waitForTimeout(500); // a drawer would be opening by now
    expect(await page.getByTestId('detail-drawer').isVisible()).toBe(false);

    const open = overview.todo.filter((x) => x.count > 0);
    expect(open.map((x) => x.key)).toEqual(expect.arrayContaining(['to_submit', 'needs_clerk', 'never_80']));
    for (const item of open) {
      await openOverview(page);
      expect(await page.getByTestId(`todo-count-${item.key}`).getAttribute('data-count')).toBe(String(item.count));
      await page.getByTestId(`todo-${item.key}`).click();
      const shown = await tableShows(page, item.count);
      if (item.filter.reconStatus) for (const s of shown.statuses) expect(item.filter.reconStatus).toContain(s);
      if (item.filter.submitState) for (const s of shown.submits) expect(item.filter.submitState).toContain(s);
    }
    const toSubmit = overview.todo.find((x) => x.key === 'to_submit');
    expect(toSubmit?.filter).toEqual({ reconStatus: ['matched', 'fillable'], submitState: ['not_submitted', 'rejected', 'unknown', 'outdated'] });
    // A to-do with nothing left cannot be clicked.
    for (const item of overview.todo.filter((x) => x.count === 0)) {
      await openOverview(page);
      expect(await page.getByTestId(`todo-${item.key}`).isDisabled()).toBe(true);
    }
  });

  it('reads in English and clicks through the same way (en-US)', async () => {
    const { page } = app;
    await useLanguage('en-US');
    await openOverview(page);
    expect(await page.getByTestId('overview-page').locator('h4').textContent()).toBe('Overview');
    expect(await page.getByTestId('overview-total').textContent()).toContain(`${overview.total.count} invoices`);
    expect(await page.getByTestId('todo-needs_clerk').textContent()).toMatch(/^Show \d+$/);
    await page.getByTestId('chart-submit').and(page.locator('[data-points]')).waitFor();
    await page.waitForTimeout(400); // the charts' enter animation, for the screenshot
    await app.shot('overview-en-US');

    const status = overview.byRecon.filter((g) => g.count > 0).sort((a, b) => b.count - a.count)[0];
    if (!status) throw new Error('no statuses');
    await clickSegment(page, 'chart-recon', status.reconStatus);
    const shown = await tableShows(page, status.count);
    expect(new Set(shown.statuses)).toEqual(new Set([status.reconStatus]));

    // The amount view draws the same segments by amount; a click still opens the same invoices.
    await openOverview(page);
    await page.getByTestId('overview-measure').getByText('Amount').click();
    const day = overview.byDay[overview.byDay.length - 1];
    if (!day) throw new Error('no days');
    await clickSegment(page, 'chart-day', day.date);
    await tableShows(page, day.count);

    await openOverview(page);
    await page.getByTestId('todo-never_80').click();
    await tableShows(page, overview.todo.find((x) => x.key === 'never_80')?.count ?? -1);
    expect(app.pageErrors).toEqual([]);
  });
});
