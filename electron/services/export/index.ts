// Main process. One entry point for the export services: picks the writer by format.
import type { Writable } from 'node:stream';
import type { ExportColumn } from './columns';
import { writeRowsCsv, type RowSource, type WriteResult } from './csv';
import { writeRowsXlsx } from './xlsx';

export type ExportFormat = 'csv' | 'xlsx';

export function writeExport<T>(format: ExportFormat, rows: RowSource<T>, columns: readonly ExportColumn<T>[], out: Writable | string, sheetName?: string): Promise<WriteResult> {
  switch (format) {
    case 'csv': return writeRowsCsv(rows, columns, out);
    case 'xlsx': return writeRowsXlsx(rows, columns, out, sheetName);
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
