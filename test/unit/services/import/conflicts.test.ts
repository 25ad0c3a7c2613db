// Unit tests (Node, real SQLite file): which re-import differences are conflicts, the token, and keep/take.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repositories, type Repositories } from '../../../../electron/db/repositories';
import type { InvoiceInput } from '../../../../electron/db/repositories/invoices';
import { conflictSummary, conflictsCsv, findConflicts } from '../../../../electron/services/import/conflicts';
import { commitImport } from '../../../../electron/services/import';
import { erpRecordsToCsv } from '../../../../electron/sandbox/erp-csv';
import { tempDb, type TempDb } from '../../db/temp-db';
import { appErrorOf } from '../../../support/app-error';

function rec(n: number, over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    invoiceNo: `F${String(n).padStart(5, '0')}`, orderNo: `${100000 + n}`, billType: '01', shop: '旗舰店', saleOrg: '10001',
    buyerTitle: '某某公司', amountFen: 1000 + n, taxAmountFen: null, invoiceDate: '2026-01-15', invoiceCode: '', invoiceNum: '',
    pdfUrl: '', targetStatus: 80, errorInfo: '', ...over,
  };
}

/** The ERP file for these records (what commitImport reads). */
function file(records: readonly InvoiceInput[]): Buffer {
  return erpRecordsToCsv(records.map((r) => ({
    invoiceNo: r.invoiceNo, orderNo: r.orderNo, billType: '01' as const, shop: r.shop, saleOrg: r.saleOrg, buyerTitle: r.buyerTitle,
    amountFen: r.amountFen, taxAmountFen: 0, invoiceDate: r.invoiceDate ?? '', invoiceCode: r.invoiceCode, invoiceNum: r.invoiceNum,
    pdfUrl: r.pdfUrl, status: 80 as const, errorInfo: r.errorInfo,
  })));
}

let t: TempDb;
let repos: Repositories;
beforeEach(() => {
  t = tempDb();
  repos = repositories(t.db);
  repos.invoices.upsertMany([rec(1), rec(2), rec(3), rec(4)], 'import:erp.csv');
});
afterEach(() => t.cleanup());

function idOf(n: number): number {
  const r = repos.invoices.getByInvoiceNo(rec(n).invoiceNo);
  if (!r) throw new Error('missing');
  return r.id;
}

function accept(n: number): void {
  const row = repos.invoices.getById(idOf(n));
  if (!row) throw new Error('missing');
  const sub = repos.submissions.enqueue(row.id, {
    invoice_no: row.invoiceNo, status: row.targetStatus, invoice_no_out: row.invoiceNum, invoice_code: row.invoiceCode, error_info: row.errorInfo, file_path: row.pdfUrl,
  });
  repos.submissions.markSending(sub);
  repos.submissions.markAccepted(sub, '0', 'ok');
}

