// Issue 13 §6: a re-import never destroys work. Real emulators, real SQLite, the CLI as a child process.
// import → query → fill from Suning → submit (accepted) → re-import the ORIGINAL export (blank numbers):
// keep (default) leaves every accepted value intact; take replaces them and the invoices become outdated.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import { erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';
import type { AppCore } from '../../../electron/services/app-core';
import { call, envFor, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';
import { appErrorOf } from '../../support/app-error';
import { runCliProcess as cli } from '../../support/processes';

interface Filled { id: number; invoiceNo: string; invoiceNum: string; invoiceCode: string; pdfUrl: string }

describe('re-import after fill and submit (CLI, emulators)', () => {
  let sb: Sandbox;
  const tmp = tempDir();
  let env: Record<string, string>;
  let dataDir: string;
  let csv: string;
  let filled: Filled[] = [];

  async function withCore<T>(fn: (core: AppCore) => Promise<T>): Promise<T> {
    const core = await openCore(dataDir, sb, { resumeJobs: false });
    try {
      return await fn(core);
    } finally {
      await core.close();
    }
  }

  beforeAll(async () => {
    sb = await startSandbox({ orders: 60, seed: 13 });
    env = envFor(sb);
    dataDir = path.join(tmp.dir, 'data');
    csv = path.join(tmp.dir, 'erp.csv');
    writeFileSync(csv, erpRecordsToCsv(sb.erpRecords));
    const imp = await cli(['import', csv, '--data-dir', dataDir, '--json'], env);
    expect(imp.code).toBe(0);
    filled = await withCore(async (core) => {
      await runJob(core, 'jobs:startQuery');
      const page = await call(core, 'invoices:list', { filter: { reconStatus: ['fillable'] }, limit: 500 });
      const rows = page.rows.filter((r) => r.invoiceNum === '').slice(0, 5);
      expect(rows.length).toBeGreaterThan(1);
      const out: Filled[] = [];
      for (const r of rows) {
        const row = await call(core, 'invoices:applySuning', { id: r.id });
        expect(row.reconStatus).toBe('matched');
        out.push({ id: row.id, invoiceNo: row.invoiceNo, invoiceNum: row.invoiceNum, invoiceCode: row.invoiceCode, pdfUrl: row.pdfUrl });
      }
      const s = await runJob(core, 'jobs:startSubmit', out.map((f) => f.id));
      expect(s).toMatchObject({ state: 'done', failed: 0 });
      for (const f of out) expect(core.services.repos.invoices.getById(f.id)?.submitState).toBe('accepted');
      return out;
    });
  });
  afterAll(async () => {
    await sb.close();
    tmp.remove();
  });

  it('refuses a commit whose conflicts were not previewed, and one whose preview is stale', async () => {
    await withCore(async (core) => {
      const input = { fileName: 'erp.csv', contentBase64: erpRecordsToCsv(sb.erpRecords).toString('base64') };
      const before = core.services.repos.invoices.getById(filled[0]?.id ?? 0);
      const err = await appErrorOf(call(core, 'import:commit', input));
      expect(err.code).toBe('import.conflicts');
      expect(err.messageZh).toContain('发票号码');
      expect(err.messageZh).not.toContain('invoiceNum');
      const stale = await appErrorOf(call(core, 'import:commit', { ...input, conflictToken: 'not-the-preview' }));
      expect(stale.code).toBe('import.conflicts');
      expect(core.services.repos.invoices.getById(filled[0]?.id ?? 0)).toEqual(before);
      // A preview lists each conflict: app value → file value, why it is protected.
      const p = await call(core, 'import:preview', input);
      expect(p.conflicts?.invoices).toBe(filled.length);
      const first = filled[0];
      expect(p.conflicts?.items).toContainEqual({ invoiceNo: first?.invoiceNo, field: 'invoiceNum', appValue: first?.invoiceNum, fileValue: '', origin: 'suning', accepted: true });
      // The clerk edits one more invoice after the preview: that preview no longer covers what the commit would meet.
      const other = filled[1];
      await call(core, 'invoices:update', { id: other?.id ?? 0, patch: { errorInfo: '手工备注' } });
      const afterEdit = await appErrorOf(call(core, 'import:commit', { ...input, conflictToken: p.conflicts?.token ?? '' }));
      expect(afterEdit.code).toBe('import.conflicts');
      expect(afterEdit.details).toMatchObject({ stale: true });
      await call(core, 'invoices:update', { id: other?.id ?? 0, patch: { errorInfo: '' } });
    });
  });

  it('keeps the accepted values by default and prints each conflict with its Chinese label', async () => {
    const r = await cli(['import', csv, '--data-dir', dataDir], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept the app's values/);
    for (const f of filled) expect(r.stdout).toContain(`${f.invoiceNo} 发票号码 / invoice number (发票号码): ${f.invoiceNum} → —`);
    expect(r.stdout).not.toMatch(/invoiceNum|invoiceCode|pdfUrl/);
    await withCore(async (core) => {
      for (const f of filled) {
        const row = core.services.repos.invoices.getById(f.id);
        expect(row).toMatchObject({ invoiceNum: f.invoiceNum, invoiceCode: f.invoiceCode, pdfUrl: f.pdfUrl, submitState: 'accepted', reconStatus: 'matched' });
      }
    });
  });

  it('with --on-conflict take replaces them with the file\'s and marks those invoices outdated', async () => {
    const r = await cli(['import', csv, '--data-dir', dataDir, '--on-conflict', 'take', '--json'], env);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { conflicts: { choice: string; invoices: number; acceptedInvoices: number } };
    expect(j.conflicts).toMatchObject({ choice: 'take', invoices: filled.length, acceptedInvoices: filled.length });
    await withCore(async (core) => {
      const original = new Map(sb.erpRecords.map((e) => [e.invoiceNo, e]));
      for (const f of filled) {
        const row = core.services.repos.invoices.getById(f.id);
        const erp = original.get(f.invoiceNo);
        expect(row).toMatchObject({ invoiceNum: erp?.invoiceNum, invoiceCode: erp?.invoiceCode, pdfUrl: erp?.pdfUrl, submitState: 'outdated' });
      }
      // The audit log keeps what the take replaced.
      const audit = await call(core, 'audit:list', { action: 'import', limit: 1 });
      expect(audit.rows[0]?.details).toMatchObject({ onConflict: 'take', conflictInvoices: filled.length });
      // Those values are the ERP's again: a further re-import of the same file meets no conflict.
      const p = await call(core, 'import:preview', { fileName: 'erp.csv', contentBase64: erpRecordsToCsv(sb.erpRecords).toString('base64') });
      expect(p.conflicts).toMatchObject({ total: 0, token: null });
    });
  });
});
