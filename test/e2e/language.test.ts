// E2E: each language reads as one language. Every page and dialog is rendered in Chinese and in English, and the
// visible text (placeholders included) may hold no text of the other language outside the data itself: the
// invoices' shops, buyers and platform messages (collected from the core), identifiers (mono) and the small code
// details kept for support. Screenshots of each view in both languages go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, runJob, type AppUnderTest, FIRST_INVOICE_ROW } from './support/harness';

type Lang = 'zh-CN' | 'en-US';
let app: AppUnderTest;
let firstRun: AppUnderTest;
const data = new Set<string>();

beforeAll(async () => {
  app = await launchApp({ sandbox: { orders: 60, seed: 2, slowFileMs: 300 }, showScrollbars: true });
  await runJob(app, 'query', { kind: 'filter', filter: {} });
  await runJob(app, 'submit', { kind: 'filter', filter: { reconStatus: ['matched'] } });
  // The invoices' files (issue 15), so the detail panel's 原件 section shows facts, verdicts and outcomes.
  await app.core.handlers['settings:update']({ archive: { rps: 100, concurrency: 4 } }, app.ctx);
  const archive = await app.core.handlers['archive:start']({ selection: { kind: 'filter', filter: {} } }, app.ctx);
  while ((await app.core.handlers['jobs:get']({ jobId: archive.jobId }, app.ctx)).state === 'running') await new Promise((r) => setTimeout(r, 100));
  const rows = await app.core.handlers['invoices:list']({ filter: {}, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 500 }, app.ctx);
  for (const r of rows.rows) for (const v of [r.shop, r.buyerTitle, r.queryFailedReason]) if (v) data.add(v);
  const subs = await app.core.handlers['submissions:list']({ limit: 500 }, app.ctx);
  for (const s of subs.rows) if (s.message) data.add(s.message);
  const queries = await app.core.handlers['queries:list']({ limit: 500 }, app.ctx);
  for (const q of queries.rows) if (q.message) data.add(q.message);
  // What a file server answered (HTTP status, content type) is its own detail, like a platform's message.
  for (const r of rows.rows) {
    const d = await app.core.handlers['invoices:get']({ id: r.id }, app.ctx);
    for (const f of d.files) if (f.outcomeDetail) data.add(f.outcomeDetail);
  }
  firstRun = await launchApp();
});
afterAll(async () => { await app?.close(); await firstRun?.close(); });

/** Visible text and placeholders, without identifiers (mono), support details and the language switch itself. */
async function visibleText(a: AppUnderTest): Promise<string> {
  const text = await a.page.evaluate(() => {
    const skip = (el: Element | null) => el?.closest('.mono, .code-detail, [data-lang-switch], .ant-select-selection-item, input, textarea') != null;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      out.push(n.textContent ?? '');
    }
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) {
      if (el.getClientRects().length > 0) out.push(el.placeholder);
    }
    return out.join('\n');
  });
  let rest = text;
  for (const d of [...data].sort((x, y) => y.length - x.length)) rest = rest.split(d).join(' ');
  return rest;
}

/** Latin words a Chinese screen may keep: product names, file formats, keys, units. */
const LATIN_OK = new Set(['CSV', 'XLSX', 'JSON', 'XML', 'PDF', 'AppKey', 'ERP', 'Alt', 'Ctrl', 'Enter', 'Shift', 'Esc', 'Tab', 'Home', 'End',
  'PageUp', 'PageDown', 'English', 'URL', 'ms', 'Invoice', 'Recon', 'Space', 'Del', 'SID', 'sid', 'appkey', 'AppSecret', 'appsecret', 'Secret', 'ID', 'API', 'UTF', 'GBK', 'GB', 'BOM', 'Wangdiantong', 'Suning', 'http', 'https', 'Up', 'Down', 'Mac', 'Excel', 'Windows', 'UTF-', 'ZIP', 'SHA-', 'KB', 'MB']);

function foreign(text: string, lang: Lang): string[] {
  if (lang === 'en-US') return [...new Set(text.match(/[^\n]*[\u3400-\u9fff\u3000-\u303f\uff00-\uffef][^\n]*/g) ?? [])].filter((l) => !/^\s*(简体中文|中文)\s*$/.test(l));
  const words = text.match(/[A-Za-z][A-Za-z_.:-]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !LATIN_OK.has(w) && !/^https?:/.test(w)))];
}

async function useLanguage(a: AppUnderTest, lang: Lang): Promise<void> {
  await a.core.handlers['settings:update']({ language: lang }, a.ctx);
  await a.page.evaluate((l) => window.localStorage.setItem('invoice-recon.language', l), lang);
  await a.page.reload();
}

async function check(a: AppUnderTest, lang: Lang, view: string, found: Record<string, string[]>): Promise<void> {
  await a.page.waitForTimeout(300); // let antd's enter animations settle before reading and the screenshot
  const bad = foreign(await visibleText(a), lang);
  if (bad.length > 0) found[view] = bad;
  await a.shot(`lang-${lang}-${view}`);
}

