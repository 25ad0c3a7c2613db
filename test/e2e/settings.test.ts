// E2E: credentials on a machine without a real keychain — the clerk must accept weak storage before a secret is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type AppUnderTest } from './support/harness';

let app: AppUnderTest;
beforeAll(async () => { app = await launchApp({ weakSecretStorage: true }); });
afterAll(async () => { await app?.close(); });

describe('settings on weak secret storage', () => {
  it('asks once for consent, then stores the secret write-only', async () => {
    const { page } = app;
    // First run offers practice mode or settings; go configure.
    await page.getByTestId('start-practice').waitFor();
    await page.keyboard.press('Alt+5');
    await page.getByTestId('settings-page').waitFor();
    // One save per card; the consent sits in the card, under the secret it unlocks, and says why saving waits.
    const card = page.getByTestId('settings-wangdian');
    const input = card.getByTestId('secret-input-wangdian.appsecret');
    const save = card.getByTestId('save-wangdian');
    expect(await card.getByRole('button').filter({ hasText: /保\s*存/ }).count()).toBe(1);
    expect(await save.isDisabled()).toBe(false);
    await input.fill('wdt-secret-0042');
    expect(await save.isDisabled()).toBe(true);
    await card.getByTestId('weak-consent-needed-wangdian.appsecret').waitFor();
    const sentence = await card.getByTestId('weak-consent-wangdian.appsecret').locator('.ant-typography-warning').textContent();
    expect(sentence).toContain('钥匙串');
    expect(sentence).not.toContain('basic_text');
    await app.shot('18-settings-weak-storage');
    await card.getByTestId('accept-weak-wangdian.appsecret').click();
    expect(await save.isDisabled()).toBe(false);
    await save.click();
    await expect.poll(() => page.getByTestId('secret-status-wangdian.appsecret').textContent()).toContain('****0042');
    await expect.poll(() => input.inputValue()).toBe('');
    await card.getByTestId('accept-weak-wangdian.appsecret').waitFor({ state: 'detached' });
    // Rates and concurrency wait under 高级.
    expect(await card.getByLabel('每秒请求数上限').isVisible()).toBe(false);
    await card.getByText('高级', { exact: true }).click();
    await card.getByLabel('每秒请求数上限').waitFor();
    const view = await app.core.handlers['settings:get']({}, app.ctx);
    expect(view.secretStorage).toMatchObject({ weak: true, accepted: true });
    expect(view.secrets['wangdian.appsecret'].configured).toBe(true);
    expect(JSON.stringify(view)).not.toContain('wdt-secret-0042');
  });

  it('saves platform settings validated by the contract schema', async () => {
    const { page } = app;
    const card = page.getByTestId('settings-wangdian');
    await card.getByText('自定义地址', { exact: true }).click();
    await card.locator('#customUrl').fill('not a url');
    await page.getByTestId('save-wangdian').click();
    await card.locator('.ant-form-item-explain-error').first().waitFor();
    // Said in the clerk's language only (the schema's message carries both).
    expect(await card.locator('.ant-form-item-explain-error').first().textContent()).toBe('请填写以 http:// 或 https:// 开头的地址');
    expect((await app.core.handlers['settings:get']({}, app.ctx)).settings.wangdian.env).toBe('practice');
    await card.locator('#customUrl').fill('http://127.0.0.1:9/');
    await page.getByTestId('wdt-sid').fill('shop-01');
    await page.getByTestId('save-wangdian').click();
    await expect.poll(async () => (await app.core.handlers['settings:get']({}, app.ctx)).settings.wangdian).toMatchObject({ env: 'custom', customUrl: 'http://127.0.0.1:9/', sid: 'shop-01' });
  });
});
