// Runs everywhere. The domain records that cross the contract, as zod schemas and their types.
import { z } from 'zod';

/** 01 OMS单号, 02 OMS行号, 03 B2C单号, 04 B2C行号. */
export const billTypeSchema = z.enum(['01', '02', '03', '04']);
export type BillType = z.infer<typeof billTypeSchema>;

/** Wangdiantong invoice status: 65 开票申请失败, 75 开票失败, 80 开票成功. */
export const wdtStatusSchema = z.union([z.literal(65), z.literal(75), z.literal(80)]);
export type WdtStatus = z.infer<typeof wdtStatusSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** A local (ERP) invoice record as the app stores it. Money in integer fen. */
export const localInvoiceSchema = z.object({
  id: z.number().int(),
  invoiceNo: z.string(),
  orderNo: z.string(),
  billType: billTypeSchema,
  shop: z.string(),
  saleOrg: z.string(),
  buyerTitle: z.string(),
  amountFen: z.number().int(),
  taxAmountFen: z.number().int().nullable(),
  invoiceDate: isoDateSchema.nullable(),
  invoiceCode: z.string(),
  invoiceNum: z.string(),
  pdfUrl: z.string(),
  targetStatus: wdtStatusSchema,
  errorInfo: z.string(),
  source: z.string(),
  updatedAt: z.string(),
});
export type LocalInvoice = z.infer<typeof localInvoiceSchema>;

/** One invoice Suning reports for an order, normalised (see shared/domain/suning.ts for the wire). */
export const suningInvoiceSchema = z.object({
  orderNo: z.string(),
  orderItemId: z.string(),
  saleOrg: z.string(),
  saleTaxNo: z.string(),
  invoiceFlag: z.enum(['01', '02', '04']),
  invoiceType: z.union([z.literal(1), z.literal(-1)]),
  invoiceCode: z.string(),
  invoiceNum: z.string(),
  /** Normalised by type: blue positive, red negative. */
  amountFen: z.number().int(),
  noTaxAmountFen: z.number().int().nullable(),
  invoiceDate: isoDateSchema.nullable(),
  /** 校验码 with its spaces removed. */
  securityCode: z.string(),
  oldInvoiceCode: z.string(),
  oldInvoiceNum: z.string(),
  logisticsOrderId: z.string(),
  logisticsComp: z.string(),
  /** 0 无发票, 2 正常 (kept as the string the platform sent). */
  invoiceStatus: z.string(),
  pdfUrl: z.string(),
});
export type SuningInvoice = z.infer<typeof suningInvoiceSchema>;

export const RECON_STATUSES = [
  'not_queried',
  'not_issued',
  'matched',
  'fillable',
  'amount_mismatch',
  'number_mismatch',
  'reversed',
  'partially_reversed',
  'split',
  'red_without_blue',
  'query_failed',
] as const;
export const reconStatusSchema = z.enum(RECON_STATUSES);
export type ReconStatus = z.infer<typeof reconStatusSchema>;

export const SUBMIT_STATES = ['not_submitted', 'queued', 'sending', 'accepted', 'rejected', 'unknown', 'outdated'] as const;
export const submitStateSchema = z.enum(SUBMIT_STATES);
export type SubmitState = z.infer<typeof submitStateSchema>;

/**
 * Outbox states of one submission (a row's submit state derives from its latest submission). 'superseded':
 * a newer submission of the same invoice took its place before it was (re)sent; it is never sent again.
 */
export const OUTBOX_STATES = ['queued', 'sending', 'accepted', 'rejected', 'unknown', 'superseded'] as const;
export const outboxStateSchema = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof outboxStateSchema>;

/** What is sent to Wangdiantong for one invoice (business params only). */
export const submissionPayloadSchema = z.object({
  invoice_no: z.string(),
  status: wdtStatusSchema,
  invoice_no_out: z.string(),
  invoice_code: z.string(),
  error_info: z.string(),
  file_path: z.string(),
});
export type SubmissionPayload = z.infer<typeof submissionPayloadSchema>;

export const submissionSchema = z.object({
  id: z.number().int(),
  invoiceId: z.number().int(),
  invoiceNo: z.string(),
  payload: submissionPayloadSchema,
  state: outboxStateSchema,
  attempts: z.number().int(),
  platformCode: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  jobId: z.number().int().nullable(),
  /** Set when the clerk overrode the write-back plan for this send (the written reason). */
  overrideReason: z.string().nullable().optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** A row of the reconcile table: the local record plus its derived states. */
export const invoiceRowSchema = localInvoiceSchema.extend({
  reconStatus: reconStatusSchema,
  submitState: submitStateSchema,
  suningInvoiceNum: z.string(),
  suningAmountFen: z.number().int().nullable(),
  /** When the answer in effect (the newest successful Suning query) was received. */
  queriedAt: z.string().nullable(),
  /**
   * Set when the newest Suning query of the order FAILED (its time; the reason beside it). The status and
   * Suning values still come from the last successful answer; automatic actions skip the invoice until a
   * query succeeds again.
   */
  queryFailedAt: z.string().nullable(),
  queryFailedReason: z.string(),
  /** The clerk's note on the invoice (what was checked, what was decided); audited, exported. */
  clerkNote: z.string(),
  /** The invoice_no_out the clerk chose for a split order ('' = none): 80 is allowed while the record holds it. */
  splitChoice: z.string(),
  /**
   * The archived file's verdict (原件一致 / 原件不符 / 原件不可用 / 未下载), derived like reconStatus. The same
   * values as FILE_VERDICTS of einvoice-file.ts, spelled out here because that module imports this one.
   */
  fileVerdict: z.enum(['match', 'mismatch', 'unavailable', 'not_downloaded']),
});
export type InvoiceRow = z.infer<typeof invoiceRowSchema>;
