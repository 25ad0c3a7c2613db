// Main process. One entry point for the export services: picks the writer by format.
import type { Writable } from 'node:stream';
import type { ExportColumn } from './columns';
import { writeRowsCsv, type RowSource, type WriteResult } from './csv';
import { extraSheet, writeRowsXlsx, type XlsxWriteOptions } from './xlsx';
import { InvoiceSummary, SUMMARY_COLUMNS, SUMMARY_SHEET, tapSummary } from './summary';
import { PLANNED_INVOICE_COLUMNS } from './columns';
import type { PlannedInvoiceRow } from '../../../shared/domain/plan';

export type ExportFormat = 'csv' | 'xlsx';

export function writeExport<T>(format: ExportFormat, rows: RowSource<T>, columns: readonly ExportColumn<T>[], out: Writable | string, sheetName?: string, xlsx?: XlsxWriteOptions): Promise<WriteResult> {
  switch (format) {
    case 'csv': return writeRowsCsv(rows, columns, out);
    case 'xlsx': return writeRowsXlsx(rows, columns, out, sheetName, xlsx);
    default: {
      const never: never = format;
      throw new Error(`unknown export format ${String(never)}`);
    }
  }
}

export { INVOICE_COLUMNS, PLANNED_INVOICE_COLUMNS, SUBMISSION_COLUMNS, headersOf, beijingTime, type ExportColumn } from './columns';
export { writeCsv, writeRowsCsv, writeInvoicesCsv, writeSubmissionsCsv, invoiceRowToCells, submissionToCells, cellsOf, csvText, type RowSource, type WriteResult } from './csv';
export { writeRowsXlsx, writeInvoicesXlsx, writeSubmissionsXlsx, xlsxValue } from './xlsx';
export { protectCell, unprotectCell } from './cell-protection';

/**
 * The invoice export every host writes (export:invoices, the CLI's export): the planned invoice columns; the XLSX
 * also gets the 汇总 sheet of the same rows. The CSV stays one clean table for machines.
 */
export function writeInvoiceExport(format: ExportFormat, rows: Iterable<PlannedInvoiceRow>, out: Writable | string): Promise<WriteResult> {
  if (format === 'csv') return writeExport('csv', rows, PLANNED_INVOICE_COLUMNS, out);
  const summary = new InvoiceSummary();
  return writeExport('xlsx', tapSummary(rows, summary), PLANNED_INVOICE_COLUMNS, out, '发票对账',
    { extraSheets: [extraSheet(SUMMARY_SHEET, SUMMARY_COLUMNS, () => summary.rows())] });
}

export { InvoiceSummary, SUMMARY_COLUMNS, SUMMARY_SHEET, NO_SHOP, tapSummary, type SummaryRow } from './summary';
export { extraSheet, type ExtraSheet, type XlsxWriteOptions } from './xlsx';
