// Runs everywhere. Input/output schemas of the renderer-facing API, grouped by namespace.
import { z } from 'zod';
import { workspaceSchema } from './workspaces';
import {
  isoDateSchema,
  localInvoiceSchema,
  reconStatusSchema,
  RECON_STATUSES,
  submissionSchema,
  submitStateSchema,
  SUBMIT_STATES,
  suningInvoiceSchema,
  wdtStatusSchema,
  billTypeSchema,
  outboxStateSchema,
} from '../domain/invoice';
import { calendarDaySchema } from '../domain/beijing-time';
import { freeTextCheck, identifierCheck } from '../domain/safe-text';
import { webLinkSchema } from '../domain/web-link';
import { plannedInvoiceRowSchema } from '../domain/plan';
import { formatFen } from '../domain/money';
import { zipTemplateProblem } from '../domain/archive-names';
import { FILE_VERDICTS, fileCheckSchema, fileVerdictSchema, invoiceFileSchema } from '../domain/einvoice-file';

const empty = z.object({}).strict();
export const emptyInput = empty;

// ---------- app ----------
export const appInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli']),
  /** practice = built-in emulators; real = sandbox/production/custom endpoints. */
  mode: z.enum(['practice', 'real', 'unconfigured']),
  dataDir: z.string(),
  practice: z.object({ wangdianUrl: z.string(), suningUrl: z.string() }).nullable(),
  /** The open workspace (账套); null where the host opened one store directly or none is open yet. */
  workspace: workspaceSchema.nullable(),
});

// ---------- invoices ----------
/** 有差额 / 无差额 / 无苏宁金额. */
export const AMOUNT_DIFF_FILTERS = ['nonzero', 'zero', 'unknown'] as const;
export type AmountDiffFilter = (typeof AMOUNT_DIFF_FILTERS)[number];

/**
 * A money bound in integer fen. Safe integers only (what parseYuanToFen accepts): the sort key of rows without a
 * Suning amount is ±2^62 (migration 008), so no bound can ever reach it.
 */
function fenBound(zh: string, en: string) {
  return z.number({ message: `${zh}须为整数分 / ${en} must be a whole number of fen` })
    .int(`${zh}须为整数分 / ${en} must be a whole number of fen`)
    .min(-Number.MAX_SAFE_INTEGER, `${zh}超出可处理范围 / ${en} is out of range`)
    .max(Number.MAX_SAFE_INTEGER, `${zh}超出可处理范围 / ${en} is out of range`);
}

export const invoiceFilterSchema = z.object({
  reconStatus: z.array(reconStatusSchema).max(RECON_STATUSES.length).optional(),
  submitState: z.array(submitStateSchema).max(SUBMIT_STATES.length).optional(),
  dateFrom: isoDateSchema.optional(),
  dateTo: isoDateSchema.optional(),
  shop: z.string().max(100).optional(),
  /** Matches order number, ERP invoice number or 发票号码 (exact or prefix). */
  search: z.string().trim().max(100).optional(),
  /** Only invoices whose newest Suning query failed (whatever verdict the last successful answer gave). */
  queryFailed: z.literal(true).optional(),
  /** 金额 from–to, integer fen, both bounds inclusive (the order of the two is checked by filterRangeProblem). */
  amountMinFen: fenBound('金额下限', 'The lowest amount').optional(),
  amountMaxFen: fenBound('金额上限', 'The highest amount').optional(),
  /**
   * 差额 (local − 苏宁金额): nonzero 有差额, zero 无差额, unknown 无苏宁金额 (no Suning amount to compare with;
   * 苏宁金额 of a split order is the sum of its valid blues, of a reversed one 0, so those always compare).
   */
  amountDiff: z.enum(AMOUNT_DIFF_FILTERS).optional(),
  /** 差额 from–to, integer fen, inclusive; only rows with a Suning amount can fall inside. */
  diffMinFen: fenBound('差额下限', 'The lowest difference').optional(),
  diffMaxFen: fenBound('差额上限', 'The highest difference').optional(),
  /** The archived file's verdict (issue 15): 原件一致 / 原件不符 / 原件不可用 / 未下载. */
  fileVerdict: z.array(fileVerdictSchema).max(FILE_VERDICTS.length).optional(),
}).strict();
export type InvoiceFilter = z.infer<typeof invoiceFilterSchema>;

