// Main process. Migration 004: what the app itself wrote into an invoice, and a failed re-query's flag.
//
// invoice_app_values: per invoice and field, that its current value was set in the app (filled from Suning, typed
// by the clerk, restored by an undo) rather than read from an ERP file. A re-import compares against it: such a
// value is a conflict to preview, never silently overwritten by the file (nor is a value Wangdiantong accepted).
// Back-filled from the audit log's edits of older versions (the newest action per field wins).
//
// query_failed_at / query_failed_reason: derived like recon_status. Set when the newest Suning query of the
// order failed; the verdict then still comes from the last successful answer, and automatic actions skip the
// invoice until a query succeeds.
export const sql = `
CREATE TABLE invoice_app_values (
  invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  field      TEXT    NOT NULL CHECK (field IN ('invoiceNum','invoiceCode','pdfUrl','targetStatus','errorInfo')),
  origin     TEXT    NOT NULL CHECK (origin IN ('suning','edit','undo')),
  at         TEXT    NOT NULL,
  PRIMARY KEY (invoice_id, field)
) WITHOUT ROWID;

INSERT OR REPLACE INTO invoice_app_values (invoice_id, field, origin, at)
  SELECT i.id, f.value ->> '$.field', CASE a.action WHEN 'invoice.apply_suning' THEN 'suning' ELSE 'edit' END, a.at
  FROM audit_log a
  JOIN invoices i ON i.invoice_no = a.target
  JOIN json_each(a.details, '$.fields') f
  WHERE a.action IN ('invoice.edit', 'invoice.apply_suning')
    AND f.value ->> '$.field' IN ('invoiceNum','invoiceCode','pdfUrl','targetStatus','errorInfo')
  ORDER BY a.id;

ALTER TABLE invoices ADD COLUMN query_failed_at TEXT;
ALTER TABLE invoices ADD COLUMN query_failed_reason TEXT NOT NULL DEFAULT '';
-- Few rows carry the flag: a partial index finds and counts them without a table scan.
CREATE INDEX invoices_query_failed ON invoices(query_failed_at) WHERE query_failed_at IS NOT NULL;
-- An invoice's newest 采用苏宁结果 (the detail panel's undo) without walking every batch's entries.
CREATE INDEX audit_log_target ON audit_log(target, action, id);
`;
