// Main process. Streams rows into an XLSX sheet: identifiers as text cells, amounts as real numbers.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { INVOICE_COLUMNS, SUBMISSION_COLUMNS, type ExportColumn } from './columns';
import type { RowSource, WriteResult } from './csv';
import { writeFileAtomically } from '../../files/atomic-file';
import { sheetBacklog, sheetXmlSink, styleIdsOf, type LegacyWritable } from './exceljs-internals';
import { SheetRowRenderer, type SheetCell } from './sheet-xml';
import { TurnBudget } from './turn-budget';
import { Utf8Batch } from './utf8-batch';
import type { InvoiceRow, Submission } from '../../../shared/domain/invoice';

type CellValue = SheetCell;

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

export { sheetBacklog } from './exceljs-internals';

function drained(stream: LegacyWritable): Promise<void> {
  return new Promise((resolve) => {
    stream.once('drain', resolve);
  });
}

function valueTypeOf(kind: ExportColumn<unknown>['kind']): ExcelJS.ValueType {
  return kind === 'amount' || kind === 'integer' ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String;
}

/** A small sheet written after the main one (the 汇总 totals): its rows are asked for once the main rows are written. */
export interface ExtraSheet {
  readonly name: string;
  write(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void;
}

/** An extra sheet of a few rows through exceljs's own rows: bold frozen header, each column's number format. */
export function extraSheet<R>(name: string, columns: readonly ExportColumn<R>[], rows: () => readonly R[]): ExtraSheet {
  return {
    name,
    write(workbook) {
      const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
      const styles = columns.map((c) => Object.freeze({ numFmt: numFmtOf(c.kind) }));
      sheet.columns = columns.map((c, i) => ({ key: c.key, width: c.width, style: styles[i] ?? {} }));
      const header = sheet.addRow(columns.map((c) => c.header));
      header.eachCell((cell) => {
        cell.style = HEADER_STYLE;
      });
      header.commit();
      for (const row of rows()) {
        const r = sheet.addRow(columns.map((c) => xlsxValue(c, row)));
        columns.forEach((_, i) => {
          const style = styles[i];
          if (style) r.getCell(i + 1).style = style;
        });
        r.commit();
      }
      sheet.commit();
    },
  };
}

export interface XlsxWriteOptions {
  /** Sheets after the rows' own, in this order. */
  readonly extraSheets?: readonly ExtraSheet[];
  /**
   * false: every data row through exceljs's Row objects (the path SheetRowRenderer must match byte for byte;
   * tests compare the two). Default true, falling back to exceljs rows if its internals are not found.
   */
  readonly renderRows?: boolean;
}

async function writeSheet<T>(rows: RowSource<T>, columns: readonly ExportColumn<T>[], dest: Writable, sheetName: string, opts: XlsxWriteOptions): Promise<number> {
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
  const sink = opts.renderRows === false ? null : sheetXmlSink(sheet);
  const styleIds = sink ? styleIdsOf(workbook, columns.map((c, i) => ({ style: styles[i] ?? {}, type: valueTypeOf(c.kind) }))) : null;
  const renderer = styleIds ? new SheetRowRenderer(styleIds) : null;
  const batch = sink && renderer ? new Utf8Batch(sink) : null;

  let count = 0;
  const width = columns.length;
  const values = new Array<CellValue>(width);
  const budget = new TurnBudget();
  for await (const row of rows) {
    count += 1;
    if (batch && renderer) {
      for (let i = 0; i < width; i += 1) {
        const c = columns[i];
        values[i] = c ? xlsxValue(c, row) : null;
      }
      batch.add(renderer.render(count + 1, values));
    } else {
      const r = sheet.addRow(columns.map((c) => xlsxValue(c, row)));
      for (let i = 0; i < width; i += 1) {
        const style = styles[i];
        if (style) r.getCell(i + 1).style = style;
      }
      r.commit();
    }
    if (budget.spent()) {
      batch?.flush();
      if (backlog?._writableState.needDrain) await drained(backlog);
      if (dest.writableNeedDrain) await once(dest, 'drain');
      await budget.yield();
    }
  }
  batch?.flush();
  sheet.commit();
  for (const extra of opts.extraSheets ?? []) extra.write(workbook);
  await workbook.commit();
  return count;
}

/**
 * Writes one sheet with a bold, frozen header row. Strings are written as string cells, never formulas, so no
 * injection prefix is needed here (unlike CSV). A file path is written atomically; a Writable is ended.
 */
export async function writeRowsXlsx<T>(rows: RowSource<T>, columns: readonly ExportColumn<T>[], out: Writable | string, sheetName = '导出', opts: XlsxWriteOptions = {}): Promise<WriteResult> {
  let count = 0;
  if (typeof out === 'string') {
    await writeFileAtomically(out, async (dest) => {
      count = await writeSheet(rows, columns, dest, sheetName, opts);
    });
  } else {
    count = await writeSheet(rows, columns, out, sheetName, opts);
  }
  return { rows: count };
}

export function writeInvoicesXlsx(rows: RowSource<InvoiceRow>, out: Writable | string): Promise<WriteResult> {
  return writeRowsXlsx(rows, INVOICE_COLUMNS, out, '发票');
}

export function writeSubmissionsXlsx(rows: RowSource<Submission>, out: Writable | string): Promise<WriteResult> {
  return writeRowsXlsx(rows, SUBMISSION_COLUMNS, out, '回传记录');
}
