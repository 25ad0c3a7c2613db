// E2E: the reconcile table as a clerk handles it — chips show one status per click (Ctrl adds), a single click
// opens the detail, pinned columns stay while scrolling sideways, tags are never cut off, split/reversed orders
// show a Suning amount, and the chosen columns and widths survive a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, runJob, chipCount, type AppUnderTest, INVOICE_ROWS, FIRST_INVOICE_ROW } from './support/harness';

let app: AppUnderTest;
beforeAll(async () => {
  app = await launchApp({ sandbox: { orders: 120, seed: 1 }, showScrollbars: true });
  await runJob(app, 'query', { kind: 'filter', filter: {} });
  await app.page.reload();
  await app.page.getByTestId('invoice-table').waitFor();
});
afterAll(async () => { await app?.close(); });

const statusesShown = () => app.page.locator(INVOICE_ROWS).evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-status')))].sort());

describe('reconcile table', () => {
  it('a chip click shows that status alone; Ctrl+click adds another', async () => {
    const { page } = app;
    expect(await chipCount(page, 'matched')).toBeGreaterThan(0);
    expect(await chipCount(page, 'split')).toBeGreaterThan(0);
    await page.getByTestId('chip-matched').click();
    await expect.poll(statusesShown).toEqual(['matched']);
    await page.getByTestId('chip-split').click();
    await expect.poll(statusesShown).toEqual(['split']);
    expect(await page.getByTestId('chip-matched').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('chip-matched').click({ modifiers: ['Control'] });
    await expect.poll(statusesShown).toEqual(['matched', 'split']);
    expect(await page.getByTestId('chip-split').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('chip-all').click();
  });

  it('split and reversed orders show what is still valid at Suning, tagged, instead of "—"', async () => {
    const { page } = app;
    for (const [status, note] of [['split', '合计'], ['reversed', '已冲红']] as const) {
      await page.getByTestId(`chip-${status}`).click();
      await expect.poll(statusesShown).toEqual([status]);
      const text = await page.locator(`${FIRST_INVOICE_ROW} [role=cell]`).nth(7).textContent();
      expect(text, status).toContain(note);
      expect(text, status).toMatch(/\d+\.\d\d$/);
      if (status === 'reversed') expect(text).toMatch(/0\.00$/);
    }
    await app.shot('20-table-split-amount');
    await page.getByTestId('chip-all').click();
  });

  it('a single click opens the detail; a double click selects no text', async () => {
    const { page } = app;
    const row = page.locator(FIRST_INVOICE_ROW);
    const invoiceNo = await row.locator('[role=cell]').nth(2).textContent();
    await row.locator('[role=cell]').nth(4).click();
    const drawer = page.getByTestId('detail-drawer');
    await drawer.getByTestId('detail-explanation').waitFor();
    expect(await drawer.textContent()).toContain(invoiceNo);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await row.locator('[role=cell]').nth(4).dblclick();
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    // The checkbox still only selects.
    await row.locator('input[type=checkbox]').click();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    expect(await drawer.isVisible()).toBe(false);
    await row.locator('input[type=checkbox]').click();
  });

  it('selection, status and invoice no. stay pinned while scrolling sideways, with a visible scrollbar', async () => {
    const { page } = app;
    const scroller = page.locator('[data-testid=invoice-table] .vt-scroll');
    const bar = await scroller.evaluate((el: HTMLElement) => ({ extra: el.scrollWidth - el.clientWidth, barHeight: el.offsetHeight - el.clientHeight }));
    expect(bar.extra).toBeGreaterThan(0);
    expect(bar.barHeight).toBeGreaterThan(0);
    const cells = page.locator(`${FIRST_INVOICE_ROW} [role=cell]`);
    const xs = async () => Promise.all([0, 1, 2, 4].map(async (i) => (await cells.nth(i).boundingBox())?.x ?? NaN));
    const before = await xs();
    await scroller.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    await expect.poll(async () => (await xs())[3]).toBeLessThan((before[3] ?? 0) - 100);
    const after = await xs();
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    await app.shot('21-table-scrolled-right');
    await scroller.evaluate((el) => { el.scrollLeft = 0; });
  });

  it('never cuts a tag off', async () => {
    const { page } = app;
    for (const lang of ['zh-CN', 'en-US']) {
      await page.evaluate((l) => window.localStorage.setItem('invoice-recon.language', l), lang);
      await app.core.handlers['settings:update']({ language: lang as 'zh-CN' | 'en-US' }, app.ctx);
      await page.reload();
      await page.locator(FIRST_INVOICE_ROW).waitFor();
      const cut = await page.locator(`${INVOICE_ROWS} .vt-tag`).evaluateAll((tags) => tags
        .filter((t) => { const c = t.closest('[role=cell]'); return c !== null && t.getBoundingClientRect().right > c.getBoundingClientRect().right - 4; })
        .map((t) => t.textContent));
      expect(cut, lang).toEqual([]);
      // The longest submit-state label (rarely in the data) fits its column, icon and padding included.
      const longest = lang === 'zh-CN' ? '已回传但本地已修改' : 'Outdated (changed after acceptance)';
      const fit = await page.evaluate((text) => {
        const probe = document.createElement('span');
        probe.className = 'vt-tag';
        probe.innerHTML = '<span style="display:inline-block;width:14px"></span><span></span>';
        (probe.lastChild as HTMLElement).textContent = text;
        document.querySelector('[data-testid=invoice-table] .vt-row')?.append(probe);
        const w = probe.getBoundingClientRect().width;
        probe.remove();
        const col = document.querySelector('[data-testid=invoice-table] [role=columnheader][data-col=submitState]');
        return { tag: w, column: col?.getBoundingClientRect().width ?? 0 };
      }, longest);
      expect(fit.tag + 16, lang).toBeLessThanOrEqual(fit.column);
    }
    await app.core.handlers['settings:update']({ language: 'zh-CN' }, app.ctx);
    await page.evaluate(() => window.localStorage.setItem('invoice-recon.language', 'zh-CN'));
    await page.reload();
  });

  it('columns can be hidden and resized, and the choice survives a reload', async () => {
    const { page } = app;
    const header = (key: string) => page.locator(`[data-testid=invoice-table] [role=columnheader][data-col=${key}]`);
    await header('buyerTitle').waitFor();
    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-toggle-buyerTitle').click();
    await expect.poll(() => header('buyerTitle').count()).toBe(0);
    await app.shot('22-table-columns');
    await page.keyboard.press('Escape');

    const box = await header('orderNo').boundingBox();
    const handle = await page.getByTestId('resize-orderNo').boundingBox();
    if (!box || !handle) throw new Error('no header box');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await header('orderNo').boundingBox())?.width ?? 0)).toBe(Math.round(box.width + 80));

    await page.reload();
    await header('orderNo').waitFor();
    expect(await header('buyerTitle').count()).toBe(0);
    expect(Math.round((await header('orderNo').boundingBox())?.width ?? 0)).toBe(Math.round(box.width + 80));

    await page.getByTestId('columns-button').click();
    await page.getByTestId('columns-reset').click();
    await header('buyerTitle').waitFor();
    expect(Math.round((await header('orderNo').boundingBox())?.width ?? 0)).toBe(Math.round(box.width));
  });
});
