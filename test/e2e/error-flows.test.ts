// E2E: what the clerk sees when things go wrong — each test with its own data dir and its own emulators.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startWangdianEmulator } from '../../electron/sandbox/wangdian-emulator';
import { PRACTICE_CREDENTIALS } from '../../electron/sandbox/sandbox';
import { confirmBulk, launchApp, runJob, firstInvoice, waitForJobEnd, chipCount, type AppUnderTest, FIRST_INVOICE_ROW } from './support/harness';

let app: AppUnderTest | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function openInvoice(a: AppUnderTest, invoiceNo: string) {
  const { page } = a;
  await page.getByTestId('search').fill(invoiceNo);
  await page.getByTestId('search').press('Enter');
  await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('1');
  await page.locator(FIRST_INVOICE_ROW).dblclick();
  const drawer = page.getByTestId('detail-drawer');
  await drawer.getByTestId('detail-explanation').waitFor();
  return drawer;
}

describe('error flows', () => {
  it('a broken CSV shows the report of every bad row and imports nothing', async () => {
    app = await launchApp({ sandbox: { orders: 20, seed: 4 } });
    const { page } = app;
    const before = await app.core.handlers['invoices:counts']({}, app.ctx);
    const file = path.join(app.dataDir, 'broken.csv');
    writeFileSync(file, '\uFEFF发票编号,订单号,金额\r\n,30300000001,12.00\r\nBAD-2,,1.00\r\nBAD-3,30300000003,12.345\r\nBAD-4,30300000004,十二元\r\n');
    await page.getByTestId('nav-import').click();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-commit').click();
    await page.getByTestId('nothing-imported').waitFor();
    const bad = page.getByTestId('invalid-rows').locator('tbody tr');
    expect(await bad.count()).toBeGreaterThanOrEqual(4);
    const text = await page.getByTestId('invalid-rows').textContent();
    expect(text).toContain('12.345');
    expect(text).toContain('十二元');
    await page.getByTestId('download-report').waitFor();
    await app.shot('11-import-broken');
    const after = await app.core.handlers['invoices:counts']({}, app.ctx);
    expect(after.total).toBe(before.total);
  });

  it('Wangdiantong answering 30000 marks the submission rejected with the code, in the panel and in History', async () => {
    app = await launchApp({ sandbox: { orders: 20, seed: 5 } });
    const { page } = app;
    await runJob(app, 'query', { kind: 'filter', filter: {} });
    const target = await firstInvoice(app, { reconStatus: ['matched'] });
    // The ERP no longer knows this invoice record: its update answers 30000.
    app.sandbox?.wangdianEmulator.store.delete(target.invoiceNo);
    await page.reload();
    const drawer = await openInvoice(app, target.invoiceNo);
    await drawer.getByTestId('submit-one').click();
    const job = await waitForJobEnd(page);
    expect(job).toMatchObject({ total: 1, done: 0, failed: 1 });
    const sub = drawer.locator('[data-testid=submission][data-state=rejected]');
    await sub.waitFor();
    expect(await sub.textContent()).toContain('30000');
    await app.shot('12-wangdian-30000');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-history').click();
    const row = page.getByTestId('submissions-table').locator('[data-state=rejected]');
    await row.waitFor();
    expect(await row.textContent()).toContain('30000');
    expect(await row.textContent()).toContain(target.invoiceNo);

    // The record exists in the ERP again: re-sending the rejected submission from History goes through.
    const record = app.sandbox!.erpRecords.find((r) => r.invoiceNo === target.invoiceNo)!;
    app.sandbox!.wangdianEmulator.seed([record]);
    await row.getByTestId('history-resend').click();
    const accepted = page.getByTestId('submissions-table').locator('[data-state=accepted]');
    await accepted.waitFor({ timeout: 60_000 });
    expect(await accepted.textContent()).toContain(target.invoiceNo);
    expect(app.sandbox!.wangdianEmulator.store.get(target.invoiceNo)?.updateCount).toBe(1);
  });

  it('a wrong Suning secret gives a signature verdict and a failed query that loses nothing', async () => {
    app = await launchApp({ sandbox: { orders: 20, seed: 6 }, skipSuningSecret: true });
    const { page } = app;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('secret-input-suning.appSecret').fill('this-is-not-the-secret');
    await page.getByTestId('save-suning').click();
    await expect.poll(() => page.getByTestId('secret-status-suning.appSecret').textContent()).toContain('****');
    // Once saved, the page no longer holds the secret anywhere.
    await expect.poll(() => page.getByTestId('secret-input-suning.appSecret').inputValue()).toBe('');
    expect(await page.content()).not.toContain('this-is-not-the-secret');
    await page.getByTestId('test-suning').click();
    const verdict = page.getByTestId('verdict-suning');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('signature');
    await app.shot('13-settings-signature');

    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-query').click();
    await confirmBulk(page);
    const job = await waitForJobEnd(page);
    expect(job.done).toBe(0);
    const panel = page.getByTestId('job-panel');
    expect(await panel.textContent()).toMatch(/signature|签名/);
    await app.shot('14-query-signature');
    // Nothing lost: every invoice is still there, none pretends to be reconciled.
    const counts = await app.core.handlers['invoices:counts']({}, app.ctx);
    expect(counts.total).toBe(20);
    expect((counts.byRecon.matched ?? 0) + (counts.byRecon.fillable ?? 0)).toBe(0);
  });

  it('Wangdiantong down: a clear network error, every submission kept as unknown, re-sent once it is back', async () => {
    app = await launchApp({ sandbox: { orders: 20, seed: 7 } });
    const { page } = app;
    await runJob(app, 'query', { kind: 'filter', filter: {} });
    const sandbox = app.sandbox!;
    const port = Number(new URL(sandbox.wangdian.url).port);
    await sandbox.wangdianEmulator.close();
    await page.reload();
    await page.getByTestId('chip-matched').click();
    const matched = await chipCount(page, 'matched');
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe(String(matched));
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-submit').click();
    await confirmBulk(page);
    const down = await waitForJobEnd(page, undefined, 150_000);
    expect(down.done).toBe(0);
    expect(down.failed).toBe(matched);
    expect(await page.getByTestId('job-panel').textContent()).toMatch(/platform\.network|连接|network/i);
    await app.shot('15-wangdian-down');
    const unknown = await app.core.handlers['submissions:list']({ state: ['unknown'], limit: 500 }, app.ctx);
    expect(unknown.rows).toHaveLength(matched);

    // Back up on the same address: sending the same selection again delivers every one.
    const back = await startWangdianEmulator({ port, ...PRACTICE_CREDENTIALS.wangdian, records: sandbox.erpRecords });
    try {
      await page.getByTestId('bulk-submit').click();
      await confirmBulk(page);
      const again = await waitForJobEnd(page, down.jobId, 150_000);
      expect(again).toMatchObject({ done: matched, failed: 0 });
      expect(back.received.length).toBeGreaterThanOrEqual(matched);
    } finally {
      await back.close();
    }
  });

  it('cancelling a running bulk query stops it and leaves the rest unqueried', async () => {
    app = await launchApp({ sandbox: { orders: 60, seed: 8, latencyMs: 300 } });
    const { page } = app;
    await app.core.handlers['settings:update']({ suning: { batchSize: 1, concurrency: 1 } }, app.ctx);
    await page.reload();
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-query').click();
    await confirmBulk(page);
    await page.locator('[data-testid=job-panel][data-job-state=running]').waitFor();
    await page.getByTestId('job-cancel').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    const job = await waitForJobEnd(page);
    expect(job.state).toBe('cancelled');
    expect(job.done + job.failed).toBeLessThan(job.total);
    await app.shot('16-job-cancelled');
    const counts = await app.core.handlers['invoices:counts']({}, app.ctx);
    expect(counts.byRecon.not_queried ?? 0).toBeGreaterThan(0);
    // The chips catch up with the store (changes are coalesced while a job runs).
    await expect.poll(() => chipCount(page, 'not_queried')).toBe(counts.byRecon.not_queried ?? 0);
  });
});
