// E2E: one exception of each kind handled in the detail panel — reversed (标记开票失败: 75 with a reason, never
// 80), amount mismatch (the signed difference), number/code mismatch (use Suning's after a confirmation), split
// (all numbers joined, within 40 characters), red without blue / partially reversed (what to check, the note).
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_INVOICE_ROW, launchApp, runJob, type AppUnderTest } from './support/harness';

let app: AppUnderTest | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

describe('exception paths in the detail panel', () => {
  it('handles one exception of each kind', async () => {
    app = await launchApp({ sandbox: { orders: 200, seed: 13 } });
    const { page, core, ctx } = app;
    await runJob(app, 'query', { kind: 'filter', filter: {} });
    await page.reload();
    const all = (await core.handlers['invoices:list']({ filter: {}, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 500 }, ctx)).rows;
    const of = (pred: (r: (typeof all)[number]) => boolean, what: string) => {
      const r = all.find(pred);
      if (!r) throw new Error(`the seed has no ${what}`);
      return r;
    };
    const get = async (id: number) => (await core.handlers['invoices:get']({ id }, ctx)).invoice;
    const received = (no: string) => (app?.sandbox?.wangdianEmulator.received ?? []).filter((r) => r.params.invoice_no === no).map((r) => r.params);
    const drawer = page.getByTestId('detail-drawer');
    async function open(invoiceNo: string) {
      await page.getByTestId('search').fill(invoiceNo);
      await page.getByTestId('search').press('Enter');
      await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('1');
      // Enter opens the active row's detail (the table's own shortcut); the row is active once clicked.
      await page.locator(FIRST_INVOICE_ROW).click();
      await page.keyboard.press('Enter');
      await drawer.getByTestId('exception-card').waitFor();
    }
    async function close() {
      await page.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    }

    // Reversed: the form starts at 75, never 80; 标记开票失败 sends 75 with the reason.
    const reversed = of((r) => r.reconStatus === 'reversed', 'reversed invoice');
    await open(reversed.invoiceNo);
    expect(await drawer.getByTestId('submit-form').locator('.ant-radio-button-wrapper-checked').textContent()).toContain('75');
    await drawer.getByTestId('mark-failed-open').click();
    await page.getByTestId('mark-failed-reason').fill('蓝票已全额冲红，订单取消');
    await page.getByTestId('mark-failed-ok').click();
    await expect.poll(() => received(reversed.invoiceNo), { timeout: 30_000 }).toEqual([expect.objectContaining({ status: '75', error_info: '蓝票已全额冲红，订单取消' })]);
    await close();

    // Amount mismatch: the signed difference local − Suning.
    const amount = of((r) => r.reconStatus === 'amount_mismatch' && r.suningAmountFen !== null, 'amount mismatch');
    await open(amount.invoiceNo);
    expect(Number(await drawer.getByTestId('detail-amount-diff').getAttribute('data-diff-fen'))).toBe(amount.amountFen - (amount.suningAmountFen ?? 0));
    expect(await drawer.getByTestId('detail-amount-diff').textContent()).toContain('本地 − 苏宁');
    await close();

    // Number/code mismatch: both values shown; Suning's replace the local ones after the confirmation.
    const number = of((r) => r.reconStatus === 'number_mismatch' && r.suningAmountFen === r.amountFen, 'number mismatch with equal amounts');
    await open(number.invoiceNo);
    const both = await drawer.getByTestId('number-mismatch-values').textContent();
    expect(both).toContain(number.suningInvoiceNum);
    await drawer.getByTestId('use-suning').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect.poll(async () => (await get(number.id)).plan).toBe('submit');
    expect((await get(number.id)).invoiceNum).toBe(number.suningInvoiceNum);
    await close();

    // Split: all numbers joined, the length against the limit shown; the plan then allows 80 with them.
    const split = of((r) => r.reconStatus === 'split', 'split order');
    const blues = (await core.handlers['invoices:get']({ id: split.id }, ctx)).validBlues.map((b) => b.invoiceNum);
    const joined = blues.join(',');
    await open(split.invoiceNo);
    expect(await drawer.getByTestId('split-joined-length').textContent()).toContain(`${joined.length} / 40`);
    await drawer.getByTestId('split-choice').locator('label').last().click();
    await drawer.getByTestId('split-choose').click();
    await expect.poll(async () => (await get(split.id)).plan).toBe('submit');
    expect(await get(split.id)).toMatchObject({ invoiceNum: joined, splitChoice: joined });
    await drawer.getByTestId('split-current').waitFor();
    await close();

    // Red without blue (or partially reversed): what to check, and the clerk's note kept.
    const odd = of((r) => r.reconStatus === 'red_without_blue' || r.reconStatus === 'partially_reversed', 'red-without-blue or partially reversed order');
    await open(odd.invoiceNo);
    expect(await drawer.getByTestId('exception-check').textContent()).toContain('请核对');
    await drawer.getByTestId('clerk-note').fill('已与苏宁核对：红票属另一订单');
    await drawer.getByTestId('clerk-note-save').click();
    await expect.poll(async () => (await get(odd.id)).clerkNote).toBe('已与苏宁核对：红票属另一订单');
    await close();

    // Nothing forbidden reached Wangdiantong: no 80 for the reversed invoice, nothing for the others yet.
    expect(received(reversed.invoiceNo).some((p) => p.status === '80')).toBe(false);
    for (const r of [amount, number, split, odd]) expect(received(r.invoiceNo)).toEqual([]);
    await app.shot('30-exceptions');
  });
});
