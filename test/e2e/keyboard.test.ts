// E2E: a submission done with the keyboard alone — search, into the table, open, fill from Suning, submit, close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, runJob, firstInvoice, type AppUnderTest, INVOICE_ROWS } from './support/harness';

let app: AppUnderTest;
beforeAll(async () => {
  app = await launchApp({ sandbox: { orders: 20, seed: 3 } });
  await runJob(app, 'query', { kind: 'filter', filter: {} });
});
afterAll(async () => { await app?.close(); });

describe('keyboard only', () => {
  it('finds a fillable invoice, fills it from Suning and submits it without the mouse', async () => {
    const { page } = app;
    const target = await firstInvoice(app, { reconStatus: ['fillable'] });
    await page.reload();
    await page.getByTestId('invoice-table').waitFor();

    await page.keyboard.press('Control+k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    await page.keyboard.type(target.invoiceNo);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('1');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('invoice-table');

    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('detail-drawer');
    await drawer.getByTestId('detail-explanation').waitFor();
    expect(await drawer.textContent()).toContain(target.invoiceNo);

    await page.keyboard.press('Alt+f');
    await expect.poll(() => drawer.getByTestId('f-invoiceNum').inputValue()).not.toBe('');
    await app.shot('10-keyboard-filled');
    await page.keyboard.press('Control+Enter');
    await drawer.locator('[data-testid=submission][data-state=accepted]').waitFor({ timeout: 60_000 });

    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.locator(`${INVOICE_ROWS} [data-submit=accepted]`).first().waitFor();
    const erp = app.sandbox?.wangdianEmulator.store.get(target.invoiceNo);
    expect(erp?.invoiceNum).toMatch(/^\d{8}$|^\d{20}$/);
    expect(erp?.updateCount).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('switches pages with Alt+1..5 in menu order (概览 first) and shows the shortcut sheet with F1', async () => {
    const { page } = app;
    await page.keyboard.press('Alt+3');
    await page.getByTestId('import-page').waitFor();
    await page.keyboard.press('Alt+4');
    await page.getByTestId('history-page').waitFor();
    await page.keyboard.press('Alt+5');
    await page.getByTestId('settings-page').waitFor();
    await page.keyboard.press('F1');
    await page.getByRole('dialog').filter({ hasText: 'Alt+1' }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+1');
    await page.getByTestId('overview-page').waitFor();
    await page.keyboard.press('Alt+2');
    await page.getByTestId('invoice-table').waitFor();
  });
});

describe('language', () => {
  it('switches the whole workbench to English and keeps the choice', async () => {
    const { page } = app;
    await page.getByText('English', { exact: true }).first().click();
    await expect.poll(() => page.getByTestId('nav-reconcile').textContent()).toContain('Reconcile');
    expect(await page.getByTestId('chip-all').textContent()).toContain('All');
    await expect.poll(async () => (await app.core.handlers['settings:get']({}, app.ctx)).settings.language).toBe('en-US');
    await app.shot('17-reconcile-english');
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-reconcile').textContent()).toContain('Reconcile');
  });
});
