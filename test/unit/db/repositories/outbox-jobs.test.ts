// Unit tests (Node, real SQLite file): suning results, outbox, jobs, audit, settings, secrets — and that the
// derived status columns follow every change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubmissionPayload, SuningInvoice } from '../../../../shared/domain/invoice';
import { repositories, type Repositories } from '../../../../electron/db/repositories/index';
import { refreshDerived } from '../../../../electron/db/derived';
import { openDatabase } from '../../../../electron/db/open';
import { tempDb, type TempDb } from '../temp-db';

let t: TempDb;
let r: Repositories;

function blue(over: Partial<SuningInvoice> = {}): SuningInvoice {
  return {
    orderNo: 'O1', orderItemId: 'I1', saleOrg: '10001', saleTaxNo: '91320000X', invoiceFlag: '01', invoiceType: 1,
    invoiceCode: '032001700211', invoiceNum: '00012345', amountFen: 10050, noTaxAmountFen: 8894, invoiceDate: '2026-01-02',
    securityCode: '12345678901234567890', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '', logisticsComp: '',
    invoiceStatus: '2', pdfUrl: 'https://example.test/a.pdf', ...over,
  };
}

function seed(): number {
  r.invoices.upsertMany([{
    invoiceNo: 'F1', orderNo: 'O1', billType: '01', shop: 'S', saleOrg: '10001', buyerTitle: 'B', amountFen: 10050,
    taxAmountFen: null, invoiceDate: '2026-01-02', invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80, errorInfo: '',
  }], 'test');
  const row = r.invoices.getByInvoiceNo('F1');
  if (!row) throw new Error('seed failed');
  return row.id;
}

function payload(over: Partial<SubmissionPayload> = {}): SubmissionPayload {
  return { invoice_no: 'F1', status: 80, invoice_no_out: '00012345', invoice_code: '032001700211', error_info: '', file_path: 'https://example.test/a.pdf', ...over };
}

beforeEach(() => {
  t = tempDb();
  r = repositories(t.db);
});
afterEach(() => t.cleanup());

