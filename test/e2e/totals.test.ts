// E2E: money at a glance — the table's footer shows the filter's totals (count, 金额, 苏宁金额, signed 差额 and how
// many invoices had no Suning amount), the selection bar the selection's, and the 金额 range filter narrows the
// table; each compared with what the core itself answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceFilter, InvoiceTotals } from '../../shared/api/schemas';
import { formatFenGrouped } from '../../shared/domain/money';
import { launchApp, runJob, type AppUnderTest, INVOICE_ROWS } from './support/harness';

let app: AppUnderTest;
beforeAll(async () => {
  app = await launchApp({ sandbox: { orders: 120, seed: 1 } });
  // Query about half of the orders, so some invoices have no Suning amount.
  const ids = app.core.services.repos.invoices.idsForSelection({ kind: 'filter', filter: {} });
  await runJob(app, 'query', { kind: 'ids', ids: ids.filter((_, i) => i % 2 === 0) });
  await app.page.reload();
  await app.page.getByTestId('invoice-table').waitFor();
});
afterAll(async () => { await app?.close(); });

const coreTotals = (selection: Parameters<AppUnderTest['core']['handlers']['invoices:totals']>[0]['selection']) =>
  app.core.handlers['invoices:totals']({ selection }, app.ctx);

/** What a TotalsLine shows, read from its data-value attributes and its text. */
async function shown(testId: string): Promise<InvoiceTotals & { texts: Record<string, string>; diffColoured: boolean }> {
  const { page } = app;
  const value = async (part: string) => Number(await page.getByTestId(`${testId}-${part}`).getAttribute('data-value'));
  const text = async (part: string) => (await page.getByTestId(`${testId}-${part}`).textContent()) ?? '';
  const missing = page.getByTestId(`${testId}-missing`);
  const missingSuning = (await missing.count()) > 0 ? Number(await missing.getAttribute('data-value')) : 0;
  const t = { count: await value('count'), amountFen: await value('amount'), suningAmountFen: await value('suning'), diffFen: await value('diff'), missingSuning };
  return {
    ...t,
    withSuning: t.count - missingSuning,
    texts: { amount: await text('amount'), suning: await text('suning'), diff: await text('diff'), missing: (await missing.count()) > 0 ? ((await missing.textContent()) ?? '') : '' },
    diffColoured: ((await page.getByTestId(`${testId}-diff`).getAttribute('class')) ?? '').includes('vt-diff'),
  };
}

async function settled(testId: string, want: InvoiceTotals): Promise<void> {
  await expect.poll(async () => {
    const el = app.page.getByTestId(testId);
    if ((await el.getAttribute('aria-busy')) !== 'false') return null;
    return (await shown(testId)).count;
  }, { timeout: 15_000 }).toBe(want.count);
}

