// Issue 13 §3: bulk 采用苏宁结果 — preview (counts, field by field, sample, every typed value it would replace),
// one transaction, undo of one invoice or the whole batch from the audit log; an undo after Wangdiantong accepted
// the filled values says so and leaves those invoices outdated. Real emulators, real SQLite, the handler table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import type { AppCore } from '../../../electron/services/app-core';
import type { InvoiceRow } from '../../../shared/domain/invoice';
import { call, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';
import { appErrorOf } from '../../support/app-error';

import type { Selection } from '../../../shared/api/schemas';

const FILTER: Selection = { kind: 'filter', filter: { reconStatus: ['fillable', 'amount_mismatch'] } };

function values(r: InvoiceRow | null | undefined) {
  return r ? { invoiceNum: r.invoiceNum, invoiceCode: r.invoiceCode, pdfUrl: r.pdfUrl, targetStatus: r.targetStatus, errorInfo: r.errorInfo } : null;
}

describe('bulk 采用苏宁结果 with preview and undo', () => {
  let sb: Sandbox;
  let core: AppCore;
  const tmp = tempDir();
  let fillable: InvoiceRow[] = [];
  let typed: InvoiceRow;
  let batch = '';

  beforeAll(async () => {
    sb = await startSandbox({ orders: 120, seed: 11 });
    core = await openCore(tmp.dir, sb);
    await importSeed(core, sb);
    await runJob(core, 'jobs:startQuery');
    fillable = (await call(core, 'invoices:list', { filter: { reconStatus: ['fillable'] }, limit: 500 })).rows;
    expect(fillable.length).toBeGreaterThan(4);
    // The clerk typed a PDF link on one of them by hand; Suning's link would replace it.
    const withSuningPdf = fillable.find((r) => r.pdfUrl === '');
    if (!withSuningPdf) throw new Error('the seed has no fillable invoice without a PDF link');
    typed = await call(core, 'invoices:update', { id: withSuningPdf.id, patch: { pdfUrl: 'https://clerk.example/typed-by-hand.pdf', errorInfo: '手工备注' } });
  });
  afterAll(async () => {
    await core.close();
    await sb.close();
    tmp.remove();
  });

  it('previews how many change, field by field, a sample, the skipped per reason and every typed value it replaces', async () => {
    const p = await call(core, 'invoices:applySuningPreview', { selection: FILTER });
    const mismatches = (await call(core, 'invoices:counts', {})).byRecon.amount_mismatch;
    expect(p.selected).toBe(fillable.length + mismatches);
    expect(p.changing).toBe(fillable.length);
    expect(p.skipped).toContainEqual(expect.objectContaining({ key: 'amount_mismatch', count: mismatches, reason: expect.stringContaining('金额不符') }));
    expect(p.byField.invoiceNum).toBe(fillable.filter((r) => r.invoiceNum === '').length);
    expect(p.sample.length).toBe(Math.min(20, fillable.length));
    expect(p.sample[0]?.fields.find((f) => f.field === 'invoiceNum')).toMatchObject({ before: '', after: expect.stringMatching(/^\d+$/) });
    expect(p.typedOverwrites).toEqual([
      expect.objectContaining({ invoiceId: typed.id, field: 'pdfUrl', before: 'https://clerk.example/typed-by-hand.pdf' }),
      expect.objectContaining({ invoiceId: typed.id, field: 'errorInfo', before: '手工备注', after: '' }),
    ]);
    expect(p.typedOverwritesTotal).toBe(2);
    expect(p.token).toMatch(/^[0-9a-f]{40}$/);
    // A preview changes nothing.
    expect(values(core.services.repos.invoices.getById(typed.id))).toEqual(values(typed));
  });

  it('refuses a token that is not the preview of the current state, changing nothing', async () => {
    const p = await call(core, 'invoices:applySuningPreview', { selection: FILTER });
    const other = fillable.find((r) => r.id !== typed.id);
    await call(core, 'invoices:update', { id: other?.id ?? 0, patch: { errorInfo: 'x' } });
    const err = await appErrorOf(call(core, 'invoices:applySuningBulk', { selection: FILTER, token: p.token ?? '' }));
    expect(err.code).toBe('conflict');
    expect(err.details).toMatchObject({ stale: true });
    await call(core, 'invoices:update', { id: other?.id ?? 0, patch: { errorInfo: '' } });
    const counts = await call(core, 'invoices:counts', {});
    expect(counts.byRecon.fillable).toBe(fillable.length);
  });

  it('applies the previewed batch in one go: every fillable invoice becomes matched', async () => {
    const p = await call(core, 'invoices:applySuningPreview', { selection: FILTER });
    const r = await call(core, 'invoices:applySuningBulk', { selection: FILTER, token: p.token ?? '' });
    batch = r.batch;
    expect(r.changed).toBe(fillable.length);
    const counts = await call(core, 'invoices:counts', {});
    expect(counts.byRecon.fillable).toBe(0);
    for (const f of fillable) expect(core.services.repos.invoices.getById(f.id)?.reconStatus).toBe('matched');
    const audit = await call(core, 'audit:list', { action: 'invoice.apply_suning_bulk', limit: 5 });
    expect(audit.rows[0]?.details).toMatchObject({ batch, changed: fillable.length });
    // Nothing left to apply: a second preview is empty.
    expect(await call(core, 'invoices:applySuningPreview', { selection: FILTER })).toMatchObject({ changing: 0, token: null });
  });

  it('undoes one invoice exactly, then the batch; accepted ones are said so and left outdated, changed ones are not touched', async () => {
    const others = fillable.filter((r) => r.id !== typed.id);
    // One whose PDF link the batch filled (it had none): the clerk replaces that link after the fill.
    const edited = others.find((r) => r.pdfUrl === '');
    const [one, sentA, sentB] = others.filter((r) => r !== edited);
    if (!one || !sentA || !sentB || !edited) throw new Error('need four fillable invoices');
    // Two of them go to Wangdiantong with the filled values and are accepted.
    const s = await runJob(core, 'jobs:startSubmit', [sentA.id, sentB.id]);
    expect(s).toMatchObject({ state: 'done', failed: 0 });
    // The clerk changes one after the fill.
    await call(core, 'invoices:update', { id: edited.id, patch: { pdfUrl: 'https://clerk.example/after-the-fill.pdf' } });

    const d = await call(core, 'invoices:get', { id: one.id });
    expect(d.undoableApply?.batch).toBe(batch);
    const u1 = await call(core, 'invoices:undoApplySuning', { batch, invoiceId: one.id });
    expect(u1).toMatchObject({ restored: 1, outdatedInvoiceNos: [], skipped: [] });
    expect(values(core.services.repos.invoices.getById(one.id))).toEqual(values(one));
    expect(core.services.repos.invoices.getById(one.id)?.reconStatus).toBe('fillable');
    expect((await call(core, 'invoices:get', { id: one.id })).undoableApply).toBeNull();

    const all = await call(core, 'invoices:undoApplySuning', { batch });
    expect(all.restored).toBe(fillable.length - 2);
    expect(all.skipped).toHaveLength(2);
    expect(new Set(all.outdatedInvoiceNos)).toEqual(new Set([sentA.invoiceNo, sentB.invoiceNo]));
    expect(all.message).toContain('旺店通');
    expect(all.skipped).toContainEqual({ invoiceNo: one.invoiceNo, reason: '已撤销过', reasonEn: 'already undone' });
    expect(all.skipped).toContainEqual(expect.objectContaining({ invoiceNo: edited.invoiceNo, reason: '填入后已被修改（下载地址），未撤销', reasonEn: 'changed after the fill (PDF link); not undone' }));
    for (const r of [sentA, sentB]) {
      const now = core.services.repos.invoices.getById(r.id);
      expect(values(now)).toEqual(values(r));
      expect(now?.submitState).toBe('outdated');
    }
    // The clerk's typed values are back exactly, and are the clerk's again for a later re-import.
    expect(values(core.services.repos.invoices.getById(typed.id))).toEqual(values(typed));
    expect(core.services.repos.appValues.originsOf(typed.id).get('pdfUrl')).toBe('edit');
    // The one changed after the fill kept that change.
    expect(core.services.repos.invoices.getById(edited.id)?.pdfUrl).toBe('https://clerk.example/after-the-fill.pdf');
  });

  it('the single 采用苏宁结果 is undoable too', async () => {
    const row = (await call(core, 'invoices:list', { filter: { reconStatus: ['fillable'] }, limit: 1 })).rows[0];
    if (!row) throw new Error('no fillable invoice left');
    const filled = await call(core, 'invoices:applySuning', { id: row.id });
    expect(filled.reconStatus).toBe('matched');
    const d = await call(core, 'invoices:get', { id: row.id });
    const u = await call(core, 'invoices:undoApplySuning', { batch: d.undoableApply?.batch ?? '', invoiceId: row.id });
    expect(u.restored).toBe(1);
    expect(values(core.services.repos.invoices.getById(row.id))).toEqual(values(row));
  });
});