/**
 * Why a filter's ranges are empty by construction (from above to), or null. Checked by the repository (so every
 * host gets the same answer) and by the toolbar before it sends the filter.
 */
export function filterRangeProblem(f: Pick<InvoiceFilter, 'amountMinFen' | 'amountMaxFen' | 'diffMinFen' | 'diffMaxFen'>): { field: string; zh: string; en: string } | null {
  if (f.amountMinFen !== undefined && f.amountMaxFen !== undefined && f.amountMinFen > f.amountMaxFen) {
    return { field: 'amountMaxFen', zh: `金额上限 ${formatFen(f.amountMaxFen)} 元低于下限 ${formatFen(f.amountMinFen)} 元`, en: `The highest amount (${formatFen(f.amountMaxFen)} yuan) is below the lowest (${formatFen(f.amountMinFen)} yuan)` };
  }
  if (f.diffMinFen !== undefined && f.diffMaxFen !== undefined && f.diffMinFen > f.diffMaxFen) {
    return { field: 'diffMaxFen', zh: `差额上限 ${formatFen(f.diffMaxFen)} 元低于下限 ${formatFen(f.diffMinFen)} 元`, en: `The highest difference (${formatFen(f.diffMaxFen)} yuan) is below the lowest (${formatFen(f.diffMinFen)} yuan)` };
  }
  return null;
}

export const SORT_FIELDS = [
  'invoiceNo', 'orderNo', 'shop', 'buyerTitle', 'amountFen', 'invoiceDate', 'invoiceNum', 'invoiceCode',
  'reconStatus', 'submitState', 'updatedAt', 'amountDiff',
] as const;
export const invoiceSortSchema = z.object({
  field: z.enum(SORT_FIELDS),
  dir: z.enum(['asc', 'desc']),
}).strict();
export type InvoiceSort = z.infer<typeof invoiceSortSchema>;

