// Unit: renderer/public/early.js sends the first screen's reads with exactly the inputs the hooks send later,
// and `invoke` takes each early answer once instead of asking again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countsInput, DEFAULT_SORT, listInput } from '../../../renderer/features/reconcile/list-input';
import { INITIAL_VIEW } from '../../../renderer/features/reconcile/view-state';
import { nextSort } from '../../../renderer/features/reconcile/InvoiceTable';

const SCRIPT = readFileSync(path.join(import.meta.dirname, '../../../renderer/public/early.js'), 'utf8');

interface Sent { channel: string; input: unknown }

/** Runs early.js against a stub window with the Electron bridge; returns what it sent and the early map. */
function runEarly(hash: string): { sent: Sent[]; early: Record<string, Promise<unknown>> } {
  const sent: Sent[] = [];
  const win: Record<string, unknown> = {
    location: { hash, href: `app://invoice-recon/${hash}` },
    api: { invoke: async (channel: string, input: unknown) => { sent.push({ channel, input }); return { ok: true, value: channel }; } },
  };
  runInNewContext(SCRIPT, { window: win, URL, JSON, encodeURIComponent });
  return { sent, early: win['__invoiceReconEarly'] as Record<string, Promise<unknown>> };
}

afterEach(() => { vi.unstubAllGlobals(); vi.resetModules(); });

describe('early reads', () => {
  it('asks for the reconcile page with the same input as its hooks (usePaged adds the cursor last)', () => {
    const { sent } = runEarly('#/reconcile');
    const list = sent.find((s) => s.channel === 'invoices:list');
    expect(JSON.stringify(list?.input)).toBe(JSON.stringify({ ...listInput(INITIAL_VIEW.filter, INITIAL_VIEW.sort), cursor: null }));
    expect(sent.find((s) => s.channel === 'invoices:counts')?.input).toEqual(countsInput(INITIAL_VIEW.filter));
    expect(INITIAL_VIEW.sort).toEqual(DEFAULT_SORT);
    expect(sent.map((s) => s.channel)).toEqual(['app:info', 'settings:get', 'jobs:active', 'workspaces:list', 'invoices:list', 'invoices:counts']);
  });

  it('asks for the overview, the default page, when the hash names no page', () => {
    for (const hash of ['', '#/', '#/overview', '#/nonsense']) {
      const { sent } = runEarly(hash);
      expect(sent.map((s) => s.channel)).toEqual(['app:info', 'settings:get', 'jobs:active', 'workspaces:list', 'overview:get']);
      expect(sent.find((s) => s.channel === 'overview:get')?.input).toEqual({});
    }
  });

  it('does not ask for invoices when the page opens on another tab', () => {
    const { sent } = runEarly('#/settings');
    expect(sent.map((s) => s.channel)).toEqual(['app:info', 'settings:get', 'jobs:active', 'workspaces:list']);
  });

  it('invoke takes an early answer once, then asks the bridge', async () => {
    const calls: string[] = [];
    const early = { 'jobs:active {}': Promise.resolve({ ok: true, value: [] }) };
    vi.stubGlobal('window', {
      __invoiceReconEarly: early,
      api: { invoke: async (channel: string) => { calls.push(channel); return { ok: true, value: [] }; }, on: () => () => undefined },
    });
    const { invoke } = await import('../../../renderer/api/client');
    await expect(invoke('jobs:active', {})).resolves.toEqual([]);
    expect(calls).toEqual([]);
    await expect(invoke('jobs:active', {})).resolves.toEqual([]);
    expect(calls).toEqual(['jobs:active']);
  });

  it('asks again when the early request failed in transit', async () => {
    const calls: string[] = [];
    const failed = Promise.reject(new Error('offline'));
    failed.catch(() => undefined);
    vi.stubGlobal('window', {
      __invoiceReconEarly: { 'jobs:active {}': failed },
      api: { invoke: async (channel: string) => { calls.push(channel); return { ok: true, value: [] }; }, on: () => () => undefined },
    });
    const { invoke } = await import('../../../renderer/api/client');
    await expect(invoke('jobs:active', {})).resolves.toEqual([]);
    expect(calls).toEqual(['jobs:active']);
  });
});

describe('header sort', () => {
  it('cycles ascending, descending, then back to the default order', () => {
    expect(nextSort(DEFAULT_SORT, 'amountFen')).toEqual({ field: 'amountFen', dir: 'asc' });
    expect(nextSort({ field: 'amountFen', dir: 'asc' }, 'amountFen')).toEqual({ field: 'amountFen', dir: 'desc' });
    expect(nextSort({ field: 'amountFen', dir: 'desc' }, 'amountFen')).toEqual(DEFAULT_SORT);
    expect(nextSort(DEFAULT_SORT, 'invoiceNo')).toEqual({ field: 'invoiceNo', dir: 'desc' });
  });
});