describe('suning results and the derived reconciliation columns', () => {
  it('a failed query after an answer keeps that answer\'s verdict and sets the failure flag until a query succeeds', () => {
    const id = seed();
    r.suning.logQuery({ orderNo: 'O1', billType: '01', outcome: 'error', invoices: 0, code: 'platform.network', message: '无法连接苏宁', at: '2026-01-02T00:00:00.000Z' });
    // Nothing known yet: query failed, flagged.
    expect(r.invoices.getById(id)).toMatchObject({ reconStatus: 'query_failed', queriedAt: '2026-01-02T00:00:00.000Z', queryFailedAt: '2026-01-02T00:00:00.000Z', queryFailedReason: '无法连接苏宁' });
    r.suning.replaceForOrder('O1', [blue()], { raw: 'item' });
    r.suning.logQuery({ orderNo: 'O1', billType: '01', outcome: 'found', invoices: 1, at: '2026-01-03T00:00:00.000Z' });
    expect(r.invoices.getById(id)).toMatchObject({ reconStatus: 'fillable', queriedAt: '2026-01-03T00:00:00.000Z', queryFailedAt: null, queryFailedReason: '' });
    r.suning.logQuery({ orderNo: 'O1', billType: '01', outcome: 'error', invoices: 0, code: '9999', message: '系统繁忙', at: '2026-01-04T00:00:00.000Z' });
    expect(r.invoices.getById(id)).toMatchObject({
      reconStatus: 'fillable', suningInvoiceNum: '00012345', queriedAt: '2026-01-03T00:00:00.000Z', queryFailedAt: '2026-01-04T00:00:00.000Z', queryFailedReason: '9999: 系统繁忙',
    });
    r.suning.logQuery({ orderNo: 'O1', billType: '01', outcome: 'no_result', invoices: 0, at: '2026-01-05T00:00:00.000Z' });
    expect(r.invoices.getById(id)).toMatchObject({ reconStatus: 'not_issued', queryFailedAt: null });
  });

  it('moves from not_queried to not_issued to fillable as results arrive', () => {
    const id = seed();
    expect(r.invoices.getById(id)).toMatchObject({ reconStatus: 'not_queried', queriedAt: null, suningInvoiceNum: '' });

    r.suning.logQuery({ orderNo: 'O1', billType: '01', outcome: 'no_result', invoices: 0, code: 'biz.handler.data-get:no-result', message: '无结果', at: '2026-01-03T00:00:00.000Z' });
    expect(r.invoices.getById(id)).toMatchObject({ reconStatus: 'not_issued', queriedAt: '2026-01-03T00:00:00.000Z' });

    r.suning.replaceForOrder('O1', [blue()], { raw: 'item' });
    r.suning.logQuery({ orderNo: 'O1', billType: '01', outcome: 'found', invoices: 1, at: '2026-01-04T00:00:00.000Z' });
    expect(r.invoices.getById(id)).toMatchObject({ reconStatus: 'fillable', suningInvoiceNum: '00012345', suningAmountFen: 10050, queriedAt: '2026-01-04T00:00:00.000Z' });
    expect(r.suning.listForOrder('O1')).toEqual([blue()]);
    expect(r.suning.lastQuery('O1')).toMatchObject({ outcome: 'found', invoices: 1 });

    r.invoices.update(id, { invoiceNum: '00012345', invoiceCode: '032001700211', pdfUrl: 'https://example.test/a.pdf' });
    expect(r.invoices.getById(id)?.reconStatus).toBe('matched');

    // Replacing keeps exactly the new answer, raw payload included.
    r.suning.replaceForOrder('O1', [blue({ invoiceNum: '00099999', orderItemId: 'I2' })], { raw: 'second' });
    expect(r.suning.listForOrder('O1').map((s) => s.invoiceNum)).toEqual(['00099999']);
    expect(t.db.prepare("SELECT raw FROM suning_invoices WHERE order_no = 'O1'").pluck().all()).toEqual(['{"raw":"second"}']);
    expect(r.invoices.getById(id)?.reconStatus).toBe('number_mismatch');
  });

  it('pages the query log newest first with a search', () => {
    for (let i = 0; i < 5; i++) r.suning.logQuery({ orderNo: `O${i}`, billType: '01', outcome: 'error', invoices: 0, code: 'platform.network', message: 'x' });
    const first = r.suning.listQueries({ limit: 2 });
    expect(first.rows.map((q) => q.orderNo)).toEqual(['O4', 'O3']);
    const second = r.suning.listQueries({ limit: 2, cursor: first.nextCursor });
    expect(second.rows.map((q) => q.orderNo)).toEqual(['O2', 'O1']);
    expect(r.suning.listQueries({ limit: 10, search: 'O3' }).rows.map((q) => q.orderNo)).toEqual(['O3']);
  });

  it('refreshDerived on all rows is a no-op when nothing changed', () => {
    seed();
    expect(refreshDerived(t.db, 'all')).toBe(0);
    t.db.prepare("UPDATE invoices SET recon_status = 'split'").run();
    expect(refreshDerived(t.db, 'all')).toBe(1);
    expect(r.invoices.getByInvoiceNo('F1')?.reconStatus).toBe('not_queried');
  });
});

