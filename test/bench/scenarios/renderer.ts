// Benchmark (plain Node driving Chromium). The reconcile page over the whole store through the browser host:
// time until the first rows are visible, then 5,000 rows scrolled with the mouse wheel while Chromium's
// PerformanceObserver('longtask') reports every task over 50 ms. Anything missing on this machine (the built
// renderer, Chromium, the host) makes the scenario report pass:false with the reason instead of crashing.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import type { BenchContext } from '../context';
import { REPO_ROOT } from '../emulators';
import { Watch, median, percentile } from '../measure';
import { failedResult, type ScenarioResult } from '../result';
import type { Store } from '../store';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const STATIC_DIR = path.join(REPO_ROOT, 'dist', 'renderer');
const FIRST_ROWS_LIMIT_MS = 1500;
const LONG_TASK_MS = 50;
const SCROLL_ROWS = 5000;
const ROW_SELECTOR = '[data-testid=invoice-table] [data-row-id]';
/** A fast flick of about twenty rows (antd's virtual rows are 39 px) per animation frame at most. */
const WHEEL_PX = 780;
/** Each run scrolls for tens of seconds on a 2-core machine: two measured runs are enough. */
const MAX_RUNS = 2;
const SCROLL_TIMEOUT_MS = 120_000;

const FIRST_ROWS_NAME = 'renderer: first rows visible';
const SCROLL_NAME = `renderer: scroll ${SCROLL_ROWS.toLocaleString('en-US')} rows`;
const FIRST_ROWS_TARGET = `≤ ${FIRST_ROWS_LIMIT_MS / 1000} s`;
const SCROLL_TARGET = `no long task > ${LONG_TASK_MS} ms`;

/**
 * Installed before the page's own scripts: collects long tasks, the time the first row appears (ms since
 * navigation start) and every row id ever rendered (the virtual table recycles its DOM rows).
 */
const PAGE_PROBE = `(() => {
  const probe = { longTasks: [], firstRowAt: null, seen: new Set() };
  window.__bench = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const note = (el) => {
    const id = el.getAttribute('data-row-id');
    if (id === null) return;
    if (probe.firstRowAt === null) probe.firstRowAt = performance.now();
    probe.seen.add(id);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') { note(r.target); continue; }
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.hasAttribute('data-row-id')) note(n);
        for (const el of n.querySelectorAll('[data-row-id]')) note(el);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-row-id'] });
})();`;

interface ProbeState {
  readonly longTasks: { start: number; duration: number }[];
  readonly firstRowAt: number | null;
  readonly seen: number;
}

async function readProbe(page: import('playwright-core').Page): Promise<ProbeState> {
  return page.evaluate(() => {
    const p = (window as unknown as { __bench: { longTasks: { start: number; duration: number }[]; firstRowAt: number | null; seen: Set<string> } }).__bench;
    return { longTasks: [...p.longTasks], firstRowAt: p.firstRowAt, seen: p.seen.size };
  });
}

