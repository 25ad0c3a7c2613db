// E2E (browser host, Chromium at 1366×768, real core and emulators): the clerk archives the e-invoice files of a
// filter from the action bar, reads the 原件 column, opens an invoice whose file differs and sees both values,
// downloads the archived copy with 打开原件 (a real PDF whose SHA-256 is the one shown), sees 链接已失效 for an
// expired link, and saves the 原件存档 settings card (the template checked as the core checks it).
// Screenshots of the detail section and the settings card in both languages go to test-results/screenshots.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileCase } from '../../electron/sandbox/seed';
import { FIRST_INVOICE_ROW, INVOICE_ROWS, launchApp, runJob, SCREENSHOT_DIR, waitForJobEnd, type AppUnderTest } from './support/harness';

let app: AppUnderTest;

beforeAll(async () => {
  app = await launchApp({ sandbox: { orders: 24, seed: 7, slowFileMs: 300 } });
  await app.core.handlers['settings:update']({ archive: { rps: 100, concurrency: 4 } }, app.ctx);
  await runJob(app, 'query', { kind: 'filter', filter: {} });
  await app.page.reload();
});
afterAll(async () => { await app?.close(); });

/**
 * The local invoice of the first order whose file the emulator serves as `fileCase`; with `inQuestion`, only
 * one whose verdict is about that file (not another invoice of the order).
 */
async function invoiceWithFile(fileCase: FileCase, inQuestion = true): Promise<{ invoiceNo: string; id: number; fileId: number }> {
  const files = [...(app.sandbox?.data.files.values() ?? [])].filter((f) => f.fileCase === fileCase);
  for (const f of files) {
    const page = await app.core.handlers['invoices:list']({ filter: { search: f.orderNo }, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 5 }, app.ctx);
    const row = page.rows.find((r) => r.orderNo === f.orderNo);
    if (!row) continue;
    const detail = await app.core.handlers['invoices:get']({ id: row.id }, app.ctx);
    // The file the verdict is about must be this case's (not another invoice of a split order).
    const file = detail.files.find((x) => x.suningInvoiceNum === f.invoice.invoiceNum && x.suningInvoiceCode === f.invoice.invoiceCode);
    if (file && (!inQuestion || file.id === detail.fileCheck.fileId)) return { invoiceNo: row.invoiceNo, id: row.id, fileId: file.id };
  }
  throw new Error(`the seed has no invoice whose file case is ${fileCase}`);
}

async function useLanguage(lang: 'zh-CN' | 'en-US'): Promise<void> {
  await app.core.handlers['settings:update']({ language: lang }, app.ctx);
  await app.page.evaluate((l) => window.localStorage.setItem('invoice-recon.language', l), lang);
  await app.page.reload();
}

async function openDetail(invoiceNo: string): Promise<void> {
  const { page } = app;
  await page.getByTestId('search').fill(invoiceNo);
  await page.getByTestId('search').press('Enter');
  await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('1');
  await page.locator(FIRST_INVOICE_ROW).click();
  await page.keyboard.press('Enter');
  await page.getByTestId('detail-drawer').getByTestId('detail-file').waitFor();
}

async function closeDetail(): Promise<void> {
  await app.page.locator('.ant-drawer-close').click();
  await app.page.getByTestId('detail-drawer').waitFor({ state: 'hidden' });
}