describe('submission outbox', () => {
  it('walks queued → sending → accepted and derives the submit state, then outdated after an edit', () => {
    const id = seed();
    const sid = r.submissions.enqueue(id, payload(), null);
    expect(r.submissions.get(sid)).toMatchObject({ state: 'queued', attempts: 0, invoiceNo: 'F1' });
    expect(r.invoices.getById(id)?.submitState).toBe('queued');
    r.submissions.markSending(sid);
    expect(r.submissions.get(sid)).toMatchObject({ state: 'sending', attempts: 1 });
    expect(r.invoices.getById(id)?.submitState).toBe('sending');
    r.invoices.update(id, { invoiceNum: '00012345', invoiceCode: '032001700211', pdfUrl: 'https://example.test/a.pdf' });
    r.submissions.markAccepted(sid, '0', 'ok');
    expect(r.invoices.getById(id)?.submitState).toBe('accepted');
    r.invoices.update(id, { pdfUrl: 'https://example.test/b.pdf' });
    expect(r.invoices.getById(id)?.submitState).toBe('outdated');
  });

  it('records a rejection with its code and message, and refuses impossible transitions', () => {
    const id = seed();
    const sid = r.submissions.enqueue(id, payload(), null);
    expect(() => r.submissions.markAccepted(sid)).toThrow(expect.objectContaining({ code: 'conflict' }) as Error);
    r.submissions.markSending(sid);
    r.submissions.markRejected(sid, '30000', '发票编号在系统中不存在');
    expect(r.submissions.latestForInvoice(id)).toMatchObject({ state: 'rejected', platformCode: '30000', message: '发票编号在系统中不存在' });
    expect(r.invoices.getById(id)?.submitState).toBe('rejected');
    expect(() => r.submissions.markSending(sid)).toThrow(expect.objectContaining({ code: 'conflict' }) as Error);
  });

  it('after a crash every sending becomes unknown, survives reopening, and can be sent again', () => {
    const id = seed();
    // An older accepted submission b, then a newer one a in flight at the crash (only the newest may be sent).
    const b = r.submissions.enqueue(id, payload({ error_info: 'x' }), null);
    r.submissions.markSending(b);
    r.submissions.markAccepted(b);
    const a = r.submissions.enqueue(id, payload(), null);
    r.submissions.markSending(a);
    t.db.close();
    const db = openDatabase(t.file);
    const again = repositories(db);
    const recovered = again.submissions.recoverAfterCrash();
    expect(recovered.map((s) => [s.id, s.state])).toEqual([[a, 'unknown']]);
    expect(again.submissions.get(a)?.state).toBe('unknown');
    expect(again.submissions.recoverAfterCrash()).toEqual([]);
    again.submissions.markSending(a);
    expect(again.submissions.get(a)).toMatchObject({ state: 'sending', attempts: 2 });
    expect(again.submissions.listForInvoice(id).map((s) => s.id)).toEqual([a, b]);
    expect(again.submissions.list({ state: ['sending'], limit: 10 }).rows.map((s) => s.id)).toEqual([a]);
    db.close();
  });

  it('pages the history newest first with state and prefix filters combined, and refuses a forged cursor', () => {
    // One invoice per row: a second row of the same invoice would supersede the first.
    const ids = Array.from({ length: 5 }, (_, i) => {
      const no = i < 3 ? `F1-${i}` : `G${i}`;
      r.invoices.upsertMany([{
        invoiceNo: no, orderNo: `O${i}`, billType: '01', shop: 'S', saleOrg: '10001', buyerTitle: 'B', amountFen: 100,
        taxAmountFen: null, invoiceDate: '2026-01-02', invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80, errorInfo: '',
      }], 'test');
      return r.submissions.enqueue(r.invoices.getByInvoiceNo(no)?.id ?? -1, payload({ invoice_no: no }), null);
    });
    r.submissions.markSending(ids[1] ?? 0);
    const page = (cursor: string | null) => r.submissions.list({ state: ['queued'], search: ' F1 ', limit: 1, cursor });
    const first = page(null);
    expect(first.rows.map((s) => s.id)).toEqual([ids[2]]);
    const second = page(first.nextCursor);
    expect(second.rows.map((s) => s.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    expect(() => r.submissions.list({ limit: 1, cursor: Buffer.from('["x"]').toString('base64url') })).toThrow(/cursor/);
  });
});

describe('苏宁金额 of orders without a single valid blue', () => {
  it('stores the total of the valid blues for a split order and 0 for a fully reversed one (the table showed —)', () => {
    const id = seed();
    const found = (at: string) => r.suning.logQuery({ orderNo: 'O1', billType: '01', outcome: 'found', invoices: 2, at });
    r.suning.replaceForOrder('O1', [blue({ invoiceNum: '00000001', amountFen: 6000 }), blue({ invoiceNum: '00000002', amountFen: 4050 })], { raw: 'item' });
    found('2026-01-04T00:00:00.000Z');
    expect(r.invoices.getById(id)).toMatchObject({ reconStatus: 'split', suningInvoiceNum: '', suningAmountFen: 10050 });
    r.suning.replaceForOrder('O1', [
      blue({ invoiceNum: '00000001', amountFen: 10050 }),
      blue({ invoiceType: -1, invoiceNum: '00000003', amountFen: -10050, oldInvoiceCode: '032001700211', oldInvoiceNum: '00000001' }),
    ], { raw: 'item' });
    found('2026-01-05T00:00:00.000Z');
    expect(r.invoices.getById(id)).toMatchObject({ reconStatus: 'reversed', suningAmountFen: 0 });
  });
});

describe('jobs', () => {
  it('persists items so a reopened database resumes where it stopped', () => {
    const ids = Array.from({ length: 5 }, (_, i) => {
      r.invoices.upsertMany([{
        invoiceNo: `J${i}`, orderNo: `O${i}`, billType: '01', shop: '', saleOrg: '', buyerTitle: '', amountFen: 1, taxAmountFen: null,
        invoiceDate: null, invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80, errorInfo: '',
      }], 'x');
      return r.invoices.getByInvoiceNo(`J${i}`)?.id ?? -1;
    });
    const jobId = r.jobs.create('suning_query', { batchSize: 2 }, [...ids, ids[0] ?? -1]);
    expect(r.jobs.progress(jobId)).toMatchObject({ kind: 'suning_query', state: 'running', total: 5, done: 0, failed: 0, params: { batchSize: 2 } });
    const firstTwo = r.jobs.nextPending(jobId, 2);
    expect(firstTwo).toEqual(ids.slice(0, 2));
    r.jobs.markItemDone(jobId, firstTwo[0] ?? -1);
    r.jobs.markItemFailed(jobId, firstTwo[1] ?? -1, 'platform.network', 'timeout');
    r.jobs.markItemFailed(jobId, firstTwo[1] ?? -1, 'platform.network', 'timeout again');
    expect(r.jobs.progress(jobId)).toMatchObject({ done: 2, failed: 1 });

    t.db.close();
    const db = openDatabase(t.file);
    const again = repositories(db);
    expect(again.jobs.listResumable().map((j) => j.jobId)).toEqual([jobId]);
    expect(again.jobs.nextPending(jobId, 10)).toEqual(ids.slice(2));
    expect(again.jobs.retryFailed(jobId)).toBe(1);
    expect(again.jobs.progress(jobId)).toMatchObject({ done: 1, failed: 0 });
    const err = { code: 'platform.rate_limit', message: '频率超限', messageEn: 'rate limited' };
    const done = again.jobs.setState(jobId, 'done', err);
    expect(done.finishedAt).not.toBeNull();
    expect(done.lastError).toEqual(err);
    expect(again.jobs.listResumable()).toEqual([]);
    expect(again.jobs.items(jobId, 'done').map((i) => i.invoiceId)).toEqual([ids[0]]);
    db.close();
  });
});

describe('audit, settings, secrets, import memory', () => {
  it('appends and pages the audit log newest first, filtered by action', () => {
    r.audit.append('clerk', 'import', 'a.csv', { rows: 3 });
    r.audit.append('clerk', 'settings.update', null, { keys: ['language'] });
    r.audit.append('clerk', 'import', 'b.csv', { rows: 1 });
    const imports = r.audit.list({ action: 'import', limit: 1 });
    expect(imports.rows).toMatchObject([{ action: 'import', target: 'b.csv', details: { rows: 1 } }]);
    expect(r.audit.list({ action: 'import', limit: 1, cursor: imports.nextCursor }).rows).toMatchObject([{ target: 'a.csv' }]);
  });

  it('stores settings as JSON and secrets as ciphertext with a hint', () => {
    expect(r.settings.get('language')).toBeUndefined();
    r.settings.set('language', 'en-US');
    r.settings.set('suning', { rps: 2, format: 'json' });
    expect(r.settings.get('language')).toBe('en-US');
    expect(r.settings.get('suning')).toEqual({ rps: 2, format: 'json' });

    const cipher = Buffer.from([1, 2, 3, 250]);
    r.secrets.put('suning.appSecret', cipher, '••••9f');
    expect(r.secrets.get('suning.appSecret')).toMatchObject({ ciphertext: cipher, hint: '••••9f' });
    expect(r.secrets.list()).toMatchObject([{ name: 'suning.appSecret', hint: '••••9f' }]);
    expect(r.secrets.delete('suning.appSecret')).toBe(true);
    expect(r.secrets.get('suning.appSecret')).toBeNull();
  });

  it('remembers a mapping per header signature', () => {
    expect(r.imports.mappingFor('sig')).toBeNull();
    r.imports.rememberMapping('sig', '导出_#.csv', ['单号', '钱'], { orderNo: '单号', amount: '钱' });
    expect(r.imports.mappingFor('sig')).toMatchObject({ filePattern: '导出_#.csv', headers: ['单号', '钱'], mapping: { orderNo: '单号', amount: '钱' } });
  });
});