export const invoicesListInput = z.object({
  filter: invoiceFilterSchema.default({}),
  sort: invoiceSortSchema.default({ field: 'invoiceNo', dir: 'asc' }),
  limit: z.number().int().min(1).max(500).default(100),
  /** Opaque keyset cursor from a previous page; absent for the first page. */
  cursor: z.string().max(2000).nullable().optional(),
}).strict();
export const invoicesListOutput = z.object({
  rows: z.array(plannedInvoiceRowSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const invoicesCountsOutput = z.object({
  total: z.number().int(),
  byRecon: z.record(reconStatusSchema, z.number().int()),
  bySubmit: z.record(submitStateSchema, z.number().int()),
  /** Invoices whose newest Suning query failed (flagged "最近一次查询失败"). */
  queryFailed: z.number().int(),
  shops: z.array(z.string()),
  /** Per archived-file verdict (issue 15); the fileVerdict filter itself does not apply. */
  byFileVerdict: z.record(fileVerdictSchema, z.number().int()),
});

/**
 * Money totals of a filter or a selection (integer fen). 苏宁金额 is what the table shows (a split order's valid
 * blues summed, a reversed one 0); 差额 = local − Suning over the rows that have a Suning amount only.
 */
export const invoiceTotalsSchema = z.object({
  count: z.number().int(),
  amountFen: z.number().int(),
  /** Sum of 苏宁金额 over the rows that have one. */
  suningAmountFen: z.number().int(),
  /** Rows with a Suning amount (the 差额 is taken over these). */
  withSuning: z.number().int(),
  /** Rows without one (not queried, not issued, query failed): left out of 苏宁金额 and 差额. */
  missingSuning: z.number().int(),
  /** Σ (金额 − 苏宁金额) over the rows with a Suning amount; signed. */
  diffFen: z.number().int(),
});
export type InvoiceTotals = z.infer<typeof invoiceTotalsSchema>;

export const idInput = z.object({ id: z.number().int().positive() }).strict();

export const fieldDiffSchema = z.object({
  field: z.enum(['invoiceNum', 'invoiceCode', 'amountFen', 'pdfUrl', 'invoiceDate']),
  local: z.string(),
  suning: z.string(),
});

export const invoiceDetailSchema = z.object({
  invoice: plannedInvoiceRowSchema,
  suning: z.array(suningInvoiceSchema),
  /** The blue invoice "采用苏宁结果" would take, if there is exactly one valid one. */
  validBlue: suningInvoiceSchema.nullable(),
  /** Every valid blue invoice (several for a split order: the clerk chooses among them). */
  validBlues: z.array(suningInvoiceSchema),
  explanation: z.object({ zh: z.string(), en: z.string() }),
  diffs: z.array(fieldDiffSchema),
  submissions: z.array(submissionSchema),
  lastQuery: z.object({
    at: z.string(),
    outcome: z.enum(['found', 'no_result', 'error']),
    code: z.string().nullable(),
    message: z.string().nullable(),
  }).nullable(),
  /** The newest 采用苏宁结果 batch that changed this invoice and is not undone for it (for a one-invoice undo). */
  undoableApply: z.object({ batch: z.string(), at: z.string() }).nullable(),
  /** The archived files of the order's Suning invoices (blue and red), and the verdict of checking them. */
  files: z.array(invoiceFileSchema),
  fileCheck: fileCheckSchema,
});

/**
 * What the clerk may edit before submitting; same rules as the Wangdiantong request: identifiers without
 * hidden characters, a web link only (www.… stored as https://…), no lone surrogate anywhere.
 */
export const invoiceEditSchema = z.object({
  invoiceNum: z.string().max(40).superRefine(identifierCheck({ zh: '发票号码', en: 'invoice number' })),
  invoiceCode: z.string().max(20).superRefine(identifierCheck({ zh: '发票代码', en: 'invoice code' })),
  pdfUrl: webLinkSchema({ zh: 'PDF 链接', en: 'PDF link' }).pipe(z.string().max(1024)),
  targetStatus: wdtStatusSchema,
  errorInfo: z.string().max(255).superRefine(freeTextCheck({ zh: '失败原因', en: 'failure reason' })),
}).strict();
export const invoicesUpdateInput = z.object({ id: z.number().int().positive(), patch: invoiceEditSchema.partial() }).strict();

export const selectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ids'), ids: z.array(z.number().int().positive()).min(1).max(200_000) }).strict(),
  z.object({ kind: z.literal('filter'), filter: invoiceFilterSchema }).strict(),
]);
export type Selection = z.infer<typeof selectionSchema>;
/** invoices:totals — a filter is the selection `{ kind: 'filter', filter }`. */
export const invoicesTotalsInput = z.object({ selection: selectionSchema }).strict();

// ---------- import ----------
export const IMPORT_FIELDS = [
  'invoiceNo', 'orderNo', 'billType', 'shop', 'saleOrg', 'buyerTitle', 'amount', 'taxAmount', 'invoiceDate',
  'invoiceCode', 'invoiceNum', 'pdfUrl', 'targetStatus', 'errorInfo',
] as const;
export const importFieldSchema = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof importFieldSchema>;
export const encodingSchema = z.enum(['utf-8', 'gb18030']);
export const importMappingSchema = z.partialRecord(importFieldSchema, z.string().max(200));

/**
 * The largest file an import accepts, on every host (the import service checks the bytes too; the CLI reads
 * files without this schema). 1,000,000 rows of the ERP export are ~140 MB; rows with every optional column
 * filled ~200 MB.
 */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;

export const importFileInput = z.object({
  fileName: z.string().min(1).max(260),
  /** File bytes, base64: IMPORT_MAX_BYTES at most. */
  contentBase64: z.string().min(1).max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4),
  encoding: z.enum(['auto', 'utf-8', 'gb18030']).default('auto'),
  mapping: importMappingSchema.optional(),
  /**
   * Commit only. What a re-import does where the file differs from a value the app wrote or Wangdiantong
   * accepted: keep the app's (default) or take the file's. With any such conflict the commit needs the
   * preview's `conflicts.token`, so nothing is overwritten that the clerk has not seen.
   */
  onConflict: z.enum(['keep', 'take']).optional(),
  conflictToken: z.string().max(128).optional(),
}).strict();