/** Why the scenario cannot run here, or null when everything it needs is present. */
function missingPiece(): string | null {
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) return 'dist/renderer is not built (run: node scripts/build.mjs --renderer)';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (set CHROMIUM_PATH)`;
  if (!existsSync(path.join(REPO_ROOT, 'electron', 'hosts', 'browser', 'server.ts'))) return 'the browser host (electron/hosts/browser/server.ts) does not exist yet';
  return null;
}

function unavailable(reason: string): ScenarioResult[] {
  const strip = (r: ReturnType<typeof failedResult>): ScenarioResult => {
    const { crashed: _c, ...rest } = r;
    return rest;
  };
  return [strip(failedResult(FIRST_ROWS_NAME, FIRST_ROWS_TARGET, reason, false)), strip(failedResult(SCROLL_NAME, SCROLL_TARGET, reason, false))];
}

export async function rendererScenario(ctx: BenchContext, store: Store): Promise<ScenarioResult[]> {
  const missing = missingPiece();
  if (missing) {
    ctx.log(`renderer: skipped — ${missing}`);
    return unavailable(missing);
  }
  let startBrowserHost: typeof import('../../../electron/hosts/browser/server').startBrowserHost;
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ startBrowserHost } = await import('../../../electron/hosts/browser/server'));
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    const reason = `the browser host or playwright-core cannot be loaded: ${e instanceof Error ? e.message : String(e)}`;
    ctx.log(`renderer: skipped — ${reason}`);
    return unavailable(reason);
  }

  const core = await store.openAsClerk();
  const host = await startBrowserHost({ core, staticDir: STATIC_DIR, log: () => undefined });
  let browser: Browser | null = null;
  let lastPage: import('playwright-core').Page | null = null;
  const errors: string[] = [];
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const firstRows: number[] = [];
    const scrollMs: number[] = [];
    const loadLongTasks: number[] = [];
    const scrollLongTasks: number[] = [];
    let maxLoop = 0;
    let peakRss = 0;
    let seenAtEnd = 0;
    let pageErrors = 0;
    const runs = Math.min(ctx.opts.runs, MAX_RUNS);
    for (let i = 0; i < ctx.opts.warmup + runs; i++) {
      const measured = i >= ctx.opts.warmup;
      // A fresh context each run: empty cache and storage, as when the clerk opens the app.
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      try {
        await context.addInitScript(PAGE_PROBE);
        const page = await context.newPage();
        lastPage = page;
        page.on('pageerror', (e) => { pageErrors++; errors.push(`pageerror: ${e.message}`); });
        page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
        const watch = new Watch();
        // The reconcile page itself (概览 is the default page): the figure is its first rows, as before.
        await page.goto(`${host.url}#/reconcile`);
        await page.locator(ROW_SELECTOR).first().waitFor({ state: 'visible', timeout: 30_000 });
        const loaded = await readProbe(page);
        if (loaded.firstRowAt === null) throw new Error('a row is visible but the probe saw none');

        // Scroll with the wheel over the table until 5,000 distinct rows have been rendered.
        const table = page.getByTestId('invoice-table');
        const box = await table.boundingBox();
        if (!box) throw new Error('the invoice table has no box');
        await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
        const before = loaded.longTasks.length;
        const t0 = performance.now();
        let seen = loaded.seen;
        while (seen < SCROLL_ROWS) {
          if (performance.now() - t0 > SCROLL_TIMEOUT_MS) throw new Error(`scrolling stalled at ${seen} rows after ${SCROLL_TIMEOUT_MS / 1000} s`);
          await page.mouse.wheel(0, WHEEL_PX);
          seen = await page.evaluate(() => new Promise<number>((resolve) => {
            requestAnimationFrame(() => resolve((window as unknown as { __bench: { seen: Set<string> } }).__bench.seen.size));
          }));
        }
        const ms = performance.now() - t0;
        const end = await readProbe(page);
        const w = await watch.stop();
        if (measured) {
          firstRows.push(loaded.firstRowAt);
          scrollMs.push(ms);
          loadLongTasks.push(...loaded.longTasks.map((t) => t.duration));
          scrollLongTasks.push(...end.longTasks.slice(before).map((t) => t.duration));
          maxLoop = Math.max(maxLoop, w.maxLoopDelayMs);
          peakRss = Math.max(peakRss, w.peakRssMb);
          seenAtEnd = end.seen;
        }
        ctx.log(`renderer run ${i + 1}${measured ? '' : ' (warm-up)'}: first rows at ${loaded.firstRowAt.toFixed(0)} ms, ` +
          `${end.seen} rows scrolled in ${(ms / 1000).toFixed(1)} s, long tasks while scrolling: ${end.longTasks.length - before}` +
          `${end.longTasks.length > before ? ` (longest ${Math.max(...end.longTasks.slice(before).map((t) => t.duration)).toFixed(0)} ms)` : ''}`);
        lastPage = null;
      } finally {
        if (lastPage) {
          // Keep what the page showed when it failed, for whoever fixes it.
          const shot = path.join(REPO_ROOT, 'test-results', 'bench-renderer-failure.png');
          mkdirSync(path.dirname(shot), { recursive: true });
          await lastPage.screenshot({ path: shot }).catch(() => undefined);
        }
        await context.close();
      }
    }
    const longestScroll = scrollLongTasks.length > 0 ? Math.max(...scrollLongTasks) : 0;
    const longestLoad = loadLongTasks.length > 0 ? Math.max(...loadLongTasks) : 0;
    const firstMed = median(firstRows);
    const scrollMed = median(scrollMs);
    const rows = store.rows;
    return [
      {
        name: FIRST_ROWS_NAME,
        n: rows,
        median_ms: firstMed,
        p95_ms: percentile(firstRows, 95),
        ops_per_s: 1000 / firstMed,
        peak_rss_mb: peakRss,
        max_event_loop_delay_ms: maxLoop,
        target: FIRST_ROWS_TARGET,
        pass: firstMed <= FIRST_ROWS_LIMIT_MS && pageErrors === 0,
        runs: firstRows.length,
        note: `Chromium headless 1366×768, fresh context per run, time from navigation start to the first table row in the DOM; ` +
          `${loadLongTasks.length} long tasks during load (longest ${longestLoad.toFixed(0)} ms, not judged); ${pageErrors} page errors; ` +
          `RSS and loop delay are the main process's (core + browser host)`,
      },
      {
        name: SCROLL_NAME,
        n: SCROLL_ROWS,
        median_ms: scrollMed,
        p95_ms: percentile(scrollMs, 95),
        ops_per_s: (SCROLL_ROWS * 1000) / scrollMed,
        peak_rss_mb: peakRss,
        max_event_loop_delay_ms: maxLoop,
        target: SCROLL_TARGET,
        pass: longestScroll <= LONG_TASK_MS && scrollLongTasks.length === 0,
        runs: scrollMs.length,
        note: `mouse wheel ${WHEEL_PX} px per animation frame over the table, pages fetched through the host as the table asks; ` +
          `${scrollLongTasks.length} long tasks over all runs (longest ${longestScroll.toFixed(0)} ms); ${seenAtEnd} distinct rows rendered in the last run`,
      },
    ];
  } catch (e) {
    // The page not being ready (no rows, no table) is reported as such; it is not a bench crash.
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    const reason = `the reconcile page did not get through the scenario: ${first}${errors.length > 0 ? `; page said: ${errors.slice(0, 2).join(' | ')}` : ''} (screenshot: test-results/bench-renderer-failure.png)`;
    ctx.log(`renderer: ${reason}`);
    return unavailable(reason);
  } finally {
    await browser?.close();
    await host.close();
    await core.close();
  }
}
