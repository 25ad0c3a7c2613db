// Main process. Streams rows into an XLSX sheet: identifiers as text cells, amounts as real numbers.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { INVOICE_COLUMNS, SUBMISSION_COLUMNS, type ExportColumn } from './columns';
import type { RowSource, WriteResult } from './csv';
import { writeFileAtomically } from './atomic-file';
import type { InvoiceRow, Submission } from '../../../shared/domain/invoice';

/** Rows between yields to the event loop: lets the zip stream drain and keeps IPC responsive. */
const ROWS_PER_YIELD = 200;

type CellValue = string | number | null;

/** The XLSX value of one column: amounts in yuan as numbers (fen / 100; the 0.00 format shows them exactly). */
export function xlsxValue<T>(column: ExportColumn<T>, row: T): CellValue {
  switch (column.kind) {
    case 'amount': {
      const fen = column.get(row);
      return fen === null ? null : fen / 100;
    }
    case 'integer':
      return column.get(row);
    case 'text':
    case 'id':
      return column.get(row);
    default: {
      const never: never = column;
      throw new Error(`unknown column kind ${JSON.stringify(never)}`);
    }
  }
}

function numFmtOf(kind: ExportColumn<unknown>['kind']): string {
  switch (kind) {
    case 'amount': return '0.00';
    case 'integer': return '0';
    // '@' (Text) so that a clerk editing the cell in Excel does not turn 032001700211 into 32001700211.
    case 'text':
    case 'id': return '@';
    default: {
      const never: never = kind;
      throw new Error(`unknown column kind ${String(never)}`);
    }
  }
}

const HEADER_STYLE: Partial<ExcelJS.Style> = Object.freeze({ font: { bold: true }, numFmt: 'General' });

function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The slice of a (readable-stream 2.x) PassThrough we need: its write buffer state and its events. */
interface LegacyWritable {
  readonly _writableState: { readonly needDrain: boolean; readonly length: number };
  once(event: 'drain', listener: () => void): unknown;
}

function isLegacyWritable(x: unknown): x is LegacyWritable {
  if (typeof x !== 'object' || x === null || !('_writableState' in x) || !('once' in x)) return false;
  const state: unknown = (x as { _writableState: unknown })._writableState;
  return typeof state === 'object' && state !== null && 'needDrain' in state && typeof (x as { once: unknown }).once === 'function';
}

/**
 * exceljs's sheet stream writes into the zip's input without honouring backpressure, so rows produced faster
 * than they are deflated pile up in memory (measured: 560 MB at 300,000 rows). What it writes to is a
 * readable-stream 2.x PassThrough that archiver puts in front of the entry; waiting for that to drain bounds
 * memory. Found through exceljs/archiver internals: if a later version changes them this returns null (a unit
 * test then fails loudly) and the writer still works, only without the bound.
 */
export function sheetBacklog(sheet: unknown): LegacyWritable | null {
  if (typeof sheet !== 'object' || sheet === null || !('stream' in sheet)) return null;
  const stream: unknown = (sheet as { stream: unknown }).stream;
  if (typeof stream !== 'object' || stream === null || !('pipes' in stream)) return null;
  const pipes: unknown = (stream as { pipes: unknown }).pipes;
  if (!Array.isArray(pipes)) return null;
  const first: unknown = pipes[0];
  return isLegacyWritable(first) ? first : null;
}

function drained(stream: LegacyWritable): Promise<void> {
  return new Promise((resolve) => {
    stream.once('drain', resolve);
  });
}

async function writeSheet<T>(rows: RowSource<T>, columns: readonly ExportColumn<T>[], dest: Writable, sheetName: string): Promise<number> {
  // Shared strings would keep every distinct string in memory until the end; inline strings stream.
  // zlib level 1: exports are written for a clerk to open now, so time matters more than size.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: dest, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  // One frozen style object per column, assigned to every cell: exceljs caches a style id per style object,
  // whereas the per-cell copies it makes from a column style are re-serialised each time (3–4x slower).
  const styles: Partial<ExcelJS.Style>[] = columns.map((c) => Object.freeze({ numFmt: numFmtOf(c.kind) }));
  sheet.columns = columns.map((c, i) => ({ key: c.key, width: c.width, style: styles[i] ?? {} }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  header.commit();
  const backlog = sheetBacklog(sheet);

  let count = 0;
  const width = columns.length;
  for await (const row of rows) {
    count += 1;
    const r = sheet.addRow(columns.map((c) => xlsxValue(c, row)));
    for (let i = 0; i < width; i += 1) {
      const style = styles[i];
      if (style) r.getCell(i + 1).style = style;
    }
    r.commit();
    if (count % ROWS_PER_YIELD === 0) {
      if (backlog?._writableState.needDrain) await drained(backlog);
      if (dest.writableNeedDrain) await once(dest, 'drain');
      await yieldToLoop();
    }
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/**
 * Writes one sheet with a bold, frozen header row. Strings are written as string cells, never formulas, so no
 * injection prefix is needed here (unlike CSV). A file path is written atomically; a Writable is ended.
 */
export async function writeRowsXlsx<T>(rows: RowSource<T>, columns: readonly ExportColumn<T>[], out: Writable | string, sheetName = '导出'): Promise<WriteResult> {
  let count = 0;
  if (typeof out === 'string') {
    await writeFileAtomically(out, async (dest) => {
      count = await writeSheet(rows, columns, dest, sheetName);
    });
  } else {
    count = await writeSheet(rows, columns, out, sheetName);
  }
  return { rows: count };
}

export function writeInvoicesXlsx(rows: RowSource<InvoiceRow>, out: Writable | string): Promise<WriteResult> {
  return writeRowsXlsx(rows, INVOICE_COLUMNS, out, '发票');
}

export function writeSubmissionsXlsx(rows: RowSource<Submission>, out: Writable | string): Promise<WriteResult> {
  return writeRowsXlsx(rows, SUBMISSION_COLUMNS, out, '回传记录');
}
