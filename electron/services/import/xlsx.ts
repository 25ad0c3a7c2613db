// Main process. Reads the first non-empty worksheet of an XLSX file with exceljs, every cell as the text
// the clerk sees: text cells verbatim (leading zeros kept), dates as YYYY-MM-DD, formulas by their result.
import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors';
import type { RawTable, TableRow } from './table';
import { toTable } from './table';
import { MAX_XLSX_CELLS, elementsTooMany } from './limits';
import { checkInflatedXlsx } from './xlsx-guard';

function pad(n: number): string {
  return n.toString().padStart(2, '0');
}

function dateText(d: Date): string {
  // exceljs gives Excel's date serials as UTC midnight.
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? n.toString() : n.toExponential();
  // Excel keeps 15 significant digits; printing more would show float noise (0.30000000000000004).
  return Number(n.toPrecision(15)).toString();
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      const f = 'formula' in value ? value.formula : value.sharedFormula;
      // No cached result: keep it visibly a formula so validation reports it.
      return `=${String(f)}`;
    }
    if (typeof result === 'object' && 'error' in result) return String((result as { error: unknown }).error);
    return cellText(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) {
    const v = value as { text?: unknown; hyperlink?: unknown };
    const text = typeof v.text === 'string' ? v.text : v.text !== undefined ? cellText(v.text as ExcelJS.CellValue) : '';
    return text !== '' ? text : String(v.hyperlink ?? '');
  }
  return '';
}

function unreadable(e: unknown): AppError {
  return new AppError('import.encoding', {
    zh: '无法读取这个 .xlsx 文件（文件已损坏或不是 Excel 工作簿）',
    en: 'This .xlsx file cannot be read (it is damaged or not an Excel workbook)',
  }, { cause: e instanceof Error ? e.message : String(e) });
}

export async function readXlsx(bytes: Buffer): Promise<RawTable> {
  const wb = new ExcelJS.Workbook();
  try {
    // Streamed and counted first: exceljs inflates each part whole, a zip bomb included.
    await checkInflatedXlsx(bytes);
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable(e);
  }
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) return { headers: [], headerRow: 1, rows: [], blankRows: 0, broken: [] };
  const records: TableRow[] = [];
  let width = 0;
  let lastRow = 0;
  let blank = 0;
  let tableCells = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // Rows exceljs skips (never written) are blank rows the clerk sees too.
    if (lastRow > 0) blank += rowNumber - lastRow - 1;
    lastRow = rowNumber;
    const count = Math.max(row.cellCount, width);
    // One cell far to the right (XFD1) makes a row 16,384 cells wide: counted before they are made.
    tableCells += count;
    if (tableCells > MAX_XLSX_CELLS) throw elementsTooMany('cells', MAX_XLSX_CELLS);
    const cells: string[] = new Array<string>(count).fill('');
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c <= count) cells[c - 1] = cellText(cell.value);
    });
    if (records.length === 0) width = cells.length;
    records.push({ row: rowNumber, cells });
  });
  return toTable(records, [], blank);
}