describe('archive of the invoice files', () => {
  it('archives a filter, shows verdicts, both values of a differing file, the archived PDF and an expired link', async () => {
    const { page } = app;
    await page.locator(FIRST_INVOICE_ROW).waitFor();

    // The filter: every invoice whose file is not downloaded yet (all of them, so far).
    await page.getByTestId('file-verdict-filter').click();
    await page.locator('.ant-select-item-option[title="未下载"]').click();
    await page.keyboard.press('Escape');
    const total = Number(await page.getByTestId('recon-total').getAttribute('data-total'));
    expect(total).toBe(24);

    await page.getByTestId('archive-run').click();
    expect(await page.getByTestId('archive-confirm-count').getAttribute('data-count')).toBe('24');
    await page.getByTestId('archive-confirm-ok').click();
    const job = await waitForJobEnd(page, undefined, 120_000);
    expect(job.state).toBe('done');
    expect(job.total).toBe(24);
    expect(await page.locator(`[data-testid=job-panel][data-job-id="${job.jobId}"]`).getAttribute('data-job-kind')).toBe('archive');
    expect(await page.locator(`[data-testid=job-panel][data-job-id="${job.jobId}"]`).textContent()).toContain('下载存档原件');

    // 导出原件 ZIP beside the exports: the browser host hands over one ZIP of the filter's files.
    await page.getByTestId('clear-filters').click();
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-archive').click()]);
    const zipPath = path.join(app.dataDir, 'archive.zip');
    await zip.saveAs(zipPath);
    expect(zip.suggestedFilename()).toMatch(/^发票原件-.*\.zip$/);
    expect(readFileSync(zipPath).subarray(0, 2).toString('latin1')).toBe('PK');

    // The 原件 column shows the verdicts once the filter is cleared.
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('24');
    const shown = async () => new Set(await page.locator(`${INVOICE_ROWS} [data-file-verdict]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-file-verdict'))));
    await expect.poll(async () => [...await shown()].sort()).toEqual(expect.arrayContaining(['match', 'mismatch', 'unavailable']));
    expect(await page.locator(`${INVOICE_ROWS} [data-file-verdict=mismatch]`).first().textContent()).toBe('原件不符');

    // The verdict filter narrows the table to what the core says differs.
    await page.getByTestId('file-verdict-filter').click();
    await page.locator('.ant-select-item-option[title="原件不符"]').click();
    await page.keyboard.press('Escape');
    const mismatching = await app.core.handlers['invoices:list']({ filter: { fileVerdict: ['mismatch'] }, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 100 }, app.ctx);
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe(String(mismatching.total));
    expect(mismatching.total).toBeGreaterThan(0);
    await page.getByTestId('clear-filters').click();

    // An invoice whose file states another amount: the file's and Suning's values side by side, the sentence below.
    const differs = await invoiceWithFile('amount_differs');
    const detail = await app.core.handlers['invoices:get']({ id: differs.id }, app.ctx);
    await openDetail(differs.invoiceNo);
    // The column's hint names what differs, without opening anything.
    expect(await page.locator(`${INVOICE_ROWS} [data-file-verdict=mismatch]`).first().getAttribute('title')).toMatch(/^原件与记录不符：.*金额（与苏宁/);
    const card = page.getByTestId('detail-file');
    expect(await card.getByTestId('file-verdict').getAttribute('data-file-verdict')).toBe('mismatch');
    const totalRow = card.locator('[data-fact=total]');
    expect(await totalRow.getAttribute('data-diff')).toBe('true');
    const fileTotal = (await totalRow.getByTestId('fact-file-total').textContent()) ?? '';
    const suningTotal = (await totalRow.getByTestId('fact-suning-total').textContent()) ?? '';
    expect(fileTotal).toMatch(/^¥[\d,]+\.\d\d$/);
    expect(suningTotal).toMatch(/^¥[\d,]+\.\d\d$/);
    expect(fileTotal).not.toBe(suningTotal);
    const sentence = detail.fileCheck.mismatches.find((m) => m.field === 'amount' && m.against === 'suning');
    expect(sentence).toBeDefined();
    expect(await card.getByTestId('file-mismatches').textContent()).toContain(sentence?.message.zh);
    expect(await card.getByTestId('file-amount-meaning').textContent()).toMatch(/价税合计|不含税/);
    expect(await card.getByTestId('file-outcome').first().textContent()).toBe('已存档');
    expect(await card.getByTestId('file-fetched-at').first().textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d/);

    // 打开原件: the browser host hands the archived bytes over once, and they are the PDF whose SHA-256 is shown.
    await card.scrollIntoViewIfNeeded();
    await app.shot('archive-detail-zh-CN');
    await card.screenshot({ path: path.join(SCREENSHOT_DIR, 'archive-detail-card-zh-CN.png') });
    const shownSha = (await card.getByTestId('file-sha256').first().textContent())?.trim() ?? '';
    expect(shownSha).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('open-file').first().click()]);
    const saved = path.join(app.dataDir, 'opened.pdf');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shownSha);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await closeDetail();

    // An expired link: 链接已失效, no 打开原件.
    const expired = await invoiceWithFile('expired_404', false);
    await openDetail(expired.invoiceNo);
    const block = card.locator(`[data-testid=archived-file][data-file-id="${expired.fileId}"]`);
    expect(await block.getByTestId('file-outcome').textContent()).toBe('链接已失效');
    expect(await block.getByTestId('file-outcome-detail').textContent()).toContain('404');
    expect(await block.getByTestId('open-file').count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await app.shot('archive-detail-expired-zh-CN');
    await closeDetail();

    // English: the same section in one language.
    await useLanguage('en-US');
    await openDetail(differs.invoiceNo);
    expect(await card.getByTestId('file-verdict').textContent()).toBe('File differs');
    expect(await card.getByTestId('file-mismatches').textContent()).toContain(sentence?.message.en);
    await card.scrollIntoViewIfNeeded();
    await app.shot('archive-detail-en-US');
    await card.screenshot({ path: path.join(SCREENSHOT_DIR, 'archive-detail-card-en-US.png') });
    await closeDetail();
    await useLanguage('zh-CN');
    expect(app.pageErrors).toEqual([]);
  });

  it('saves the 原件存档 card and refuses an unknown placeholder as the core does', async () => {
    const { page } = app;
    for (const lang of ['zh-CN', 'en-US'] as const) {
      await useLanguage(lang);
      await page.getByTestId('nav-settings').click();
      const card = page.getByTestId('settings-archive');
      await card.waitFor();
      const input = card.getByTestId('archive-template');
      await input.fill('{开票日期}_{金额}.pdf');
      await card.getByTestId('save-archive').click();
      const error = card.locator('.ant-form-item-explain-error');
      await error.waitFor();
      expect(await error.textContent()).toContain(lang === 'zh-CN' ? '占位符 {金额} 不存在' : 'unknown placeholder {金额}');
      expect((await app.core.handlers['settings:get']({}, app.ctx)).settings.archive.zipNameTemplate).toBe('{开票日期}_{发票号码}_{价税合计}.pdf');
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: path.join(SCREENSHOT_DIR, `archive-settings-error-${lang}.png`) });

      await input.fill('');
      await card.getByTestId('zip-placeholder-订单号').click();
      await input.press('End');
      await input.pressSequentially('_');
      await card.getByTestId('zip-placeholder-发票号码').click();
      await input.press('End');
      await input.pressSequentially('.pdf');
      expect(await input.inputValue()).toBe('{订单号}_{发票号码}.pdf');
      expect(await card.getByTestId('archive-template-example').textContent()).toBe('30012345678_26322000000123456789.pdf');
      await card.getByTestId('archive-max-mb').fill('30');
      await card.getByTestId('save-archive').click();
      await expect.poll(async () => (await app.core.handlers['settings:get']({}, app.ctx)).settings.archive).toMatchObject({ zipNameTemplate: '{订单号}_{发票号码}.pdf', maxFileMb: 30 });
      await card.scrollIntoViewIfNeeded();
      await app.shot(`archive-settings-${lang}`);
      await card.screenshot({ path: path.join(SCREENSHOT_DIR, `archive-settings-card-${lang}.png`) });
      await app.core.handlers['settings:update']({ archive: { zipNameTemplate: '{开票日期}_{发票号码}_{价税合计}.pdf', maxFileMb: 20 } }, app.ctx);
    }
    await useLanguage('zh-CN');
    expect(app.pageErrors).toEqual([]);
  });
});
