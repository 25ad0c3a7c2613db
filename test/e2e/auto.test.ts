// E2E: 自动处理 in Chromium — one button on the reconcile page → the plan (counts and amounts per phase, what
// is left for the clerk) → one progress panel across the phases → the summary, whose groups each open the
// table filtered to them in one click.
import { afterEach, describe, expect, it } from 'vitest';
import { chipCount, launchApp, type AppUnderTest } from './support/harness';

let app: AppUnderTest | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('自动处理', () => {
  it('plans, runs every phase with progress, and links each group left for the clerk to the filtered table', async () => {
    app = await launchApp({ sandbox: { orders: 120, seed: 13 } });
    const { page, core, ctx, sandbox } = app;
    if (!sandbox) throw new Error('no sandbox');
    core.services.settings.update({ wangdian: { rps: 100, concurrency: 4 }, suning: { rps: 100, concurrency: 2, batchSize: 10 } });
    // Slow enough answers that the progress panel is seen while the phases run.
    sandbox.suningEmulator.setFaults({ latencyMs: 80 });
    sandbox.wangdianEmulator.setFaults({ latencyMs: 40 });
    await page.reload();
    await expect.poll(() => chipCount(page, 'not_queried')).toBe(120);

    await page.getByTestId('auto-open').click();
    const plan = page.getByTestId('auto-plan');
    await expect.poll(() => plan.getAttribute('data-total')).toBe('120');
    expect(await page.getByTestId('auto-plan-query').getAttribute('data-count')).toBe('120');
    await app.shot('40-auto-plan');
    await page.getByTestId('auto-start').click();

    await page.locator('[data-testid=auto-dialog][data-step=progress]').waitFor();
    await expect.poll(() => page.locator('[data-testid=auto-phase][data-phase=query]').getAttribute('data-state')).toMatch(/running|done/);
    await app.shot('41-auto-progress');
    const summary = page.getByTestId('auto-summary');
    await summary.waitFor({ timeout: 90_000 });
    await app.shot('42-auto-summary');
    expect(await page.locator('[data-testid=auto-phase][data-phase=submit]').getAttribute('data-state')).toBe('done');

    // What the summary lists is what the store holds: nothing fillable or matched is left unsent.
    const counts = await core.handlers['invoices:counts']({}, ctx);
    expect(counts.byRecon.fillable ?? 0).toBe(0);
    const accepted = counts.bySubmit.accepted ?? 0;
    expect(accepted).toBeGreaterThan(30);
    expect(sandbox.wangdianEmulator.received.filter((r) => r.code === 0)).toHaveLength(accepted);

    const group = page.locator('[data-testid=auto-group][data-status=amount_mismatch]');
    const n = Number(await group.getAttribute('data-count'));
    expect(n).toBeGreaterThan(0);
    expect(n).toBe(counts.byRecon.amount_mismatch);
    await group.click(); // the one click
    await page.getByTestId('auto-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe(String(n));
    expect(await page.getByTestId('chip-amount_mismatch').getAttribute('aria-pressed')).toBe('true');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('speaks English too: the plan, and the summary after a run', async () => {
    app = await launchApp({ sandbox: { orders: 40, seed: 14 }, language: 'en-US' });
    const { page, core } = app;
    core.services.settings.update({ wangdian: { rps: 100, concurrency: 4 }, suning: { rps: 100, concurrency: 2, batchSize: 10 } });
    await page.reload();
    await page.getByTestId('auto-open').click();
    await expect.poll(() => page.getByTestId('auto-plan').getAttribute('data-total')).toBe('40');
    const dialog = page.getByTestId('auto-dialog');
    expect(await page.locator('.ant-modal-title').textContent()).toBe('Auto-process: plan');
    expect(await dialog.textContent()).toContain('1. Query Suning');
    await page.getByTestId('auto-start').click();
    await page.getByTestId('auto-summary').waitFor({ timeout: 60_000 });
    expect(await page.locator('.ant-modal-title').textContent()).toBe('Auto-process: result');
    expect(await dialog.textContent()).toMatch(/Left for the clerk: \d+/);
    await app.shot('44-auto-summary-en');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
