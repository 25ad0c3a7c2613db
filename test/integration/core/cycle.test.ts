// The whole clerk cycle through the handler table: import → query → reconcile → fill → submit → export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import type { AppCore } from '../../../electron/services/app-core';
import { call, exportedFile, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';

describe('import → query → reconcile → fill → submit → export', () => {
  let sb: Sandbox;
  let core: AppCore;
  const tmp = tempDir();

  beforeAll(async () => {
    sb = await startSandbox({ orders: 120, seed: 11 });
    core = await openCore(tmp.dir, sb);
  });
  afterAll(async () => {
    await core.close();
    await sb.close();
    tmp.remove();
  });

  it('imports every ERP record, and a re-import changes nothing', async () => {
    const first = await importSeed(core, sb);
    expect(first.invalid).toEqual([]);
    expect(first.inserted).toBe(sb.erpRecords.length);
    const again = await importSeed(core, sb);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: sb.erpRecords.length });
    const counts = await call(core, 'invoices:counts', {});
    expect(counts.byRecon.not_queried).toBe(sb.erpRecords.length);
  });

  it('queries Suning in bulk and derives a status for every invoice', async () => {
    const p = await runJob(core, 'jobs:startQuery');
    expect(p.state).toBe('done');
    expect(p.done + p.failed).toBe(sb.erpRecords.length);
    // A 9999 answer fails the whole request; the job retries bill by bill so only the culprit fails.
    const failedOrders = new Set(core.services.repos.jobs.items(p.jobId, 'failed').map((i) => core.services.repos.invoices.getById(i.invoiceId)?.orderNo));
    expect([...failedOrders].every((o) => sb.data.failingOrders.has(o ?? ''))).toBe(true);
    const counts = await call(core, 'invoices:counts', {});
    expect(counts.byRecon.not_queried).toBe(0);
    // The seed mixes every case; each must be recognised.
    for (const status of ['fillable', 'matched', 'not_issued', 'reversed', 'split'] as const) {
      expect(counts.byRecon[status], status).toBeGreaterThan(0);
    }
    const statusesSeen = Object.entries(counts.byRecon).filter(([, n]) => n > 0).length;
    expect(statusesSeen).toBeGreaterThanOrEqual(7);
  });

  it('fills a fillable invoice from Suning and it becomes matched', async () => {
    const page = await call(core, 'invoices:list', { filter: { reconStatus: ['fillable'] }, limit: 5 });
    const target = page.rows[0];
    expect(target).toBeDefined();
    if (!target) return;
    const detail = await call(core, 'invoices:get', { id: target.id });
    expect(detail.validBlue).not.toBeNull();
    const row = await call(core, 'invoices:applySuning', { id: target.id });
    expect(row.invoiceNum).toBe(detail.validBlue?.invoiceNum);
    expect(row.reconStatus).toBe('matched');
    const audit = await call(core, 'audit:list', { action: 'invoice.apply_suning', limit: 10 });
    expect(audit.rows[0]?.target).toBe(target.invoiceNo);
  });

  it('refuses to fill an invoice that has no single valid blue', async () => {
    const page = await call(core, 'invoices:list', { filter: { reconStatus: ['split'] }, limit: 1 });
    const id = page.rows[0]?.id ?? 0;
    await expect(call(core, 'invoices:applySuning', { id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('submits the matched invoices; Wangdiantong holds exactly what was sent', async () => {
    const matched = await call(core, 'invoices:list', { filter: { reconStatus: ['matched'] }, limit: 500 });
    const ids = matched.rows.map((r) => r.id);
    const p = await runJob(core, 'jobs:startSubmit', ids);
    expect(p).toMatchObject({ state: 'done', done: ids.length, failed: 0 });
    for (const r of matched.rows) {
      const erp = sb.wangdianEmulator.store.get(r.invoiceNo);
      expect(erp?.invoiceNum).toBe(r.invoiceNum);
      expect(erp?.invoiceCode).toBe(r.invoiceCode);
    }
    const counts = await call(core, 'invoices:counts', {});
    expect(counts.bySubmit.accepted).toBe(ids.length);
    const history = await call(core, 'submissions:list', { state: ['accepted'], limit: 500 });
    expect(history.rows).toHaveLength(ids.length);
  });

  it('marks an accepted invoice outdated when it is edited afterwards', async () => {
    const accepted = await call(core, 'invoices:list', { filter: { submitState: ['accepted'] }, limit: 1 });
    const row = accepted.rows[0];
    if (!row) throw new Error('no accepted row');
    const edited = await call(core, 'invoices:update', { id: row.id, patch: { pdfUrl: 'https://example.cn/changed.pdf' } });
    expect(edited.submitState).toBe('outdated');
  });

  it('exports the current view as CSV with BOM, Chinese headers and protected digits', async () => {
    const out = await call(core, 'export:invoices', { filter: { reconStatus: ['matched'] }, format: 'csv' });
    const text = exportedFile(core, out).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n').filter((l) => l.length > 0);
    expect(lines[0]).toContain('发票编号');
    expect(lines).toHaveLength(out.rows + 1);
    const counts = await call(core, 'invoices:counts', {});
    expect(out.rows).toBe(counts.byRecon.matched);
    // ="044032659011" keeps the leading zero in Excel; CSV quoting doubles its quotes.
    expect(text).toMatch(/"=""0\d{11}"""/);
  });

  it('exports XLSX too', async () => {
    const out = await call(core, 'export:invoices', { filter: {}, format: 'xlsx' });
    expect(exportedFile(core, out).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(out.rows).toBe(sb.erpRecords.length);
  });
});