/** The fields a re-import can conflict on: the ones the app writes and Wangdiantong receives. */
export const APP_WRITTEN_FIELDS = ['invoiceNum', 'invoiceCode', 'pdfUrl', 'targetStatus', 'errorInfo'] as const;
export const importConflictSchema = z.object({
  invoiceNo: z.string(),
  field: z.enum(APP_WRITTEN_FIELDS),
  appValue: z.string(),
  fileValue: z.string(),
  /** Why the app's value is protected: filled from Suning, typed by the clerk, restored by an undo, or accepted. */
  origin: z.enum(['suning', 'edit', 'undo', 'accepted']),
  /** Whether Wangdiantong accepted the app's value (taking the file's then makes the invoice outdated). */
  accepted: z.boolean(),
});
export type ImportConflict = z.infer<typeof importConflictSchema>;
export const importConflictsSchema = z.object({
  /** Conflicting fields in all. */
  total: z.number().int(),
  /** Invoices with at least one. */
  invoices: z.number().int(),
  /** Invoices among them whose values Wangdiantong accepted. */
  acceptedInvoices: z.number().int(),
  /** Pass to import:commit; null when there is no conflict. */
  token: z.string().nullable(),
  byField: z.partialRecord(z.enum(APP_WRITTEN_FIELDS), z.number().int()),
  /** The first ones (all of them up to the cap). */
  items: z.array(importConflictSchema),
  /** Beyond the cap: every conflict as a CSV (UTF-8 with BOM), base64; null when `items` holds them all. */
  reportCsvBase64: z.string().nullable(),
});

export const importRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  reasonEn: z.string(),
});
export const importPreviewOutput = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: encodingSchema.nullable(),
  encodingSource: z.enum(['bom', 'utf8-valid', 'utf8-invalid-rows', 'gb18030-fallback', 'user', 'binary']).nullable(),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  mapping: importMappingSchema,
  missingRequired: z.array(importFieldSchema),
  rowCount: z.number().int(),
  /** What a commit with this mapping would overwrite of the app's work; null while the mapping is incomplete. */
  conflicts: importConflictsSchema.nullable(),
});
export const importCommitOutput = z.object({
  batchId: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.array(importRowErrorSchema),
  changes: z.array(z.object({
    invoiceNo: z.string(),
    fields: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
  })),
  /** The invalid rows as a CSV report (UTF-8 with BOM), base64; null when every row was valid. */
  reportCsvBase64: z.string().nullable(),
  /** The conflicts met and what was done with them. */
  conflicts: importConflictsSchema.extend({ choice: z.enum(['keep', 'take']) }),
});

