// E2E: bulk 采用苏宁结果 over "all matching the filter" — the preview names the value typed by hand it would
// replace, one click applies the batch, one click undoes it; one invoice's undo from the detail panel.
import { afterEach, describe, expect, it } from 'vitest';
import { chipCount, FIRST_INVOICE_ROW, launchApp, runJob, type AppUnderTest } from './support/harness';

let app: AppUnderTest | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('bulk 采用苏宁结果', () => {
  it('previews, applies in one go, and undoes the batch; a single fill is undone from the detail panel', async () => {
    app = await launchApp({ sandbox: { orders: 60, seed: 6 } });
    const { page, core, ctx } = app;
    await runJob(app, 'query', { kind: 'filter', filter: {} });
    const fillable = (await core.handlers['invoices:list']({ filter: { reconStatus: ['fillable'] }, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 500 }, ctx)).rows;
    expect(fillable.length).toBeGreaterThan(1);
    const typed = fillable[0];
    if (!typed) throw new Error('no fillable invoice');
    await core.handlers['invoices:update']({ id: typed.id, patch: { errorInfo: '手工备注' } }, ctx);
    await page.reload();

    await page.getByTestId('chip-fillable').click();
    expect(await chipCount(page, 'fillable')).toBe(fillable.length);
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-apply-suning').click();
    const preview = page.getByTestId('apply-suning-preview');
    await expect.poll(() => preview.getAttribute('data-changing')).toBe(String(fillable.length));
    const typedText = (await page.getByTestId('apply-suning-typed').textContent()) ?? '';
    expect(typedText).toContain(typed.invoiceNo);
    expect(typedText).toContain('失败原因');
    expect(typedText).toContain('手工备注 → —');
    expect(await page.getByTestId('apply-suning-sample').textContent()).toContain('发票号码');
    await app.shot('32-apply-suning-preview');
    await page.getByTestId('apply-suning-ok').click();
    await expect.poll(() => page.getByTestId('apply-suning-done').getAttribute('data-changed')).toBe(String(fillable.length));
    expect((await core.handlers['invoices:counts']({}, ctx)).byRecon.fillable).toBe(0);

    await page.getByTestId('apply-suning-undo').click();
    await page.getByTestId('apply-suning-undone').waitFor();
    expect(await page.getByTestId('apply-suning-undone').textContent()).toContain(`已恢复 ${fillable.length} 张发票`);
    expect((await core.handlers['invoices:counts']({}, ctx)).byRecon.fillable).toBe(fillable.length);
    expect((await core.handlers['invoices:get']({ id: typed.id }, ctx)).invoice.errorInfo).toBe('手工备注');
    await page.keyboard.press('Escape');

    // One invoice: fill it from the detail panel, then undo just that.
    const one = fillable[1];
    if (!one) throw new Error('need two fillable invoices');
    await page.getByTestId('search').fill(one.invoiceNo);
    await page.getByTestId('search').press('Enter');
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('1');
    await page.locator(FIRST_INVOICE_ROW).dblclick();
    const drawer = page.getByTestId('detail-drawer');
    await drawer.getByTestId('apply-suning').click();
    await expect.poll(async () => (await core.handlers['invoices:get']({ id: one.id }, ctx)).invoice.reconStatus).toBe('matched');
    await drawer.getByTestId('undo-apply-suning').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(async () => (await core.handlers['invoices:get']({ id: one.id }, ctx)).invoice.invoiceNum).toBe(one.invoiceNum);
    await drawer.getByTestId('undo-apply-suning').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');

    // A batch applied earlier (its dialog long closed) is undone from its audit log entry.
    const later = await core.handlers['invoices:applySuningPreview']({ selection: { kind: 'filter', filter: { reconStatus: ['fillable'] } } }, ctx);
    await core.handlers['invoices:applySuningBulk']({ selection: { kind: 'filter', filter: { reconStatus: ['fillable'] } }, token: later.token ?? '' }, ctx);
    expect((await core.handlers['invoices:counts']({}, ctx)).byRecon.fillable).toBe(0);
    await page.getByTestId('nav-history').click();
    await page.getByRole('tab', { name: '审计日志' }).click();
    await page.getByTestId('audit-undo-batch').first().click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(async () => (await core.handlers['invoices:counts']({}, ctx)).byRecon.fillable).toBe(fillable.length);
  });
});