describe('findConflicts', () => {
  it('is empty when nothing was written in the app or accepted, whatever the file changes', () => {
    const set = findConflicts(t.db, [rec(1, { invoiceNum: '12345678', pdfUrl: 'x' }), rec(2, { amountFen: 1 })]);
    expect(set).toMatchObject({ total: 0, token: null, items: [] });
  });

  it('names a clerk edit, a Suning fill and an accepted value, and never a field the app does not write', () => {
    repos.invoices.update(idOf(1), { errorInfo: '手工' });
    repos.appValues.mark(idOf(1), ['errorInfo'], 'edit');
    repos.invoices.update(idOf(2), { invoiceNum: '00010530', invoiceCode: '032002692011' });
    repos.appValues.mark(idOf(2), ['invoiceNum', 'invoiceCode'], 'suning');
    // Imported values, sent as they were and accepted: protected because Wangdiantong holds them.
    repos.invoices.upsertMany([rec(3, { invoiceNum: '11112222', invoiceCode: '044032620211' })], 'import:erp.csv');
    accept(3);
    const set = findConflicts(t.db, [rec(1), rec(2, { amountFen: 5 }), rec(3), rec(4, { invoiceNum: '99998888' })]);
    expect(set.items).toEqual([
      { invoiceNo: 'F00001', field: 'errorInfo', appValue: '手工', fileValue: '', origin: 'edit', accepted: false },
      { invoiceNo: 'F00002', field: 'invoiceNum', appValue: '00010530', fileValue: '', origin: 'suning', accepted: false },
      { invoiceNo: 'F00002', field: 'invoiceCode', appValue: '032002692011', fileValue: '', origin: 'suning', accepted: false },
      { invoiceNo: 'F00003', field: 'invoiceNum', appValue: '11112222', fileValue: '', origin: 'accepted', accepted: true },
      { invoiceNo: 'F00003', field: 'invoiceCode', appValue: '044032620211', fileValue: '', origin: 'accepted', accepted: true },
    ]);
    expect(set).toMatchObject({ total: 5, invoices: 3, acceptedInvoices: 1, byField: { errorInfo: 1, invoiceNum: 2, invoiceCode: 2 } });
    // The same file against the same state gives the same token; another state another one.
    expect(findConflicts(t.db, [rec(1), rec(2), rec(3)]).token).toBe(set.token);
    repos.invoices.update(idOf(1), { errorInfo: '手工2' });
    expect(findConflicts(t.db, [rec(1), rec(2), rec(3)]).token).not.toBe(set.token);
  });

  it('all of them as a CSV Excel opens right: BOM, labels, leading zeros kept as text; attached only beyond the table\'s cap', () => {
    repos.invoices.update(idOf(2), { invoiceNum: '00010530', invoiceCode: '032002692011' });
    repos.appValues.mark(idOf(2), ['invoiceNum', 'invoiceCode'], 'suning');
    const set = findConflicts(t.db, [rec(2)]);
    const text = conflictsCsv(set).toString('utf8');
    expect(text.startsWith('\uFEFF发票编号')).toBe(true);
    expect(text).toContain('F00002,发票号码 invoice number (发票号码),"=""00010530""",,采用苏宁结果 filled from Suning,否 no');
    expect(text).toContain('"=""032002692011"""');
    expect(conflictSummary(set).reportCsvBase64).toBeNull();
  });

  it('an app value the file already has is no conflict', () => {
    repos.invoices.update(idOf(1), { pdfUrl: 'https://a/1.pdf' });
    repos.appValues.mark(idOf(1), ['pdfUrl'], 'edit');
    expect(findConflicts(t.db, [rec(1, { pdfUrl: 'https://a/1.pdf' })]).total).toBe(0);
  });
});

describe('commitImport over conflicts', () => {
  it('keep: the app values stay while the ERP fields of the same invoice update; take: the file wins and the field is the ERP\'s again', async () => {
    repos.invoices.update(idOf(1), { invoiceNum: '00010530', invoiceCode: '032002692011' });
    repos.appValues.mark(idOf(1), ['invoiceNum', 'invoiceCode'], 'suning');
    const bytes = file([rec(1, { amountFen: 4242 }), rec(2), rec(3), rec(4)]);
    const refused = await appErrorOf(commitImport(t.db, { fileName: 'erp.csv', bytes, actor: 'test' }));
    expect(refused.code).toBe('import.conflicts');
    const token = findConflicts(t.db, [rec(1, { amountFen: 4242 })]).token ?? '';
    const kept = await commitImport(t.db, { fileName: 'erp.csv', bytes, actor: 'test', conflictToken: token });
    expect(kept.conflicts).toMatchObject({ choice: 'keep', total: 2 });
    expect(repos.invoices.getById(idOf(1))).toMatchObject({ invoiceNum: '00010530', invoiceCode: '032002692011', amountFen: 4242 });
    const took = await commitImport(t.db, { fileName: 'erp.csv', bytes, actor: 'test', conflictToken: token, onConflict: 'take' });
    expect(took.conflicts).toMatchObject({ choice: 'take', total: 2 });
    expect(repos.invoices.getById(idOf(1))).toMatchObject({ invoiceNum: '', invoiceCode: '' });
    expect(repos.appValues.originsOf(idOf(1)).size).toBe(0);
  });
});
