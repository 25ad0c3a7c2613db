// E2E: the submit confirm dialog shows the write-back plan's breakdown before anything is sent (zh and en), the
// table shows each invoice's plan, and confirming sends exactly what the dialog said.
import { afterEach, describe, expect, it } from 'vitest';
import { formatFenGrouped } from '../../shared/domain/money';
import { chipCount, INVOICE_ROWS, launchApp, runJob, waitForJobEnd, confirmBulk, type AppUnderTest } from './support/harness';

let app: AppUnderTest | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function openBulkSubmit(a: AppUnderTest) {
  const { page } = a;
  await page.getByTestId('select-all-matching').click();
  await page.getByTestId('bulk-submit').click();
  const preview = page.getByTestId('bulk-preview');
  await preview.waitFor();
  return preview;
}

describe('submit confirm breakdown', () => {
  it.each(['zh-CN', 'en-US'] as const)('counts 80s, skips per status with why, and the amount (%s); then sends exactly that', async (language) => {
    app = await launchApp({ sandbox: { orders: 60, seed: 23 }, language });
    const { page, core, ctx } = app;
    await runJob(app, 'query', { kind: 'filter', filter: {} });
    await page.reload();
    const all = (await core.handlers['invoices:list']({ filter: {}, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 500 }, ctx)).rows;
    const submit = all.filter((r) => r.plan === 'submit');
    expect(submit.length).toBeGreaterThan(5);
    // The table's plan column says the same as the core.
    await page.locator(`${INVOICE_ROWS} [data-plan]`).first().waitFor();
    const shown = await page.locator(`${INVOICE_ROWS} [data-plan]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-plan')));
    expect(shown.length).toBeGreaterThan(5);
    expect(new Set(shown).size).toBeGreaterThan(1);

    const preview = await openBulkSubmit(app);
    expect(Number(await preview.getAttribute('data-as80'))).toBe(submit.length);
    expect(Number(await preview.getAttribute('data-as-failure'))).toBe(0);
    expect(Number(await preview.getAttribute('data-skipped'))).toBe(all.length - submit.length);
    const amount = submit.reduce((n, r) => n + r.amountFen, 0);
    expect(Number(await preview.getAttribute('data-amount-fen'))).toBe(amount);
    expect(await page.getByTestId('bulk-preview-amount').textContent()).toContain(formatFenGrouped(amount));
    // One line per skipped status, its count equal to that status's chip, in the clerk's language.
    const mismatch = preview.locator('[data-testid=bulk-preview-skip][data-status=amount_mismatch]');
    expect(Number(await mismatch.getAttribute('data-count'))).toBe(all.filter((r) => r.reconStatus === 'amount_mismatch').length);
    expect(await mismatch.textContent()).toContain(language === 'zh-CN' ? '金额不符' : 'Amount mismatch');
    expect(await mismatch.textContent()).toContain(language === 'zh-CN' ? '需人工核对' : 'the clerk must check it');
    expect(await preview.textContent()).toContain(language === 'zh-CN' ? `${submit.length} 张回传 80 开票成功` : `${submit.length} sent as 80 (invoiced)`);
    await app.shot(`18-submit-breakdown-${language}`);

    await confirmBulk(page);
    const job = await waitForJobEnd(page);
    expect(job).toMatchObject({ total: all.length, done: submit.length, failed: all.length - submit.length });
    // The job panel lists what the plan refused, per reason; nothing of it is a platform failure.
    const outcomes = page.getByTestId('job-plan-outcomes').locator('li');
    await outcomes.first().waitFor();
    const counts = await outcomes.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(counts.reduce((n, c) => n + c, 0)).toBe(all.length - submit.length);
    expect(await page.getByTestId('job-plan-outcomes').textContent()).toContain(language === 'zh-CN' ? '拒绝回传 80' : 'Refused to send 80');
    expect(await page.getByTestId('job-show-failures').count()).toBe(0);
    const received = app.sandbox?.wangdianEmulator.received ?? [];
    expect(received.map((r) => r.params.invoice_no).sort()).toEqual(submit.map((r) => r.invoiceNo).sort());
    expect(await chipCount(page, 'matched')).toBe(all.filter((r) => r.reconStatus === 'matched').length);
  });

  it('offers nothing to send when the plan lets nothing through', async () => {
    app = await launchApp({ sandbox: { orders: 20, seed: 24 } });
    const { page } = app;
    // Not queried yet: every plan is "query first".
    const preview = await openBulkSubmit(app);
    expect(Number(await preview.getAttribute('data-as80'))).toBe(0);
    expect(await preview.locator('[data-testid=bulk-preview-skip][data-refusal=query_first]').getAttribute('data-count')).toBe('20');
    expect(await page.getByTestId('bulk-confirm-ok').isDisabled()).toBe(true);
    expect(app.sandbox?.wangdianEmulator.received).toHaveLength(0);
  });
});
