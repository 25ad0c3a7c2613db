// E2E: re-importing the original ERP export after invoices were filled from Suning and accepted by Wangdiantong.
// The preview lists each conflict (field label, app value → file value) before anything changes; keep is the
// default, take replaces the values and the invoices show as outdated. Also: a failed re-query's flag.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { erpRecordsToCsv } from '../../electron/sandbox/erp-csv';
import { FIRST_INVOICE_ROW, launchApp, runJob, type AppUnderTest } from './support/harness';

let app: AppUnderTest | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** Queries everything, fills up to three fillable invoices from Suning and gets them accepted by Wangdiantong. */
async function fillAndSubmit(a: AppUnderTest) {
  await runJob(a, 'query', { kind: 'filter', filter: {} });
  const page = await a.core.handlers['invoices:list']({ filter: { reconStatus: ['fillable'] }, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 3 }, a.ctx);
  const filled = [];
  for (const r of page.rows) filled.push(await a.core.handlers['invoices:applySuning']({ id: r.id }, a.ctx));
  expect(filled.length).toBeGreaterThan(0);
  const job = await runJob(a, 'submit', { kind: 'ids', ids: filled.map((r) => r.id) });
  expect(job).toMatchObject({ state: 'done', failed: 0 });
  return filled;
}

async function chooseOriginalExport(a: AppUnderTest) {
  const file = path.join(a.dataDir, 'erp-original.csv');
  writeFileSync(file, erpRecordsToCsv(a.sandbox?.erpRecords ?? []));
  await a.page.getByTestId('nav-import').click();
  await a.page.locator('input[type=file]').setInputFiles(file);
  const card = a.page.getByTestId('import-conflicts');
  await card.waitFor();
  return card;
}

describe('re-import conflict preview', () => {
  it('lists every conflict with Chinese labels before commit and keeps the app\'s values by default', async () => {
    app = await launchApp({ sandbox: { orders: 30, seed: 6 } });
    const filled = await fillAndSubmit(app);
    const card = await chooseOriginalExport(app);
    const text = (await card.textContent()) ?? '';
    for (const r of filled) {
      expect(text).toContain(r.invoiceNo);
      expect(text).toContain(`${r.invoiceNum} → —`);
    }
    expect(text).toContain('发票号码');
    expect(text).toContain('已被旺店通接受');
    expect(text).not.toMatch(/invoiceNum|invoiceCode|pdfUrl/);
    expect(await card.getByRole('radio', { name: '保留本应用的值（推荐）' }).isChecked()).toBe(true);
    // Nothing has changed while the preview is open.
    for (const r of filled) expect((await app.core.handlers['invoices:get']({ id: r.id }, app.ctx)).invoice.invoiceNum).toBe(r.invoiceNum);
    await app.shot('30-import-conflicts');
    await app.page.getByTestId('import-commit').click();
    await app.page.getByTestId('import-conflicts-result').waitFor();
    expect(await app.page.getByTestId('import-conflicts-result').textContent()).toContain('保留了');
    for (const r of filled) {
      const d = await app.core.handlers['invoices:get']({ id: r.id }, app.ctx);
      expect(d.invoice).toMatchObject({ invoiceNum: r.invoiceNum, invoiceCode: r.invoiceCode, pdfUrl: r.pdfUrl, submitState: 'accepted' });
    }
  });

  it('in English, "take the file\'s" warns first, then replaces the values and the invoices become outdated', async () => {
    app = await launchApp({ sandbox: { orders: 30, seed: 6 }, language: 'en-US' });
    await app.page.getByText('English', { exact: true }).first().click();
    const filled = await fillAndSubmit(app);
    const card = await chooseOriginalExport(app);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Invoice number');
    expect(text).toContain('Filled from Suning, accepted by Wangdiantong');
    expect(text).not.toMatch(/invoiceNum|invoiceCode|pdfUrl/);
    await card.getByRole('radio', { name: "Take the file's values" }).check();
    await app.page.getByTestId('conflict-take-warning').waitFor();
    await app.page.getByTestId('import-commit').click();
    await app.page.getByTestId('import-conflicts-result').waitFor();
    const erp = new Map((app.sandbox?.erpRecords ?? []).map((e) => [e.invoiceNo, e]));
    for (const r of filled) {
      const d = await app.core.handlers['invoices:get']({ id: r.id }, app.ctx);
      expect(d.invoice).toMatchObject({ invoiceNum: erp.get(r.invoiceNo)?.invoiceNum, submitState: 'outdated' });
    }
  });
});

describe('failed re-query flag', () => {
  it('keeps the verdict and shows "最近一次查询失败" in the table and the detail panel', async () => {
    app = await launchApp({ sandbox: { orders: 30, seed: 6 } });
    await runJob(app, 'query', { kind: 'filter', filter: {} });
    const matched = await app.core.handlers['invoices:list']({ filter: { reconStatus: ['matched'] }, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 1 }, app.ctx);
    const target = matched.rows[0];
    if (!target) throw new Error('the seed has no matched invoice');
    app.sandbox?.suningEmulator.setFaults({ http5xx: 503 });
    await runJob(app, 'query', { kind: 'ids', ids: [target.id] });
    app.sandbox?.suningEmulator.setFaults({});
    const { page } = app;
    await page.reload();
    // The flag has its own chip: the invoice is found there although its status is still 一致.
    const flagChip = page.getByTestId('chip-query-failed-flag');
    await expect.poll(() => flagChip.getAttribute('data-count')).toBe(String((await app.core.handlers['invoices:counts']({}, app.ctx)).queryFailed));
    await flagChip.click();
    await page.getByTestId('chip-matched').click();
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('1');
    await page.getByTestId('chip-all').click();
    await flagChip.click();
    await page.getByTestId('search').fill(target.invoiceNo);
    await page.getByTestId('search').press('Enter');
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('1');
    const row = page.locator(FIRST_INVOICE_ROW);
    expect(await row.locator('[data-status=matched]').count()).toBe(1);
    expect(await row.getByTestId('query-failed-flag').getAttribute('title')).toMatch(/^最近一次查询失败（.+，.*503.*）$/);
    await row.dblclick();
    const note = page.getByTestId('detail-drawer').getByTestId('detail-query-failed');
    await note.waitFor();
    expect(await note.textContent()).toContain('最近一次查询失败');
    await app.shot('31-query-failed-flag');
  });
});