// ---------- bulk 采用苏宁结果 (preview, apply, undo) ----------
export const appliedFieldSchema = z.object({ field: z.enum(APP_WRITTEN_FIELDS), before: z.string(), after: z.string() });
export const applySuningPreviewInput = z.object({ selection: selectionSchema }).strict();
export const applySuningPreviewOutput = z.object({
  /** Pass to invoices:applySuningBulk; null when nothing would change. */
  token: z.string().nullable(),
  selected: z.number().int(),
  /** Invoices whose values would change. */
  changing: z.number().int(),
  /** Eligible invoices already holding Suning's values. */
  unchanged: z.number().int(),
  /** Left alone, per reason (a reconciliation status, or 'query_failed_flag'). */
  skipped: z.array(z.object({ key: z.string(), count: z.number().int(), reason: z.string(), reasonEn: z.string() })),
  byField: z.partialRecord(z.enum(APP_WRITTEN_FIELDS), z.number().int()),
  /** Changes replacing a non-empty value. */
  overwrites: z.number().int(),
  /** Every value the clerk typed that the batch would replace (up to the cap; the total beside it). */
  typedOverwrites: z.array(appliedFieldSchema.extend({ invoiceId: z.number().int(), invoiceNo: z.string() })),
  typedOverwritesTotal: z.number().int(),
  /** The first invoices that would change, field by field. */
  sample: z.array(z.object({ invoiceId: z.number().int(), invoiceNo: z.string(), fields: z.array(appliedFieldSchema) })),
});
export const applySuningBulkInput = z.object({ selection: selectionSchema, token: z.string().min(1).max(128) }).strict();
export const applySuningBulkOutput = z.object({
  /** Names the batch for invoices:undoApplySuning. */
  batch: z.string(),
  changed: z.number().int(),
  byField: z.partialRecord(z.enum(APP_WRITTEN_FIELDS), z.number().int()),
});
export const applySuningUndoInput = z.object({
  batch: z.string().min(1).max(64),
  /** Only this invoice of the batch; the whole batch when absent. */
  invoiceId: z.number().int().positive().optional(),
}).strict();
export const applySuningUndoOutput = z.object({
  restored: z.number().int(),
  /** Restored although Wangdiantong had accepted the filled values: those invoices are now outdated. */
  outdatedInvoiceNos: z.array(z.string()),
  /** Not restored, and why (changed since the fill, already undone). */
  skipped: z.array(z.object({ invoiceNo: z.string(), reason: z.string(), reasonEn: z.string() })),
  message: z.string(),
  messageEn: z.string(),
});

// ---------- export ----------
export const exportInput = z.object({
  filter: invoiceFilterSchema.default({}),
  sort: invoiceSortSchema.optional(),
  format: z.enum(['csv', 'xlsx']),
}).strict();
/** The archive ZIP (issue 15 §3): the stored files of the filter's invoices, named by the settings' template, and an index. */
export const exportArchiveInput = z.object({
  filter: invoiceFilterSchema.default({}),
  sort: invoiceSortSchema.optional(),
}).strict();
/** 打开原件 (issue 15): one archived file row (InvoiceFile.id). */
export const archiveOpenInput = z.object({ fileId: z.number().int().positive() }).strict();
/** What was opened; `downloadUrl` where the browser fetches it once (browser host), null when the host opened it. */
export const archiveOpenOutput = z.object({
  fileName: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  downloadUrl: z.string().nullable(),
});
/**
 * The main process writes the file where the host puts it (Electron: the save dialog's path; browser host: a
 * private temporary file behind `downloadUrl`; CLI: the given path); only these facts travel back.
 */
export const exportOutput = z.object({
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  rows: z.number().int(),
  /** Browser host only: the one-time address the page downloads the file from (with its access token). */
  downloadUrl: z.string().optional(),
});