describe('money totals', () => {
  it('the footer shows the totals of the current filter, formatted as the table formats yuan', async () => {
    const want = await coreTotals({ kind: 'filter', filter: {} });
    expect(want.missingSuning).toBeGreaterThan(0);
    expect(want.withSuning).toBeGreaterThan(0);
    await settled('table-totals', want);
    const got = await shown('table-totals');
    expect({ ...got, texts: undefined, diffColoured: undefined }).toEqual({ ...want, texts: undefined, diffColoured: undefined });
    expect(got.texts.amount).toBe(formatFenGrouped(want.amountFen));
    expect(got.texts.suning).toBe(formatFenGrouped(want.suningAmountFen));
    expect(got.texts.diff).toBe(want.diffFen > 0 ? `+${formatFenGrouped(want.diffFen)}` : formatFenGrouped(want.diffFen));
    expect(got.diffColoured).toBe(want.diffFen !== 0);
    expect(got.texts.missing).toContain(String(want.missingSuning));
    await app.shot('30-totals-footer');
  });

  it('the selection bar shows the totals of the rows ticked, then of all matching', async () => {
    const { page } = app;
    const rows = page.locator(INVOICE_ROWS);
    const ids: number[] = [];
    for (const i of [0, 1, 2, 5]) {
      const row = rows.nth(i);
      ids.push(Number(await row.getAttribute('data-row-id')));
      await row.locator('input[type=checkbox]').click();
    }
    const want = await coreTotals({ kind: 'ids', ids });
    await settled('selection-totals', want);
    const got = await shown('selection-totals');
    expect({ count: got.count, amountFen: got.amountFen, suningAmountFen: got.suningAmountFen, diffFen: got.diffFen, missingSuning: got.missingSuning })
      .toEqual({ count: want.count, amountFen: want.amountFen, suningAmountFen: want.suningAmountFen, diffFen: want.diffFen, missingSuning: want.missingSuning });
    await app.shot('31-totals-selection');

    await page.getByTestId('select-all-matching').click();
    const all = await coreTotals({ kind: 'filter', filter: {} });
    await settled('selection-totals', all);
    expect((await shown('selection-totals')).amountFen).toBe(all.amountFen);
    await page.getByText('取消选择').click();
  });

  it('the 金额 range narrows the table (bounds inclusive) and its totals; text that is not money is refused in place', async () => {
    const { page } = app;
    const amounts = (app.core.services.db.prepare('SELECT amount_fen FROM invoices ORDER BY amount_fen').pluck().all() as number[]);
    const lo = amounts[Math.floor(amounts.length / 3)] ?? 0;
    const hi = amounts[Math.floor((amounts.length * 2) / 3)] ?? 0;
    const filter: InvoiceFilter = { amountMinFen: lo, amountMaxFen: hi };
    const want = await coreTotals({ kind: 'filter', filter });
    expect(want.count).toBeGreaterThan(0);
    expect(want.count).toBeLessThan(amounts.length);

    await page.getByTestId('amount-range-from').fill('12.345');
    await page.getByTestId('amount-range-from').press('Enter');
    expect(await page.getByTestId('amount-range-from').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByRole('tooltip').textContent()).toContain('超过两位小数');

    await page.getByTestId('amount-range-from').fill((lo / 100).toFixed(2));
    await page.getByTestId('amount-range-to').fill((hi / 100).toFixed(2));
    await page.getByTestId('amount-range-to').press('Enter');
    await expect.poll(async () => Number(await page.getByTestId('recon-total').getAttribute('data-total'))).toBe(want.count);
    await settled('table-totals', want);
    expect((await shown('table-totals')).amountFen).toBe(want.amountFen);
    const shownIds = await page.locator(INVOICE_ROWS).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-row-id'))));
    const inRange = new Set(app.core.services.repos.invoices.idsForSelection({ kind: 'filter', filter }));
    expect(shownIds.length).toBeGreaterThan(0);
    for (const id of shownIds) expect(inRange.has(id), `row ${id}`).toBe(true);
    await app.shot('32-totals-amount-range');
    await page.getByTestId('clear-filters').click();
    await expect.poll(async () => Number(await page.getByTestId('recon-total').getAttribute('data-total'))).toBe(amounts.length);
  });

  it('the 差额 filter (有差额) keeps only invoices whose amounts differ, and the footer sums them', async () => {
    const { page } = app;
    const want = await coreTotals({ kind: 'filter', filter: { amountDiff: 'nonzero' } });
    expect(want.count).toBeGreaterThan(0);
    await page.getByTestId('diff-filter').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '有差额' }).click();
    await expect.poll(async () => Number(await page.getByTestId('recon-total').getAttribute('data-total'))).toBe(want.count);
    await settled('table-totals', want);
    expect((await shown('table-totals')).diffFen).toBe(want.diffFen);
    const statuses = await page.locator(INVOICE_ROWS).evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-status')))]);
    expect(statuses).not.toContain('not_queried');
    await page.getByTestId('clear-filters').click();
  });

  it('sorts by 差额 on the server, invoices without a Suning amount last', async () => {
    const { page } = app;
    await page.getByTestId('sort-amountDiff').click();
    const want = await app.core.handlers['invoices:list']({ filter: {}, sort: { field: 'amountDiff', dir: 'asc' }, limit: 5 }, app.ctx);
    await expect.poll(() => page.locator(INVOICE_ROWS).evaluateAll((els) => els
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      .slice(0, 5).map((e) => Number(e.getAttribute('data-row-id'))))).toEqual(want.rows.map((r) => r.id));
    await page.getByTestId('sort-amountDiff').click();
    const desc = await app.core.handlers['invoices:list']({ filter: {}, sort: { field: 'amountDiff', dir: 'desc' }, limit: 1 }, app.ctx);
    expect(desc.rows[0]?.suningAmountFen).not.toBeNull();
    expect(app.pageErrors).toEqual([]);
  });
});
