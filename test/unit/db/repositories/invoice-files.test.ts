// Unit tests (Node, real SQLite file): the archived files of Suning invoices (invoice_files) and the derived
// file_verdict column, which follows every change the way recon_status does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SuningInvoice } from '../../../../shared/domain/invoice';
import type { EinvoiceFacts } from '../../../../shared/domain/einvoice-file';
import { FILE_VERDICTS } from '../../../../shared/domain/einvoice-file';
import { invoiceRowSchema } from '../../../../shared/domain/invoice';
import { repositories, type Repositories } from '../../../../electron/db/repositories/index';
import type { FileRecord } from '../../../../electron/db/repositories/invoice-files';
import { tempDb, type TempDb } from '../temp-db';

let t: TempDb;
let r: Repositories;

const SHA = 'b'.repeat(64);

function blue(over: Partial<SuningInvoice> = {}): SuningInvoice {
  return {
    orderNo: 'O1', orderItemId: 'I1', saleOrg: '10001', saleTaxNo: '91320000X', invoiceFlag: '01', invoiceType: 1,
    invoiceCode: '', invoiceNum: '26322000000012345678', amountFen: 10050, noTaxAmountFen: 8894, invoiceDate: '2026-01-02',
    securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '', logisticsComp: '',
    invoiceStatus: '2', pdfUrl: 'https://example.test/a.pdf', ...over,
  };
}

function facts(amountFen: number, invoiceNum = '26322000000012345678'): EinvoiceFacts {
  return {
    pages: 1,
    qr: { type: '32', digital: true, invoiceCode: '', invoiceNum, amountFen, amountMeaning: 'tax_included', invoiceDate: '2026-01-02', checkCode: '' },
    qrProblem: null,
    text: { invoiceNum: null, invoiceCode: null, invoiceDate: null, buyerName: null, sellerTaxId: null, totalFen: null, amountFen: null, red: false },
  };
}

function file(over: Partial<FileRecord> = {}): FileRecord {
  return {
    orderNo: 'O1', suningInvoiceNum: '26322000000012345678', suningInvoiceCode: '', kind: 'blue', sourceUrl: 'https://example.test/a.pdf',
    outcome: 'stored', outcomeDetail: 'HTTP 200', httpStatus: 200, sha256: SHA, size: 1234, attempts: 1, facts: facts(10050), parseProblem: null, ...over,
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

beforeEach(() => {
  t = tempDb();
  r = repositories(t.db);
});
afterEach(() => t.cleanup());

describe('invoice files and file_verdict', () => {
  it('the row schema spells the same verdicts as FILE_VERDICTS', () => {
    expect(invoiceRowSchema.shape.fileVerdict.options).toEqual([...FILE_VERDICTS]);
  });

  it('starts not_downloaded and follows files arriving, failing, and Suning answers changing', () => {
    const id = seed();
    expect(r.invoices.getById(id)?.fileVerdict).toBe('not_downloaded');
    r.suning.replaceForOrder('O1', [blue()], {});
    expect(r.invoices.getById(id)?.fileVerdict).toBe('not_downloaded');

    r.files.record(file({ outcome: 'link_expired', outcomeDetail: 'HTTP 404', httpStatus: 404, sha256: null, size: null, facts: null }));
    expect(r.invoices.getById(id)?.fileVerdict).toBe('unavailable');

    r.files.record(file());
    expect(r.invoices.getById(id)?.fileVerdict).toBe('match');
    // Attempts add up over runs; one row per Suning invoice.
    expect(r.files.forOrder('O1')).toHaveLength(1);
    expect(r.files.forOrder('O1')[0]).toMatchObject({ attempts: 2, outcome: 'stored', sha256: SHA, facts: facts(10050) });

    // Suning now reports another amount: the same file no longer agrees with it.
    r.suning.replaceForOrder('O1', [blue({ amountFen: 9000 })], {});
    expect(r.invoices.getById(id)?.fileVerdict).toBe('mismatch');
    r.suning.replaceForOrder('O1', [blue()], {});
    expect(r.invoices.getById(id)?.fileVerdict).toBe('match');
    // A file that says another amount than Suning.
    r.files.record(file({ facts: facts(20000) }));
    expect(r.invoices.getById(id)?.fileVerdict).toBe('mismatch');
    expect(r.invoices.list({ fileVerdict: ['mismatch'] }, { field: 'invoiceNo', dir: 'asc' }, 10).rows.map((x) => x.id)).toEqual([id]);
    expect(r.invoices.list({ fileVerdict: ['match'] }, { field: 'invoiceNo', dir: 'asc' }, 10).rows).toEqual([]);
    expect(r.invoices.counts({ fileVerdict: ['match'] }).byFileVerdict).toEqual({ match: 0, mismatch: 1, unavailable: 0, not_downloaded: 0 });
  });

  it('a re-import of the local record keeps the verdict derived from the files', () => {
    const id = seed();
    r.suning.replaceForOrder('O1', [blue()], {});
    r.files.record(file());
    r.invoices.upsertMany([{
      invoiceNo: 'F1', orderNo: 'O1', billType: '01', shop: 'S2', saleOrg: '10001', buyerTitle: 'B2', amountFen: 10050,
      taxAmountFen: null, invoiceDate: '2026-01-02', invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80, errorInfo: '',
    }], 'test');
    expect(r.invoices.getById(id)).toMatchObject({ shop: 'S2', fileVerdict: 'match' });
    // A fresh invoice of an order whose file is archived is inserted with its verdict computed.
    r.invoices.upsertMany([{
      invoiceNo: 'F2', orderNo: 'O1', billType: '01', shop: 'S', saleOrg: '10001', buyerTitle: 'B', amountFen: 10050,
      taxAmountFen: null, invoiceDate: '2026-01-02', invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80, errorInfo: '',
    }], 'test');
    expect(r.invoices.getByInvoiceNo('F2')?.fileVerdict).toBe('match');
  });

  it('finds a stored copy by its source link and the facts already read from the same bytes', () => {
    seed();
    r.files.record(file());
    expect(r.files.storedFromSource('https://example.test/a.pdf')?.sha256).toBe(SHA);
    expect(r.files.storedFromSource('https://example.test/other.pdf')).toBeNull();
    expect(r.files.parsedBySha(SHA)?.facts).toEqual(facts(10050));
  });
});