// ---------- jobs ----------
export const jobKindSchema = z.enum(['suning_query', 'wangdian_submit', 'archive']);
export const jobStateSchema = z.enum(['running', 'paused', 'done', 'cancelled', 'failed']);
export const jobProgressSchema = z.object({
  jobId: z.number().int(),
  kind: jobKindSchema,
  state: jobStateSchema,
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  ratePerSec: z.number(),
  etaSec: z.number().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Last error codes seen, for the summary (never secrets). */
  lastError: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;
export const jobStartInput = z.object({ selection: selectionSchema }).strict();
export const jobStartOutput = z.object({ jobId: z.number().int(), total: z.number().int() });
export const jobIdInput = z.object({ jobId: z.number().int().positive() }).strict();
/** Send one invoice as 80 although its plan forbids it: the clerk's written reason is audited and shown in 提交记录. */
export const submitOverrideInput = z.object({
  id: z.number().int().positive(),
  reason: z.string().trim().min(4, '请写明原因（至少 4 个字） / Write the reason (at least 4 characters)').max(255),
}).strict();

/** 标记开票失败: record 75 (or 65) with a reason for the never-80 invoices of a selection, then send them. */
export const submitMarkFailedInput = z.object({
  selection: selectionSchema,
  status: z.union([z.literal(65), z.literal(75)]).default(75),
  // Sent to Wangdiantong as error_info: the same text rules as the edit form's 失败原因 (lone surrogates refused).
  reason: z.string().trim().min(1, '请填写失败原因 / Write the failure reason')
    .max(255, '失败原因最多 255 个字符 / The failure reason is at most 255 characters')
    .superRefine(freeTextCheck({ zh: '失败原因', en: 'failure reason' })),
}).strict();
export const submitMarkFailedOutput = z.object({
  jobId: z.number().int(),
  total: z.number().int(),
  skipped: z.array(z.object({ reason: z.object({ zh: z.string(), en: z.string() }), count: z.number().int(), sample: z.array(z.string()) })),
});

/** A split order: write back one valid blue's number, or all of them joined (when they fit 40 characters). */
export const chooseSplitInput = z.object({
  id: z.number().int().positive(),
  pick: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('one'), invoiceNum: z.string().trim().min(1).max(40).superRefine(identifierCheck({ zh: '发票号码', en: 'invoice number' })) }).strict(),
    z.object({ kind: z.literal('joined') }).strict(),
  ]),
}).strict();
/** The clerk's note on an invoice ('' clears it). */
export const setNoteInput = z.object({
  id: z.number().int().positive(),
  note: z.string().max(500, '备注最多 500 个字符 / The note is at most 500 characters').superRefine(freeTextCheck({ zh: '处理备注', en: 'note' })),
}).strict();

// ---------- history ----------
const pageInput = {
  cursor: z.string().max(200).nullable().optional(),
  limit: z.number().int().min(1).max(500).default(100),
};
/** Which submissions 提交记录 shows and exports: state, ERP invoice number (exact or prefix), Beijing days. */
export const submissionsFilterShape = {
  state: z.array(outboxStateSchema).optional(),
  search: z.string().trim().max(100).optional(),
  /** First and last Beijing calendar day (inclusive) of the submission's last change. */
  from: calendarDaySchema.optional(),
  to: calendarDaySchema.optional(),
};
const dayOrder = (v: { from?: string | undefined; to?: string | undefined }) => !(v.from && v.to && v.from > v.to);
const DAY_ORDER_MESSAGE = { message: '开始日期不能晚于结束日期 / The start date is after the end date', path: ['to'] };
export const submissionsListInput = z.object({ ...submissionsFilterShape, ...pageInput }).strict().refine(dayOrder, DAY_ORDER_MESSAGE);
/** 提交记录's export: the same filter as the list, all matching rows. */
export const submissionsExportInput = z.object({ format: z.enum(['csv', 'xlsx']), ...submissionsFilterShape }).strict().refine(dayOrder, DAY_ORDER_MESSAGE);
export const submissionsListOutput = z.object({
  rows: z.array(submissionSchema),
  nextCursor: z.string().nullable(),
  /** How many submissions match the filter in all (on the first page only; later pages omit it). */
  total: z.number().int().optional(),
});

export const queryLogRowSchema = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  billType: billTypeSchema,
  at: z.string(),
  outcome: z.enum(['found', 'no_result', 'error']),
  invoices: z.number().int(),
  code: z.string().nullable(),
  message: z.string().nullable(),
  jobId: z.number().int().nullable(),
});
export const queriesListInput = z.object({ search: z.string().trim().max(100).optional(), ...pageInput }).strict();
export const queriesListOutput = z.object({ rows: z.array(queryLogRowSchema), nextCursor: z.string().nullable() });

export const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const auditListInput = z.object({ action: z.string().max(50).optional(), ...pageInput }).strict();
export const auditListOutput = z.object({ rows: z.array(auditRowSchema), nextCursor: z.string().nullable() });

