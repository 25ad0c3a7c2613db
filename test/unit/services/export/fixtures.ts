// Runs in tests. Builders for export rows.
import type { InvoiceRow, Submission } from '../../../../shared/domain/invoice';

export function invoiceRow(over: Partial<InvoiceRow> = {}): InvoiceRow {
  return {
    id: 1, invoiceNo: 'FP0001', orderNo: '30012345678', billType: '03', shop: '苏宁旗舰店', saleOrg: '70066253',
    buyerTitle: '上海某某科技有限公司', amountFen: 10000, taxAmountFen: 1150, invoiceDate: '2026-11-01',
    invoiceCode: '032001700211', invoiceNum: '08809370', pdfUrl: 'https://pdf.example/1.pdf', targetStatus: 80,
    errorInfo: '', source: 'erp.csv', updatedAt: '2026-11-23T09:00:00.000Z', reconStatus: 'matched',
    submitState: 'accepted', suningInvoiceNum: '08809370', suningAmountFen: 10000, queriedAt: '2026-11-23T09:00:00.000Z',
    queryFailedAt: null, queryFailedReason: '', clerkNote: '', splitChoice: '', fileVerdict: 'not_downloaded',
    ...over,
  };
}

export function submission(over: Partial<Submission> = {}): Submission {
  return {
    id: 7, invoiceId: 1, invoiceNo: 'FP0001',
    payload: { invoice_no: 'FP0001', status: 80, invoice_no_out: '24322000000012345678', invoice_code: '', error_info: '', file_path: 'https://pdf.example/1.pdf' },
    state: 'rejected', attempts: 2, platformCode: '30000', message: '发票编号在系统中不存在',
    createdAt: '2026-11-23T09:00:00.000Z', updatedAt: '2026-11-23T09:01:00.000Z', jobId: null,
    ...over,
  };
}