describe.each(['zh-CN', 'en-US'] as const)('language %s', (lang) => {
  it('every page and dialog reads in this language only', async () => {
    const { page } = app;
    const found: Record<string, string[]> = {};

    await useLanguage(firstRun, lang);
    await firstRun.page.getByTestId('start-practice').waitFor();
    await check(firstRun, lang, 'first-run', found);

    await useLanguage(app, lang);
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('chart-day').and(page.locator('[data-points]')).waitFor();
    await check(app, lang, 'overview', found);

    await page.getByTestId('nav-reconcile').click();
    await page.locator(FIRST_INVOICE_ROW).waitFor();
    await check(app, lang, 'reconcile', found);

    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-chooser').waitFor();
    await check(app, lang, 'column-chooser', found);
    await page.keyboard.press('Escape');

    await page.locator(FIRST_INVOICE_ROW).locator('[role=cell]').nth(4).click();
    await page.getByTestId('detail-drawer').getByTestId('detail-explanation').waitFor();
    await check(app, lang, 'detail', found);
    await page.keyboard.press('Escape');
    await page.getByTestId('detail-drawer').waitFor({ state: 'hidden' });

    // The 原件 section of an invoice whose file differs: facts side by side, the differences in words.
    const differing = await app.core.handlers['invoices:list']({ filter: { fileVerdict: ['mismatch'] }, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 1 }, app.ctx);
    const mismatch = differing.rows[0];
    expect(mismatch).toBeDefined();
    await page.getByTestId('search').fill(mismatch?.invoiceNo ?? '');
    await page.getByTestId('search').press('Enter');
    await expect.poll(() => page.getByTestId('recon-total').getAttribute('data-total')).toBe('1');
    await page.locator(FIRST_INVOICE_ROW).click();
    await page.keyboard.press('Enter');
    await page.getByTestId('detail-drawer').getByTestId('file-facts').waitFor();
    await page.getByTestId('detail-drawer').getByTestId('detail-file').scrollIntoViewIfNeeded();
    await check(app, lang, 'detail-file', found);
    await page.keyboard.press('Escape');
    await page.getByTestId('detail-drawer').waitFor({ state: 'hidden' });
    await page.getByTestId('clear-filters').click();

    await page.getByTestId('select-all-matching').click();
    for (const [button, view] of [['bulk-query', 'bulk-query'], ['bulk-submit', 'bulk-submit'], ['bulk-apply-suning', 'apply-suning'], ['archive-run', 'archive']] as const) {
      await page.getByTestId(button).click();
      await page.locator('[role=dialog]:visible').waitFor();
      await page.waitForTimeout(700); // counts and previews load
      await check(app, lang, view, found);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('[role=dialog]:visible').count()).toBe(0);
    }

    await page.keyboard.press('F1');
    await page.locator('[role=dialog]:visible').waitFor();
    await check(app, lang, 'help', found);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[role=dialog]:visible').count()).toBe(0);

    await page.getByTestId('nav-import').click();
    await page.waitForTimeout(300);
    await check(app, lang, 'import', found);

    await page.getByTestId('nav-history').click();
    await page.getByTestId('submissions-table').waitFor();
    await check(app, lang, 'history-submissions', found);
    for (const [i, view] of [[1, 'history-queries'], [2, 'history-audit']] as const) {
      await page.getByRole('tab').nth(i).click();
      await page.waitForTimeout(400);
      await check(app, lang, view, found);
    }

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-page').waitFor();
    // The probe's expected "no such invoice" (30000) reads as a working connection, the code only as a detail.
    await page.getByTestId('test-wangdian').click();
    const verdict = page.getByTestId('verdict-wangdian');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('ok');
    expect(await verdict.textContent()).toContain(lang === 'zh-CN' ? '服务器可以连通，签名和时间正确' : 'reachable and the request was signed correctly');
    expect(await page.getByTestId('verdict-code-wangdian').textContent()).toContain('30000');
    await check(app, lang, 'settings', found);

    // Workspaces (账套), on an app opened as `npm start` opens it: the first-run choice, a real merchant's setup
    // steps, the sidebar's menu and its dialogs. The workspaces' names are the clerk's data.
    const managed = await launchApp({ workspaces: {}, language: lang });
    try {
      const mp = managed.page;
      await mp.getByTestId('workspace-choice').waitFor();
      await check(managed, lang, 'workspace-choice', found);
      const names = lang === 'zh-CN' ? ['甲商户', '乙商户'] : ['Shop A', 'Shop B'];
      for (const n of names) data.add(n);
      const first = await managed.core.handlers['workspaces:create']({ name: names[0] ?? '', kind: 'real' }, managed.ctx);
      await managed.core.handlers['workspaces:create']({ name: names[1] ?? '', kind: 'real' }, managed.ctx);
      await managed.core.handlers['workspaces:switch']({ id: first.id }, managed.ctx);
      await mp.reload();
      await mp.getByTestId('setup-steps').waitFor();
      await check(managed, lang, 'workspace-setup', found);
      await mp.getByTestId('ws-switcher').click();
      await mp.getByTestId('ws-new').waitFor();
      await check(managed, lang, 'workspace-menu', found);
      await mp.keyboard.press('Escape');
      for (const [item, view] of [['ws-new', 'workspace-create'], ['ws-rename', 'workspace-rename'], ['ws-delete', 'workspace-delete']] as const) {
        await mp.getByTestId('ws-switcher').click();
        await mp.getByTestId(item).click();
        await mp.locator('[role=dialog]:visible').waitFor();
        await check(managed, lang, view, found);
        await mp.keyboard.press('Escape');
        await expect.poll(() => mp.locator('[role=dialog]:visible').count()).toBe(0);
      }
    } finally {
      await managed.close();
    }

    expect(found).toEqual({});
  });
});