// ---------- settings ----------
export const platformEnvSchema = z.enum(['practice', 'sandbox', 'production', 'custom']);
export const httpUrlSchema = z.string().max(500).regex(/^https?:\/\/[^\s]+$/i, '请填写以 http:// 或 https:// 开头的地址 / Enter an address starting with http:// or https://');
// Request limits a clerk may set. The platforms' real quotas depend on the merchant's contract (Wangdiantong
// and Suning both grant hundreds of calls per second to larger accounts), so the cap only refuses nonsense:
// 1000 rps, and 64 in flight, enough to use that rate at ~60 ms a call. The defaults (services/settings.ts)
// stay conservative; the limiter keeps whatever is chosen (no 1 s window above rps plus a ~20 ms burst).
const rpsSchema = z.number().min(0.1).max(1000);
const concurrencySchema = z.number().int().min(1).max(64);
export const settingsSchema = z.object({
  language: z.enum(['zh-CN', 'en-US']),
  wangdian: z.object({
    env: platformEnvSchema,
    customUrl: z.union([httpUrlSchema, z.literal('')]),
    sid: z.string().max(64),
    appkey: z.string().max(64),
    rps: rpsSchema,
    concurrency: concurrencySchema,
  }).strict(),
  suning: z.object({
    env: platformEnvSchema,
    customUrl: z.union([httpUrlSchema, z.literal('')]),
    appKey: z.string().max(64),
    saleOrg: z.string().max(32),
    saleTaxNo: z.string().max(32),
    format: z.enum(['json', 'xml']),
    batchSize: z.number().int().min(1).max(50),
    rps: rpsSchema,
    concurrency: concurrencySchema,
    /** Suning's answer older than this is queried again before anything is written back (the write-back plan). */
    maxAnswerAgeHours: z.number().int().min(1).max(24 * 90),
  }).strict(),
  /** Downloading and keeping the e-invoice files (issue 15). */
  archive: z.object({
    rps: rpsSchema,
    concurrency: concurrencySchema,
    /** The size cap of one file, MB (refused while it streams). */
    maxFileMb: z.number().int().min(1).max(200),
    /** Archive the files of the invoices a query job answered, when it ends. */
    autoAfterQuery: z.boolean(),
    /** File names inside the archive ZIP (shared/domain/archive-names.ts). */
    zipNameTemplate: z.string().superRefine((t, ctx) => {
      const p = zipTemplateProblem(t);
      if (p) ctx.addIssue({ code: 'custom', message: `${p.zh} / ${p.en}` });
    }),
  }).strict(),
}).strict();
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = z.object({
  language: settingsSchema.shape.language.optional(),
  wangdian: settingsSchema.shape.wangdian.partial().optional(),
  suning: settingsSchema.shape.suning.partial().optional(),
  archive: settingsSchema.shape.archive.partial().optional(),
}).strict();

export const secretNameSchema = z.enum(['wangdian.appsecret', 'suning.appSecret']);
export const secretStatusSchema = z.object({ configured: z.boolean(), hint: z.string() });
export const settingsViewSchema = z.object({
  settings: settingsSchema,
  secrets: z.record(secretNameSchema, secretStatusSchema),
  /** Set when the OS keychain is weak (Linux basic_text) and the user has not accepted it. */
  secretStorage: z.object({ backend: z.string(), weak: z.boolean(), accepted: z.boolean() }),
});
export const setSecretInput = z.object({
  name: secretNameSchema,
  value: z.string().min(1).max(256),
  acceptWeakStorage: z.boolean().optional(),
}).strict();
export const platformInput = z.object({ platform: z.enum(['wangdian', 'suning']) }).strict();
export const connectionVerdictSchema = z.object({
  ok: z.boolean(),
  verdict: z.enum(['ok', 'signature', 'clock', 'unreachable', 'auth', 'not_configured', 'protocol', 'other']),
  message: z.string(),
  messageEn: z.string(),
  code: z.string().nullable(),
  skewSeconds: z.number().nullable(),
  latencyMs: z.number().nullable(),
});

// ---------- events (main → renderer) ----------
export const invoicesChangedEvent = z.object({ reason: z.enum(['import', 'query', 'submit', 'edit', 'practice', 'archive']) });

export { localInvoiceSchema, reconStatusSchema, wdtStatusSchema };
