// Main process. Local ERP invoices: one repository over three parts, each holding one job —
// bulk import writes (invoice-import-writes.ts), the paging / count engine (invoice-query.ts) and row reads and
// edits (invoice-rows.ts), plus the money totals (invoice-totals.ts); what they share is in invoice-fields.ts.
import type { Db } from '../open';
import { invoiceImportWrites } from './invoice-import-writes';
import { invoiceQueries, type InvoicesRepoOptions } from './invoice-query';
import { invoiceRows } from './invoice-rows';
import { invoiceTotals } from './invoice-totals';

export type { FieldChange, InvoiceChange, InvoiceInput, InvoicePatch, UpsertOptions, UpsertResult } from './invoice-fields';
export type { InvoiceCounts, InvoicesRepoOptions, ListPage } from './invoice-query';

export function invoicesRepo(db: Db, options: InvoicesRepoOptions = {}) {
  return { ...invoiceImportWrites(db), ...invoiceRows(db), ...invoiceQueries(db, options), ...invoiceTotals(db) };
}

export type InvoicesRepo = ReturnType<typeof invoicesRepo>;
