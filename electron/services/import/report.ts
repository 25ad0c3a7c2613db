// Main process. The invalid-rows report: CSV, UTF-8 with BOM so Excel on Chinese Windows opens it,
// cells that Excel would run as formulas neutralised.
import { stringify } from 'csv-stringify/sync';
import type { RowError } from './validate';

export const REPORT_HEADERS = ['行号 Row', '列 Column', '值 Value', '原因', 'Reason'] as const;

/** A leading = + - @ tab or CR makes Excel evaluate the cell; a leading apostrophe keeps it text. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r\n]/.test(cell) ? `'${cell}` : cell;
}

export function buildReportCsv(errors: readonly RowError[]): Buffer {
  const body = stringify([
    [...REPORT_HEADERS],
    ...errors.map((e) => [String(e.row), neutralise(e.column), neutralise(e.value), neutralise(e.reason), neutralise(e.reasonEn)]),
  ], { record_delimiter: '\r\n', quoted_match: /[",\r\n]/ });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}
