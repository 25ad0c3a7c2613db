// E2E (issue 13, "What must be shown"): the routine part of the clerk's job for 1,000 invoices — import the ERP
// export → 自动处理 (everything automatic written back) → CSV exported — counted in clicks and keystrokes the
// page really received (trusted DOM events), plus the two clicks of the operating system's file dialog that a
// test cannot make. At most 10 clicks, no keystroke, no per-invoice action.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { erpRecordsToCsv } from '../../electron/sandbox/erp-csv';
import { launchApp, type AppUnderTest } from './support/harness';

let app: AppUnderTest | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** The dropzone's click opens the OS file dialog, where the clerk double-clicks the file: counted as two. */
const FILE_DIALOG_CLICKS = 2;

describe('the routine flow in clicks', () => {
  it('import → 自动处理 → CSV export of 1,000 invoices takes at most 10 clicks and no keystroke', async () => {
    app = await launchApp({ sandbox: { orders: 1000, seed: 7 }, importErp: false });
    const { page, core, ctx, sandbox } = app;
    if (!sandbox) throw new Error('no sandbox');
    // The platforms' real rate limits are a setting; the bench measures those (npm run bench -- --only auto).
    core.services.settings.update({ wangdian: { rps: 200, concurrency: 8 }, suning: { rps: 200, concurrency: 4, batchSize: 20 } });
    const file = path.join(app.dataDir, 'erp-export.csv');
    writeFileSync(file, erpRecordsToCsv(sandbox.erpRecords));
    await page.evaluate(() => {
      const w = window as unknown as { __clicks: number; __keys: number };
      w.__clicks = 0;
      w.__keys = 0;
      document.addEventListener('click', (e) => { if (e.isTrusted) w.__clicks++; }, true);
      document.addEventListener('keydown', (e) => { if (e.isTrusted) w.__keys++; }, true);
    });

    await page.getByTestId('nav-import').click();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('row-count').waitFor();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-report').waitFor();
    await page.getByTestId('nav-reconcile').click();
    await page.getByTestId('auto-open').click();
    await expect.poll(() => page.getByTestId('auto-plan').getAttribute('data-total')).toBe('1000');
    await page.getByTestId('auto-start').click();
    await page.getByTestId('auto-summary').waitFor({ timeout: 120_000 });
    await app.shot('43-auto-1000-summary');
    await page.getByTestId('auto-close').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const saved = path.join(app.dataDir, 'export.csv');
    await download.saveAs(saved);

    const counted = await page.evaluate(() => {
      const w = window as unknown as { __clicks: number; __keys: number };
      return { clicks: w.__clicks, keys: w.__keys };
    });
    const clicks = counted.clicks + FILE_DIALOG_CLICKS;
    console.info(`routine flow for 1,000 invoices: ${clicks} clicks, ${counted.keys} keystrokes`);
    expect(clicks).toBeLessThanOrEqual(10);
    expect(counted.keys).toBe(0);

    // And the routine work is really done: nothing fillable or matched is left unsent, the ERP has it all.
    const counts = await core.handlers['invoices:counts']({}, ctx);
    expect(counts.total).toBe(1000);
    expect(counts.byRecon.fillable ?? 0).toBe(0);
    const matched = counts.byRecon.matched ?? 0;
    // A matched invoice whose newest query failed is not sent until a query succeeds.
    const flagged = (await core.handlers['invoices:list']({ filter: { reconStatus: ['matched'], queryFailed: true }, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 1 }, ctx)).total;
    expect(counts.bySubmit.accepted ?? 0).toBe(matched - flagged);
    expect(new Set(sandbox.wangdianEmulator.received.filter((r) => r.code === 0).map((r) => r.params.invoice_no)).size).toBe(counts.bySubmit.accepted);
    const csv = readFileSync(saved, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split(/\r?\n/).filter((l) => l.length > 0)).toHaveLength(1001);
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});
