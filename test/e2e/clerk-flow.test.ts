// E2E: the whole clerk flow in Chromium — practice mode → import → bulk query → every status → compare a
// mismatch → fill from Suning → submit one → bulk-submit → accepted/rejected in History → export CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSeed } from '../../electron/sandbox/seed';
import { erpRecordsToCsv } from '../../electron/sandbox/erp-csv';
import { confirmBulk, launchApp, waitForJobEnd, chipCount, type AppUnderTest, FIRST_INVOICE_ROW } from './support/harness';

const ORDERS = 200;
const EXTRA_INVOICE_NO = 'DZE2E00000000001';
let app: AppUnderTest;

beforeAll(async () => { app = await launchApp(); });
afterAll(async () => { await app?.close(); });

describe('clerk flow', () => {
  it('runs from first start to exported CSV', async () => {
    const { page } = app;

    // 1. First run: no credentials → the practice-mode choice; starting it shows the banner on every page.
    await page.getByTestId('start-practice').waitFor();
    await app.shot('01-first-run');
    await page.getByTestId('start-practice').click();
    await page.getByTestId('practice-banner').waitFor();
    expect(await chipCount(page, 'not_queried')).toBe(ORDERS);

    // 2. Import a CSV (the ERP list again: one record edited, one unknown to the ERP added).
    // The practice store's links point at its Suning emulator (which serves the files); the ERP list carries them.
    const sampleLink = app.core.services.db.prepare("SELECT pdf_url FROM invoices WHERE pdf_url <> '' LIMIT 1").pluck().get() as string;
    const seed = generateSeed({ orders: ORDERS, seed: 1, fileOrigin: new URL(sampleLink).origin });
    const records = seed.erpRecords.map((r) => ({ ...r }));
    const edited = records[0]!;
    records[0] = { ...edited, buyerTitle: `${edited.buyerTitle}（已更正）` };
    const matchedOrder = [...seed.caseByOrder].find(([, c]) => c === 'matched')![0];
    const matchedRecord = records.find((r) => r.orderNo === matchedOrder)!;
    records.push({ ...matchedRecord, invoiceNo: EXTRA_INVOICE_NO });
    const file = path.join(app.dataDir, 'erp-export.csv');
    writeFileSync(file, erpRecordsToCsv(records));
    await page.getByTestId('nav-import').click();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('row-count').waitFor();
    expect(await page.getByTestId('row-count').textContent()).toBe(String(ORDERS + 1));
    await expect.poll(() => page.getByTestId('encoding-source').textContent()).toContain('BOM');
    await app.shot('02-import-preview');
    await page.getByTestId('import-commit').click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain(edited.invoiceNo);
    const stats = await report.locator('.ant-statistic-content-value').allTextContents();
    expect(stats.map((s) => s.replace(/,/g, ''))).toEqual(['1', '1', String(ORDERS - 1), '0']);
    await app.shot('03-import-report');

    // 3. Query Suning for everything, in bulk, with the count confirmed first.
    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-query').click();
    await expect.poll(() => page.getByTestId('bulk-confirm-count').getAttribute('data-count')).toBe(String(ORDERS + 1));
    await confirmBulk(page);
    const query = await waitForJobEnd(page);
    expect(query.total).toBe(ORDERS + 1);
    expect(query.done + query.failed).toBe(ORDERS + 1);

    // 4. Every status the data holds is counted on its chip and shown in the table when chosen.
    const expected = ['matched', 'fillable', 'amount_mismatch', 'number_mismatch', 'reversed', 'split', 'not_issued', 'red_without_blue', 'query_failed'];
    await expect.poll(() => chipCount(page, 'not_queried')).toBe(0);
    for (const status of expected) {
      expect(await chipCount(page, status), status).toBeGreaterThan(0);
      await page.getByTestId(`chip-${status}`).click();
      await expect.poll(() => page.locator(FIRST_INVOICE_ROW).getAttribute('data-status')).toBe(status);
      await page.getByTestId('chip-all').click();
    }
    await app.shot('04-reconcile-queried');

    // 5. Open a mismatch and compare side by side.
    await page.getByTestId('chip-amount_mismatch').click();
    await expect.poll(() => page.locator(FIRST_INVOICE_ROW).getAttribute('data-status')).toBe('amount_mismatch');
    await page.locator(FIRST_INVOICE_ROW).dblclick();
    const drawer = page.getByTestId('detail-drawer');
    await drawer.getByTestId('detail-explanation').waitFor();
    await expect.poll(() => drawer.locator('[data-field=amountFen]').getAttribute('data-diff')).toBe('true');
    expect(await drawer.getByTestId('suning-invoice').count()).toBeGreaterThan(0);
    await app.shot('05-detail-mismatch');

    // 6. Fill from Suning, then submit this one. The amount still differs, so the write-back plan refuses 80
    // until the clerk overrides it with a written reason (audited, shown with the submission).
    const validBlue = drawer.locator('.suning-inv.valid');
    await validBlue.waitFor();
    const suningNum = (await validBlue.locator('dd.mono').nth(1).textContent())?.trim() ?? '';
    expect(suningNum).toMatch(/^\d{8}$|^\d{20}$/);
    await drawer.getByTestId('apply-suning').click();
    await expect.poll(() => drawer.getByTestId('f-invoiceNum').inputValue()).toBe(suningNum);
    expect(await drawer.getByTestId('detail-plan').getAttribute('data-plan')).toBe('needs_clerk');
    await drawer.getByTestId('submit-one').click();
    await expect.poll(() => drawer.textContent()).toContain('拒绝回传 80');
    await drawer.getByTestId('override-open').click();
    await page.getByTestId('override-reason').fill('买家确认按苏宁发票金额结算');
    await page.getByTestId('override-ok').click();
    const one = await waitForJobEnd(page, query.jobId);
    expect(one).toMatchObject({ total: 1, done: 1, failed: 0 });
    await drawer.locator('[data-testid=submission][data-state=accepted]').waitFor();
    expect(await drawer.getByTestId('submission-override').textContent()).toContain('买家确认按苏宁发票金额结算');
    // The refusal shown before the override is gone once it went through.
    expect(await drawer.textContent()).not.toContain('拒绝回传 80');
    await app.shot('06-detail-submitted');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // 7. Bulk-submit the matched rest; the record the ERP does not know comes back 30000.
    await page.getByTestId('chip-amount_mismatch').click();
    await page.getByTestId('chip-matched').click();
    const matched = await chipCount(page, 'matched');
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-submit').click();
    await expect.poll(() => page.getByTestId('bulk-confirm-count').getAttribute('data-count')).toBe(String(matched));
    // The breakdown before sending: all of them as 80, none skipped.
    await expect.poll(() => page.getByTestId('bulk-preview').getAttribute('data-as80')).toBe(String(matched));
    expect(await page.getByTestId('bulk-preview').getAttribute('data-skipped')).toBe('0');
    await confirmBulk(page);
    const bulk = await waitForJobEnd(page, one.jobId);
    expect(bulk.total).toBe(matched);
    expect(bulk.failed).toBe(1);
    expect(bulk.done).toBe(matched - 1);
    await app.shot('07-reconcile-submitted');
    await page.getByTestId('job-show-failures').click();
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('1');
    expect(await page.locator(FIRST_INVOICE_ROW).textContent()).toContain(EXTRA_INVOICE_NO);

    // 8. History shows accepted and rejected submissions with the platform's code.
    await page.getByTestId('nav-history').click();
    const table = page.getByTestId('submissions-table');
    await table.locator('[data-state=rejected]').first().waitFor();
    const rejected = table.locator('[data-state=rejected]');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().textContent()).toContain('30000');
    expect(await table.locator('[data-state=accepted]').count()).toBe(matched);
    await app.shot('08-history');
    const [subsExport] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const subsFile = path.join(app.dataDir, 'submissions.csv');
    await subsExport.saveAs(subsFile);
    const subsText = readFileSync(subsFile, 'utf8');
    expect(subsText.charCodeAt(0)).toBe(0xfeff);
    expect(subsText).toContain(EXTRA_INVOICE_NO);
    expect(subsText).toContain('30000');
    // Suning queries and the audit log are one tab away.
    await page.getByRole('tab', { name: '苏宁查询' }).click();
    await page.getByTestId('queries-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('queries-table').textContent()).toContain('已找到');
    await page.getByRole('tab', { name: '审计日志' }).click();
    await page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('audit-table').textContent()).toContain('practice.start');
    await app.shot('08b-audit');

    // 9. Export the current filter as CSV and check what Excel would open.
    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('clear-filters').click();
    await page.getByTestId('chip-matched').click();
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe(String(matched));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const saved = path.join(app.dataDir, 'export.csv');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split(/\r?\n/).filter((l) => l.length > 0);
    expect(lines[0]).toContain('发票编号');
    expect(lines.length - 1).toBe(matched);
    expect(bytes.toString('utf8')).toContain(matchedRecord.invoiceNo);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-page').waitFor();
    await app.shot('09-settings');
    expect(app.pageErrors).toEqual([]);
  });
});
