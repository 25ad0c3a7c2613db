// Main process. Which fields of an invoice hold a value the app wrote (filled from Suning, typed by the clerk,
// restored by an undo) rather than one read from an ERP file; and, for a re-import, every invoice whose values
// must not be overwritten silently (such app values, or the values Wangdiantong accepted).
import type { SubmissionPayload, WdtStatus } from '../../../shared/domain/invoice';
import { APP_WRITTEN_FIELDS } from '../../../shared/api/schemas';
import type { Db } from '../open';
import { parsePayload } from '../rows';
import { nowIso } from '../util';

/** The invoice fields the app may write (the Wangdiantong write-back fields; migration 005's CHECK lists them too). */
export const APP_FIELDS = APP_WRITTEN_FIELDS;
export type AppField = (typeof APP_FIELDS)[number];
export type AppOrigin = 'suning' | 'edit' | 'undo';

export function isAppField(field: string): field is AppField {
  return (APP_FIELDS as readonly string[]).includes(field);
}

/** The write-back field each app field is sent as. */
export const PAYLOAD_KEY: Readonly<Record<AppField, keyof SubmissionPayload>> = {
  invoiceNum: 'invoice_no_out',
  invoiceCode: 'invoice_code',
  pdfUrl: 'file_path',
  targetStatus: 'status',
  errorInfo: 'error_info',
};

export interface ProtectedInvoice {
  readonly id: number;
  readonly invoiceNo: string;
  readonly values: { readonly invoiceNum: string; readonly invoiceCode: string; readonly pdfUrl: string; readonly targetStatus: WdtStatus; readonly errorInfo: string };
  readonly origins: ReadonlyMap<AppField, AppOrigin>;
  /** The payload of the newest submission Wangdiantong accepted, if any. */
  readonly accepted: SubmissionPayload | null;
}

interface ProtectedDbRow {
  readonly id: number;
  readonly invoice_no: string;
  readonly invoice_num: string;
  readonly invoice_code: string;
  readonly pdf_url: string;
  readonly target_status: number;
  readonly error_info: string;
  readonly origins: string | null;
  readonly accepted: string | null;
}

export function appValuesRepo(db: Db) {
  const upsert = db.prepare('INSERT OR REPLACE INTO invoice_app_values (invoice_id, field, origin, at) VALUES (?, ?, ?, ?)');
  const del = db.prepare('DELETE FROM invoice_app_values WHERE invoice_id = ? AND field = ?');
  const selFor = db.prepare('SELECT field, origin FROM invoice_app_values WHERE invoice_id = ?');
  // Only invoices the app touched or Wangdiantong accepted can conflict, so a first import reads nothing here.
  const selProtected = db.prepare(`SELECT i.id, i.invoice_no, i.invoice_num, i.invoice_code, i.pdf_url, i.target_status, i.error_info,
      (SELECT json_group_object(v.field, v.origin) FROM invoice_app_values v WHERE v.invoice_id = i.id) AS origins,
      (SELECT s.payload FROM submissions s WHERE s.invoice_id = i.id AND s.state = 'accepted' ORDER BY s.id DESC LIMIT 1) AS accepted
    FROM invoices i
    WHERE i.id IN (SELECT invoice_id FROM invoice_app_values UNION SELECT invoice_id FROM submissions WHERE state = 'accepted')`);
  const selAccepted = db.prepare("SELECT payload FROM submissions WHERE invoice_id = ? AND state = 'accepted' ORDER BY id DESC LIMIT 1").pluck();
  const anyProtected = db.prepare(`SELECT 1 WHERE EXISTS (SELECT 1 FROM invoice_app_values)
    OR EXISTS (SELECT 1 FROM submissions WHERE state = 'accepted')`).pluck();

  /** Records that these fields of the invoice now hold a value the app wrote. */
  function mark(invoiceId: number, fields: readonly string[], origin: AppOrigin, at: string = nowIso()): void {
    for (const f of fields) if (isAppField(f)) upsert.run(invoiceId, f, origin, at);
  }

  /** The file's value replaced the app's: the field is the ERP's again. */
  function clear(invoiceId: number, fields: readonly string[]): void {
    for (const f of fields) del.run(invoiceId, f);
  }

  function originsOf(invoiceId: number): Map<AppField, AppOrigin> {
    const out = new Map<AppField, AppOrigin>();
    for (const r of selFor.all(invoiceId) as { field: string; origin: AppOrigin }[]) if (isAppField(r.field)) out.set(r.field, r.origin);
    return out;
  }

  /** The payload of the newest submission of the invoice that Wangdiantong accepted, if any. */
  function acceptedPayload(invoiceId: number): SubmissionPayload | null {
    const text = selAccepted.get(invoiceId) as string | undefined;
    return text === undefined ? null : parsePayload(text);
  }

  /** Every invoice with app-written or accepted values, by invoice number (empty map on a first import). */
  function protectedByInvoiceNo(): Map<string, ProtectedInvoice> {
    const out = new Map<string, ProtectedInvoice>();
    if (anyProtected.get() === undefined) return out;
    for (const r of selProtected.all() as ProtectedDbRow[]) {
      const origins = new Map<AppField, AppOrigin>();
      const parsed = r.origins ? (JSON.parse(r.origins) as Record<string, AppOrigin>) : {};
      for (const [f, o] of Object.entries(parsed)) if (isAppField(f)) origins.set(f, o);
      out.set(r.invoice_no, {
        id: r.id,
        invoiceNo: r.invoice_no,
        values: {
          invoiceNum: r.invoice_num, invoiceCode: r.invoice_code, pdfUrl: r.pdf_url,
          // The schema's CHECK keeps it 65/75/80.
          targetStatus: r.target_status as WdtStatus, errorInfo: r.error_info,
        },
        origins,
        accepted: r.accepted ? parsePayload(r.accepted) : null,
      });
    }
    return out;
  }

  return { mark, clear, originsOf, acceptedPayload, protectedByInvoiceNo };
}

export type AppValuesRepo = ReturnType<typeof appValuesRepo>;
