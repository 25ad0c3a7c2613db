// Main process. The columns of the invoice and submission exports, shared by the CSV and XLSX writers.
import type { InvoiceRow, Submission } from '../../../shared/domain/invoice';
import { OUTBOX_STATE_LABELS, RECON_STATUS_LABELS, SUBMIT_STATE_LABELS, WDT_STATUS_LABELS } from '../../../shared/domain/labels';
import { WRITE_BACK_PLAN_LABELS, type PlannedInvoiceRow } from '../../../shared/domain/plan';
import { FILE_VERDICT_LABELS } from '../../../shared/domain/einvoice-file';

/**
 * text: free text (names, titles, URLs, dates). id: an identifier that must stay text in Excel (leading
 * zeros, long digit runs). amount: integer fen, written as yuan with two decimals. integer: a count.
 */
export type ExportColumn<T> =
  | { readonly key: string; readonly header: string; readonly headerEn: string; readonly kind: 'text' | 'id'; readonly width: number; readonly get: (row: T) => string }
  | { readonly key: string; readonly header: string; readonly headerEn: string; readonly kind: 'amount' | 'integer'; readonly width: number; readonly get: (row: T) => number | null };

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
let lastIso = '';
let lastBeijing = '';

/**
 * Stored timestamps are UTC ISO; clerks read Beijing time. China has no daylight saving, so a fixed offset is
 * exact and far cheaper per row than Intl. Text that is not a timestamp is passed through unchanged.
 */
export function beijingTime(iso: string | null): string {
  if (iso === null || iso === '') return '';
  // Rows of one bulk query share timestamps; remembering the last one skips most of the Date work.
  if (iso === lastIso) return lastBeijing;
  const ms = Date.parse(iso);
  let text = iso;
  if (!Number.isNaN(ms)) {
    const t = new Date(ms + BEIJING_OFFSET_MS).toISOString();
    text = `${t.slice(0, 10)} ${t.slice(11, 19)}`;
  }
  lastIso = iso;
  lastBeijing = text;
  return text;
}

export const INVOICE_COLUMNS: readonly ExportColumn<InvoiceRow>[] = [
  { key: 'invoiceNo', header: '发票编号', headerEn: 'ERP invoice no.', kind: 'id', width: 22, get: (r) => r.invoiceNo },
  { key: 'orderNo', header: '订单号', headerEn: 'Order no.', kind: 'id', width: 22, get: (r) => r.orderNo },
  { key: 'shop', header: '店铺', headerEn: 'Shop', kind: 'text', width: 18, get: (r) => r.shop },
  { key: 'saleOrg', header: '商户编码', headerEn: 'Merchant code', kind: 'id', width: 12, get: (r) => r.saleOrg },
  { key: 'buyerTitle', header: '购方抬头', headerEn: 'Buyer title', kind: 'text', width: 30, get: (r) => r.buyerTitle },
  { key: 'amountFen', header: '金额(元)', headerEn: 'Amount (yuan)', kind: 'amount', width: 14, get: (r) => r.amountFen },
  { key: 'taxAmountFen', header: '税额(元)', headerEn: 'Tax (yuan)', kind: 'amount', width: 12, get: (r) => r.taxAmountFen },
  { key: 'invoiceDate', header: '开票日期', headerEn: 'Invoice date', kind: 'text', width: 12, get: (r) => r.invoiceDate ?? '' },
  { key: 'invoiceCode', header: '发票代码', headerEn: 'Invoice code', kind: 'id', width: 14, get: (r) => r.invoiceCode },
  { key: 'invoiceNum', header: '发票号码', headerEn: 'Invoice number', kind: 'id', width: 22, get: (r) => r.invoiceNum },
  { key: 'pdfUrl', header: 'PDF链接', headerEn: 'PDF link', kind: 'text', width: 40, get: (r) => r.pdfUrl },
  { key: 'targetStatus', header: '开票状态', headerEn: 'Target status', kind: 'text', width: 12, get: (r) => WDT_STATUS_LABELS[r.targetStatus].zh },
  { key: 'errorInfo', header: '错误信息', headerEn: 'Error info', kind: 'text', width: 24, get: (r) => r.errorInfo },
  { key: 'reconStatus', header: '对账状态', headerEn: 'Reconciliation', kind: 'text', width: 14, get: (r) => RECON_STATUS_LABELS[r.reconStatus].zh },
  { key: 'submitState', header: '回传状态', headerEn: 'Submission', kind: 'text', width: 14, get: (r) => SUBMIT_STATE_LABELS[r.submitState].zh },
  { key: 'suningInvoiceNum', header: '苏宁发票号码', headerEn: 'Suning invoice number', kind: 'id', width: 22, get: (r) => r.suningInvoiceNum },
  { key: 'suningAmountFen', header: '苏宁金额(元)', headerEn: 'Suning amount (yuan)', kind: 'amount', width: 14, get: (r) => r.suningAmountFen },
  { key: 'queriedAt', header: '最后查询时间（北京时间）', headerEn: 'Last queried (Beijing)', kind: 'text', width: 20, get: (r) => beijingTime(r.queriedAt) },
];

