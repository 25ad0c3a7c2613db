// Main process (pure; no I/O). Decides the reconciliation status of one local invoice.
// SIGNATURE STUB — the implementation is being written; keep the exported names and types.
import type { Bilingual } from '../../shared/errors';
import type { LocalInvoice, OutboxState, ReconStatus, SubmissionPayload, SubmitState, SuningInvoice } from '../../shared/domain/invoice';

export interface LastQuery {
  readonly outcome: 'found' | 'no_result' | 'error';
}

export interface ReconInput {
  readonly local: Pick<LocalInvoice, 'amountFen' | 'invoiceCode' | 'invoiceNum' | 'pdfUrl' | 'invoiceDate'>;
  /** Every invoice Suning reported for the order (any order of blue/red). */
  readonly suning: readonly SuningInvoice[];
  /** null = never queried. */
  readonly lastQuery: LastQuery | null;
}

export interface FieldDiff {
  readonly field: 'invoiceNum' | 'invoiceCode' | 'amountFen' | 'pdfUrl' | 'invoiceDate';
  readonly local: string;
  readonly suning: string;
}

export interface ReconResult {
  readonly status: ReconStatus;
  /** The single valid (not reversed) blue invoice, when there is exactly one. */
  readonly validBlue: SuningInvoice | null;
  readonly explanation: Bilingual;
  readonly diffs: readonly FieldDiff[];
}

export function reconcile(_input: ReconInput): ReconResult {
  throw new Error('reconcile: not implemented yet');
}

export interface LatestSubmission {
  readonly state: OutboxState;
  readonly payload: SubmissionPayload;
}

/** Submission state of a row from its latest submission and what would be sent now. */
export function submitStateOf(_latest: LatestSubmission | null, _current: SubmissionPayload): SubmitState {
  throw new Error('submitStateOf: not implemented yet');
}

/** What would be sent to Wangdiantong for this invoice now. */
export function payloadOf(local: Pick<LocalInvoice, 'invoiceNo' | 'targetStatus' | 'invoiceNum' | 'invoiceCode' | 'errorInfo' | 'pdfUrl'>): SubmissionPayload {
  return {
    invoice_no: local.invoiceNo,
    status: local.targetStatus,
    invoice_no_out: local.invoiceNum,
    invoice_code: local.invoiceCode,
    error_info: local.errorInfo,
    file_path: local.pdfUrl,
  };
}
