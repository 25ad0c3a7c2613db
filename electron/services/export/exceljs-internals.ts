// Main process. The few parts of exceljs 4's streaming writer that its typings do not expose and the XLSX
// export relies on. Each is found by shape at run time: if a later exceljs changes them the finder returns
// null, the export falls back to the slower public API, and a unit test fails loudly.
import ExcelJS from 'exceljs';
import type { CopyingSink } from './utf8-batch';

/** The slice of a (readable-stream 2.x) PassThrough we need: its write buffer state and its events. */
export interface LegacyWritable {
  readonly _writableState: { readonly needDrain: boolean; readonly length: number };
  once(event: 'drain', listener: () => void): unknown;
}

function isLegacyWritable(x: unknown): x is LegacyWritable {
  if (typeof x !== 'object' || x === null || !('_writableState' in x) || !('once' in x)) return false;
  const state: unknown = (x as { _writableState: unknown })._writableState;
  return typeof state === 'object' && state !== null && 'needDrain' in state && typeof (x as { once: unknown }).once === 'function';
}

function field(x: unknown, name: string): unknown {
  return typeof x === 'object' && x !== null && name in x ? (x as Record<string, unknown>)[name] : undefined;
}

/**
 * exceljs's sheet stream writes into the zip's input without honouring backpressure, so rows produced faster
 * than they are deflated pile up in memory (measured: 560 MB at 300,000 rows). What it writes to is a
 * readable-stream 2.x PassThrough that archiver puts in front of the entry; waiting for that to drain bounds
 * memory.
 */
export function sheetBacklog(sheet: unknown): LegacyWritable | null {
  const pipes = field(field(sheet, 'stream'), 'pipes');
  if (!Array.isArray(pipes)) return null;
  const first: unknown = pipes[0];
  return isLegacyWritable(first) ? first : null;
}

/**
 * The sheet's XML stream (exceljs's StreamBuf), for data rows rendered by SheetRowRenderer. Only valid once the
 * header row is committed (that opens <sheetData>) and until the sheet is committed (that closes it). Only in
 * batch mode does StreamBuf copy what it is given into its own 64 KiB buffers before write returns, which is
 * what lets the caller reuse its buffer; a stream in any other mode is not used.
 */
export function sheetXmlSink(sheet: ExcelJS.Worksheet): CopyingSink | null {
  const stream = field(sheet, 'stream');
  const write = field(stream, 'write');
  if (typeof write !== 'function' || field(stream, 'batch') !== true) return null;
  if (!('startedData' in sheet) || sheet.startedData !== true) return null;
  return (bytes: Buffer): void => {
    Reflect.apply(write, stream, [bytes]);
  };
}

interface StyleRegistry {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number;
}

function isStyleRegistry(x: unknown): x is StyleRegistry {
  return typeof field(x, 'addStyleModel') === 'function';
}

/**
 * Style ids (cellXfs indexes) of the given style objects in the workbook being written, registered exactly as
 * exceljs registers a cell's style when it serialises the cell (it caches the id per style object).
 */
export function styleIdsOf(workbook: ExcelJS.stream.xlsx.WorkbookWriter, styles: readonly { readonly style: Partial<ExcelJS.Style>; readonly type: ExcelJS.ValueType }[]): number[] | null {
  const registry = field(workbook, 'styles');
  if (!isStyleRegistry(registry)) return null;
  return styles.map((s) => registry.addStyleModel(s.style, s.type));
}
