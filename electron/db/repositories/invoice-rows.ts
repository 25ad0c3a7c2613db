// Main process. Invoices, part 3 of 3: reading rows and the clerk's edits of one row.
import { AppError } from '../../../shared/errors';
import type { InvoiceRow } from '../../../shared/domain/invoice';
import type { Db } from '../open';
import { refreshDerived } from '../derived';
import { INVOICE_COLUMNS, toInvoiceRow, type InvoiceDbRow } from '../rows';
import { nowIso } from '../util';
import { FIELDS, FIELD_COLUMN, applyChanges, dbValue, display, type Field, type FieldChange, type InvoiceInput, type InvoicePatch, type SqlParam } from './invoice-fields';

export function invoiceRows(db: Db) {
  const selByNo = db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE invoice_no = ?`);
  const selById = db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id = ?`);

  function getById(id: number): InvoiceRow | null {
    const r = selById.get(id) as InvoiceDbRow | undefined;
    return r ? toInvoiceRow(r) : null;
  }

  function getByInvoiceNo(invoiceNo: string): InvoiceRow | null {
    const r = selByNo.get(invoiceNo) as InvoiceDbRow | undefined;
    return r ? toInvoiceRow(r) : null;
  }

  function diff(existing: InvoiceDbRow, next: Partial<InvoiceInput>): { field: Field; before: SqlParam; after: SqlParam }[] {
    const out: { field: Field; before: SqlParam; after: SqlParam }[] = [];
    for (const f of FIELDS) {
      if (!(f in next) || next[f] === undefined) continue;
      const before = existing[FIELD_COLUMN[f] as keyof InvoiceDbRow] as SqlParam;
      const after = dbValue(f, next[f]);
      if (before !== after) out.push({ field: f, before, after });
    }
    return out;
  }

  /**
   * Changes some fields of one invoice; updated_at moves only on a real change. Throws not_found.
   * `deferRefresh`: a batch of updates (bulk 采用苏宁结果, its undo) refreshes the derived columns once for all
   * its ids afterwards, in the same transaction; the row returned then still has the old derived values.
   */
  function update(id: number, patch: InvoicePatch, options: { readonly deferRefresh?: boolean } = {}): { row: InvoiceRow; fields: FieldChange[] } {
    return db.transaction(() => {
      const existing = selById.get(id) as InvoiceDbRow | undefined;
      if (!existing) {
        throw new AppError('not_found', { zh: `发票记录 ${id} 不存在`, en: `Invoice record ${id} does not exist` }, { id });
      }
      const d = diff(existing, patch);
      if (d.length > 0) {
        applyChanges(db, id, d, null, nowIso());
        if (options.deferRefresh !== true) refreshDerived(db, [id]);
      }
      const row = getById(id);
      if (!row) throw new Error('invoice vanished inside its own transaction');
      return { row, fields: d.map((c) => ({ field: c.field, before: display(c.field, c.before), after: display(c.field, c.after) })) };
    })();
  }

  function listByOrderNo(orderNo: string): InvoiceRow[] {
    return (db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE order_no = ? ORDER BY id`).all(orderNo) as InvoiceDbRow[]).map(toInvoiceRow);
  }

  function getMany(ids: readonly number[]): InvoiceRow[] {
    return (db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(ids)) as InvoiceDbRow[]).map(toInvoiceRow);
  }

  return { getById, getByInvoiceNo, getMany, listByOrderNo, update };
}
