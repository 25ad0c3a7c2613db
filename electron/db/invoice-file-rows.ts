// Main process. Column ↔ domain mapping of invoice_files (migration 007). facts_json / parse_problem are
// validated when read: a row written by another version that does not parse is shown as "no facts".
import { einvoiceFactsSchema, type FileOutcome, type InvoiceFile } from '../../shared/domain/einvoice-file';
import { z } from 'zod';

export interface InvoiceFileDbRow {
  readonly id: number;
  readonly order_no: string;
  readonly suning_invoice_num: string;
  readonly suning_invoice_code: string;
  readonly kind: string;
  readonly source_url: string;
  readonly outcome: string;
  readonly outcome_detail: string;
  readonly http_status: number | null;
  readonly sha256: string | null;
  readonly size: number | null;
  readonly fetched_at: string;
  readonly attempts: number;
  readonly facts_json: string | null;
  readonly parse_problem: string | null;
}

export const INVOICE_FILE_COLUMNS = `id, order_no, suning_invoice_num, suning_invoice_code, kind, source_url, outcome, outcome_detail,
  http_status, sha256, size, fetched_at, attempts, facts_json, parse_problem`;

const bilingual = z.object({ zh: z.string(), en: z.string() });

function parsed<T>(schema: z.ZodType<T>, text: string | null): T | null {
  if (text === null || text === '') return null;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function toInvoiceFile(r: InvoiceFileDbRow): InvoiceFile {
  return {
    id: r.id,
    orderNo: r.order_no,
    suningInvoiceNum: r.suning_invoice_num,
    suningInvoiceCode: r.suning_invoice_code,
    // CHECK constraints keep these within their enums.
    kind: r.kind as InvoiceFile['kind'],
    sourceUrl: r.source_url,
    outcome: r.outcome as FileOutcome,
    outcomeDetail: r.outcome_detail,
    httpStatus: r.http_status,
    sha256: r.sha256,
    size: r.size,
    fetchedAt: r.fetched_at,
    attempts: r.attempts,
    facts: parsed(einvoiceFactsSchema, r.facts_json),
    parseProblem: parsed(bilingual, r.parse_problem),
  };
}
