// Runs everywhere. The archived e-invoice FILE of one Suning invoice (blue or red): how fetching it went, what
// the file itself says (QR code + text layer), and the verdict of comparing that with Suning's record and the
// local ERP record. The interface shared by the archive job (fetch/store), the parser (worker) and the UI.
import { z } from 'zod';
import type { Bilingual } from '../errors';
import { isoDateSchema } from './invoice';

/**
 * How fetching one file ended. Each is its own clerk-readable outcome; `retryable` says whether a later
 * attempt can help (a dead link, an HTML page or a file that is not a PDF will not change by retrying).
 */
export const FILE_OUTCOMES = {
  stored: { zh: '已存档', en: 'archived', retryable: false },
  link_expired: { zh: '链接已失效', en: 'link expired', retryable: false },
  not_pdf: { zh: '不是 PDF 文件', en: 'not a PDF file', retryable: false },
  incomplete: { zh: '文件不完整', en: 'file incomplete', retryable: true },
  too_large: { zh: '文件过大', en: 'file too large', retryable: false },
  bad_url: { zh: '链接不可用', en: 'unusable link', retryable: false },
  redirect_refused: { zh: '跳转不安全或过多', en: 'unsafe or too many redirects', retryable: false },
  timeout: { zh: '下载超时', en: 'download timed out', retryable: true },
  network: { zh: '网络错误', en: 'network error', retryable: true },
  http_error: { zh: '服务器错误', en: 'server error', retryable: true },
} as const satisfies Record<string, Bilingual & { retryable: boolean }>;
export type FileOutcome = keyof typeof FILE_OUTCOMES;
export const fileOutcomeSchema = z.enum(Object.keys(FILE_OUTCOMES) as [FileOutcome, ...FileOutcome[]]);

/** The QR payload's facts (see einvoice-qr.ts), as stored and sent over the contract. */
export const qrFactsSchema = z.object({
  type: z.string(),
  digital: z.boolean(),
  invoiceCode: z.string(),
  invoiceNum: z.string(),
  amountFen: z.number().int(),
  amountMeaning: z.enum(['tax_included', 'tax_excluded']),
  invoiceDate: isoDateSchema,
  checkCode: z.string(),
});

/** What the text layer says; null where the file does not show the field (or it could not be read). */
export const textFactsSchema = z.object({
  invoiceNum: z.string().nullable(),
  invoiceCode: z.string().nullable(),
  invoiceDate: isoDateSchema.nullable(),
  buyerName: z.string().nullable(),
  sellerTaxId: z.string().nullable(),
  /** 价税合计 (tax included), fen. */
  totalFen: z.number().int().nullable(),
  /** 合计金额 (before tax), fen. */
  amountFen: z.number().int().nullable(),
  /** True for a red (negative) invoice: 红字 / negative amounts. */
  red: z.boolean(),
});

/** The facts read from one PDF: QR first (the most reliable), text beside it. */
export const einvoiceFactsSchema = z.object({
  pages: z.number().int(),
  qr: qrFactsSchema.nullable(),
  /** Why no QR facts (not found / not an invoice payload); '' when qr is set. */
  qrProblem: z.object({ zh: z.string(), en: z.string() }).nullable(),
  text: textFactsSchema,
});
export type EinvoiceFacts = z.infer<typeof einvoiceFactsSchema>;

/** The parser's answer for one file: facts, or why the file cannot be read as an invoice. */
export type EinvoiceParse = { readonly ok: true; readonly facts: EinvoiceFacts } | { readonly ok: false; readonly reason: Bilingual };

/** One archived (or attempted) file: one per Suning invoice (blue or red) of the order. */
export const invoiceFileSchema = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  suningInvoiceNum: z.string(),
  suningInvoiceCode: z.string(),
  kind: z.enum(['blue', 'red']),
  sourceUrl: z.string(),
  outcome: fileOutcomeSchema,
  /** Specific detail for the clerk ('HTTP 404', 'Content-Type text/html, starts with <html>', …). */
  outcomeDetail: z.string(),
  httpStatus: z.number().int().nullable(),
  sha256: z.string().nullable(),
  size: z.number().int().nullable(),
  fetchedAt: z.string(),
  attempts: z.number().int(),
  facts: einvoiceFactsSchema.nullable(),
  /** Why a stored file could not be read (parser refusal); null when facts are set or nothing is stored. */
  parseProblem: z.object({ zh: z.string(), en: z.string() }).nullable(),
});
export type InvoiceFile = z.infer<typeof invoiceFileSchema>;

/** The verdict per local invoice, beside the reconciliation status. A derived, indexed column (file_verdict). */
export const FILE_VERDICTS = ['match', 'mismatch', 'unavailable', 'not_downloaded'] as const;
export const fileVerdictSchema = z.enum(FILE_VERDICTS);
export type FileVerdict = z.infer<typeof fileVerdictSchema>;
export const FILE_VERDICT_LABELS: Record<FileVerdict, Bilingual> = {
  match: { zh: '原件一致', en: 'file matches' },
  mismatch: { zh: '原件不符', en: 'file differs' },
  unavailable: { zh: '原件不可用', en: 'file unavailable' },
  not_downloaded: { zh: '未下载', en: 'not downloaded' },
};

/** Fields compared between the file, Suning's record and the local ERP record. */
export const FILE_CHECK_FIELDS = ['invoiceNum', 'invoiceCode', 'invoiceDate', 'amount', 'type', 'buyerName', 'sellerTaxId'] as const;
export const fileCheckFieldSchema = z.enum(FILE_CHECK_FIELDS);

/** One difference: which field, what the file says, what the other side says. */
export const fileMismatchSchema = z.object({
  field: fileCheckFieldSchema,
  against: z.enum(['suning', 'local']),
  file: z.string(),
  other: z.string(),
  /** A sentence for the clerk, e.g. 原件价税合计 100.00，苏宁记录 90.00. */
  message: z.object({ zh: z.string(), en: z.string() }),
});
export type FileMismatch = z.infer<typeof fileMismatchSchema>;

export const fileCheckSchema = z.object({
  verdict: fileVerdictSchema,
  /** The file the verdict is about (the invoice's blue, or the red that reverses it), when there is one. */
  fileId: z.number().int().nullable(),
  mismatches: z.array(fileMismatchSchema),
  /** Why unavailable / not downloaded, or what was compared for a match. */
  reason: z.object({ zh: z.string(), en: z.string() }),
});
export type FileCheck = z.infer<typeof fileCheckSchema>;