/** The invoice columns plus the write-back plan and its reason (what `export:invoices` and the CLI write). */
export const PLANNED_INVOICE_COLUMNS: readonly ExportColumn<PlannedInvoiceRow>[] = [
  ...INVOICE_COLUMNS,
  { key: 'plan', header: '回传计划', headerEn: 'Write-back plan', kind: 'text', width: 14, get: (r) => WRITE_BACK_PLAN_LABELS[r.plan].zh },
  { key: 'planReason', header: '计划说明', headerEn: 'Plan reason', kind: 'text', width: 48, get: (r) => r.planReason.zh },
  { key: 'clerkNote', header: '处理备注', headerEn: "Clerk's note", kind: 'text', width: 40, get: (r) => r.clerkNote },
  { key: 'fileVerdict', header: '原件核验', headerEn: 'File verdict', kind: 'text', width: 12, get: (r) => FILE_VERDICT_LABELS[r.fileVerdict].zh },
];

export const SUBMISSION_COLUMNS: readonly ExportColumn<Submission>[] = [
  { key: 'id', header: '回传记录ID', headerEn: 'Submission id', kind: 'integer', width: 10, get: (s) => s.id },
  { key: 'invoiceNo', header: '发票编号', headerEn: 'ERP invoice no.', kind: 'id', width: 22, get: (s) => s.invoiceNo },
  { key: 'state', header: '回传状态', headerEn: 'Submission', kind: 'text', width: 12, get: (s) => OUTBOX_STATE_LABELS[s.state].zh },
  { key: 'status', header: '开票状态', headerEn: 'Target status', kind: 'text', width: 12, get: (s) => WDT_STATUS_LABELS[s.payload.status].zh },
  { key: 'invoiceCode', header: '发票代码', headerEn: 'Invoice code', kind: 'id', width: 14, get: (s) => s.payload.invoice_code },
  { key: 'invoiceNum', header: '发票号码', headerEn: 'Invoice number', kind: 'id', width: 22, get: (s) => s.payload.invoice_no_out },
  { key: 'pdfUrl', header: 'PDF链接', headerEn: 'PDF link', kind: 'text', width: 40, get: (s) => s.payload.file_path },
  { key: 'errorInfo', header: '错误信息', headerEn: 'Error info', kind: 'text', width: 24, get: (s) => s.payload.error_info },
  { key: 'attempts', header: '尝试次数', headerEn: 'Attempts', kind: 'integer', width: 8, get: (s) => s.attempts },
  { key: 'platformCode', header: '平台返回码', headerEn: 'Platform code', kind: 'id', width: 10, get: (s) => s.platformCode ?? '' },
  { key: 'message', header: '平台消息', headerEn: 'Platform message', kind: 'text', width: 30, get: (s) => s.message ?? '' },
  { key: 'overrideReason', header: '强制回传原因', headerEn: 'Override reason', kind: 'text', width: 30, get: (s) => s.overrideReason ?? '' },
  { key: 'createdAt', header: '创建时间（北京时间）', headerEn: 'Created (Beijing)', kind: 'text', width: 20, get: (s) => beijingTime(s.createdAt) },
  { key: 'updatedAt', header: '更新时间（北京时间）', headerEn: 'Updated (Beijing)', kind: 'text', width: 20, get: (s) => beijingTime(s.updatedAt) },
];

export function headersOf<T>(columns: readonly ExportColumn<T>[]): string[] {
  return columns.map((c) => c.header);
}
