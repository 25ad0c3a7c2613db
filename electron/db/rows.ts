// Main process. Column ↔ domain mapping for the tables whose rows cross into services.
import type {
  BillType, InvoiceRow, LocalInvoice, OutboxState, ReconStatus, SubmissionPayload, Submission, SubmitState, SuningInvoice, WdtStatus,
} from '../../shared/domain/invoice';
import { submissionPayloadSchema } from '../../shared/domain/invoice';
import type { FileVerdict } from '../../shared/domain/einvoice-file';

export interface InvoiceDbRow {
  readonly id: number;
  readonly invoice_no: string;
  readonly order_no: string;
  readonly bill_type: string;
  readonly shop: string;
  readonly sale_org: string;
  readonly buyer_title: string;
  readonly amount_fen: number;
  readonly tax_amount_fen: number | null;
  readonly invoice_date: string;
  readonly invoice_code: string;
  readonly invoice_num: string;
  readonly pdf_url: string;
  readonly target_status: number;
  readonly error_info: string;
  readonly source: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly recon_status: string;
  readonly submit_state: string;
  readonly suning_invoice_num: string;
  readonly suning_amount_fen: number | null;
  readonly queried_at: string | null;
  readonly query_failed_at: string | null;
  readonly query_failed_reason: string;
  readonly clerk_note: string;
  readonly split_choice: string;
  readonly file_verdict: string;
}

export const INVOICE_COLUMNS = `id, invoice_no, order_no, bill_type, shop, sale_org, buyer_title, amount_fen, tax_amount_fen,
  invoice_date, invoice_code, invoice_num, pdf_url, target_status, error_info, source, created_at, updated_at,
  recon_status, submit_state, suning_invoice_num, suning_amount_fen, queried_at, query_failed_at, query_failed_reason, clerk_note, split_choice, file_verdict`;

export function toLocalInvoice(r: InvoiceDbRow): LocalInvoice {
  return {
    id: r.id,
    invoiceNo: r.invoice_no,
    orderNo: r.order_no,
    // CHECK constraints in the schema keep these within their enums.
    billType: r.bill_type as BillType,
    shop: r.shop,
    saleOrg: r.sale_org,
    buyerTitle: r.buyer_title,
    amountFen: r.amount_fen,
    taxAmountFen: r.tax_amount_fen,
    invoiceDate: r.invoice_date === '' ? null : r.invoice_date,
    invoiceCode: r.invoice_code,
    invoiceNum: r.invoice_num,
    pdfUrl: r.pdf_url,
    targetStatus: r.target_status as WdtStatus,
    errorInfo: r.error_info,
    source: r.source,
    updatedAt: r.updated_at,
  };
}

export function toInvoiceRow(r: InvoiceDbRow): InvoiceRow {
  return {
    ...toLocalInvoice(r),
    // Written only by refreshDerived() from reconcile()/submitStateOf() results.
    reconStatus: r.recon_status as ReconStatus,
    submitState: r.submit_state as SubmitState,
    suningInvoiceNum: r.suning_invoice_num,
    suningAmountFen: r.suning_amount_fen,
    queriedAt: r.queried_at,
    queryFailedAt: r.query_failed_at,
    queryFailedReason: r.query_failed_reason,
    clerkNote: r.clerk_note,
    splitChoice: r.split_choice,
    fileVerdict: r.file_verdict as FileVerdict,
  };
}

export interface SuningDbRow {
  readonly order_no: string;
  readonly order_item_id: string;
  readonly sale_org: string;
  readonly sale_tax_no: string;
  readonly invoice_flag: string;
  readonly invoice_type: number;
  readonly invoice_code: string;
  readonly invoice_num: string;
  readonly amount_fen: number;
  readonly no_tax_amount_fen: number | null;
  readonly invoice_date: string | null;
  readonly security_code: string;
  readonly old_invoice_code: string;
  readonly old_invoice_num: string;
  readonly logistics_order_id: string;
  readonly logistics_comp: string;
  readonly invoice_status: string;
  readonly pdf_url: string;
}

export const SUNING_COLUMNS = `order_no, order_item_id, sale_org, sale_tax_no, invoice_flag, invoice_type, invoice_code,
  invoice_num, amount_fen, no_tax_amount_fen, invoice_date, security_code, old_invoice_code, old_invoice_num,
  logistics_order_id, logistics_comp, invoice_status, pdf_url`;

export function toSuningInvoice(r: SuningDbRow): SuningInvoice {
  return {
    orderNo: r.order_no,
    orderItemId: r.order_item_id,
    saleOrg: r.sale_org,
    saleTaxNo: r.sale_tax_no,
    invoiceFlag: r.invoice_flag as SuningInvoice['invoiceFlag'],
    invoiceType: r.invoice_type === -1 ? -1 : 1,
    invoiceCode: r.invoice_code,
    invoiceNum: r.invoice_num,
    amountFen: r.amount_fen,
    noTaxAmountFen: r.no_tax_amount_fen,
    invoiceDate: r.invoice_date,
    securityCode: r.security_code,
    oldInvoiceCode: r.old_invoice_code,
    oldInvoiceNum: r.old_invoice_num,
    logisticsOrderId: r.logistics_order_id,
    logisticsComp: r.logistics_comp,
    invoiceStatus: r.invoice_status,
    pdfUrl: r.pdf_url,
  };
}

export interface SubmissionDbRow {
  readonly id: number;
  readonly invoice_id: number;
  readonly invoice_no: string;
  readonly payload: string;
  readonly state: string;
  readonly attempts: number;
  readonly platform_code: string | null;
  readonly message: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly sent_at: string | null;
  readonly job_id: number | null;
}

export function parsePayload(text: string): SubmissionPayload {
  return submissionPayloadSchema.parse(JSON.parse(text));
}

export function toSubmission(r: SubmissionDbRow): Submission & { readonly sentAt: string | null } {
  return {
    id: r.id,
    invoiceId: r.invoice_id,
    invoiceNo: r.invoice_no,
    payload: parsePayload(r.payload),
    state: r.state as OutboxState,
    attempts: r.attempts,
    platformCode: r.platform_code,
    message: r.message,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    jobId: r.job_id,
    sentAt: r.sent_at,
  };
}
