// Main process (and the import worker). How much an import may read and hold, and the errors that say so. A
// file is refused as soon as a limit is crossed, before the memory it would take is spent.
import { IMPORT_MAX_BYTES } from '../../../shared/api/schemas';
import { AppError } from '../../../shared/errors';

export { IMPORT_MAX_BYTES };

/**
 * Inflated bytes of every part of an .xlsx together. exceljs holds each part as one string while parsing it;
 * a workbook at MAX_XLSX_CELLS is ~120 MB inflated (40 bytes a cell), so this leaves twice that.
 */
export const MAX_XLSX_INFLATED_BYTES = 256 * 1024 * 1024;

/**
 * Cells (`<c>` elements) and shared strings (`<si>`) in the workbook, and cells of the table read from it.
 * exceljs keeps ~470 bytes of heap per cell (661 MB for 100,000 rows × 14 columns, measured); a workbook of
 * 2.8 million cells imported at a peak of 2.07 GB process RSS (docs/PERFORMANCE.md), inside the worker's 3 GB.
 * Larger files import as CSV.
 */
export const MAX_XLSX_CELLS = 3_000_000;

/** Rows (`<row>` elements): Excel's own limit. */
export const MAX_XLSX_ROWS = 1_048_576;

const MB = 1024 * 1024;

function mb(bytes: number): string {
  return (bytes / MB).toFixed(0);
}

export function fileTooLarge(bytes: number): AppError {
  return new AppError('import.too_large', {
    zh: `文件过大（${mb(bytes)} MB），导入最多 ${mb(IMPORT_MAX_BYTES)} MB。请把文件拆成几份后分别导入。`,
    en: `The file is too large (${mb(bytes)} MB); an import takes at most ${mb(IMPORT_MAX_BYTES)} MB. Split it and import the parts.`,
  }, { bytes, limit: IMPORT_MAX_BYTES });
}

export function inflatedTooLarge(part: string, inflated: number): AppError {
  return new AppError('import.too_large', {
    zh: `文件解压后过大：解压后的内容超过了 ${mb(MAX_XLSX_INFLATED_BYTES)} MB 的上限（在 ${part} 中），已停止读取，没有导入任何数据。`
      + '这可能是损坏或恶意构造的文件；正常的大文件请在 Excel 中另存为“CSV UTF-8”后导入。',
    en: `The file is too large once uncompressed: its content passed the ${mb(MAX_XLSX_INFLATED_BYTES)} MB limit (in ${part}), so reading stopped `
      + 'and nothing was imported. It may be damaged or crafted; a genuinely large file imports once saved from Excel as "CSV UTF-8".',
  }, { part, inflated, limit: MAX_XLSX_INFLATED_BYTES });
}

export type CountedElement = 'cells' | 'rows' | 'sharedStrings';

const ELEMENT_LABEL: Readonly<Record<CountedElement, { zh: string; en: string }>> = {
  cells: { zh: '单元格', en: 'cells' },
  rows: { zh: '行', en: 'rows' },
  sharedStrings: { zh: '共享字符串', en: 'shared strings' },
};

export function elementsTooMany(what: CountedElement, limit: number): AppError {
  const l = ELEMENT_LABEL[what];
  return new AppError('import.too_large', {
    zh: `文件解压后过大：工作簿的${l.zh}超过 ${limit.toLocaleString('en-US')} 个（XLSX 导入的上限），已停止读取，没有导入任何数据。更大的文件请在 Excel 中另存为“CSV UTF-8”后导入。`,
    en: `The file is too large once uncompressed: the workbook has more than ${limit.toLocaleString('en-US')} ${l.en} (the XLSX import limit), so reading stopped `
      + 'and nothing was imported. Save a larger file from Excel as "CSV UTF-8" and import that.',
  }, { element: what, limit });
}
