// Main process. What the invoices repository parts share: the input types, the field ↔ column map and how a
// value is stored and shown. The parts: invoice-import-writes.ts, invoice-query.ts, invoice-rows.ts.
import { formatFen } from '../../../shared/domain/money';
import type { LocalInvoice } from '../../../shared/domain/invoice';
import type { Db } from '../open';

/** What an import (or the practice generator) provides for one invoice. */
export type InvoiceInput = Omit<LocalInvoice, 'id' | 'source' | 'updatedAt'>;

/** Fields the clerk (or "use Suning's values") may change on an existing invoice. */
export type InvoicePatch = Partial<Omit<InvoiceInput, 'invoiceNo'>>;

export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}
export interface InvoiceChange {
  readonly invoiceNo: string;
  readonly fields: readonly FieldChange[];
}
export interface UpsertResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly changes: readonly InvoiceChange[];
  /** Ids of inserted and updated rows. */
  readonly touchedIds: readonly number[];
}

export interface UpsertOptions {
  /** Per invoice number, fields a re-import leaves as they are (the app's values the clerk chose to keep). */
  readonly keep?: ReadonlyMap<string, ReadonlySet<string>>;
}

export type Field = keyof Omit<InvoiceInput, 'invoiceNo'>;
export const FIELD_COLUMN: Readonly<Record<Field, string>> = {
  orderNo: 'order_no',
  billType: 'bill_type',
  shop: 'shop',
  saleOrg: 'sale_org',
  buyerTitle: 'buyer_title',
  amountFen: 'amount_fen',
  taxAmountFen: 'tax_amount_fen',
  invoiceDate: 'invoice_date',
  invoiceCode: 'invoice_code',
  invoiceNum: 'invoice_num',
  pdfUrl: 'pdf_url',
  targetStatus: 'target_status',
  errorInfo: 'error_info',
};
export const FIELDS = Object.keys(FIELD_COLUMN) as Field[];

export type SqlParam = string | number | null;

/** Column values as stored: invoice_date '' means unknown. */
export function dbValue(field: Field, v: InvoiceInput[Field]): SqlParam {
  if (field === 'invoiceDate') return (v as string | null) ?? '';
  return v as SqlParam;
}

export function display(field: Field, v: unknown): string {
  if (v === null || v === undefined) return '';
  if ((field === 'amountFen' || field === 'taxAmountFen') && typeof v === 'number') return formatFen(v);
  return String(v);
}

/** Writes the changed fields of one row (and the source, when given), moving updated_at. */
export function applyChanges(db: Db, id: number, changes: readonly { field: Field; after: SqlParam }[], source: string | null, at: string): void {
  const sets = changes.map((c) => `${FIELD_COLUMN[c.field]} = ?`);
  const params: SqlParam[] = changes.map((c) => c.after);
  if (source !== null) {
    sets.push('source = ?');
    params.push(source);
  }
  sets.push('updated_at = ?');
  params.push(at, id);
  // The column list comes from FIELD_COLUMN, never from input.
  db.prepare(`UPDATE invoices SET ${sets.join(', ')} WHERE id = ?`).run(...params);
}

