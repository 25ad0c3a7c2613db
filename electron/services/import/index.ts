// Main process. Import of ERP invoice files (CSV in UTF-8/GB18030, or XLSX): preview what will be read,
// then commit the valid rows in ONE transaction with a report of the invalid ones.
import { AppError } from '../../../shared/errors';
import type { ImportField } from '../../../shared/api/schemas';
import type { Db } from '../../db/open';
import { auditRepo } from '../../db/repositories/audit';
import { importsRepo } from '../../db/repositories/imports';
import { invoicesRepo, type InvoiceChange } from '../../db/repositories/invoices';
import { decodeText, detectFormat, type EncodingChoice, type EncodingSource, type TextEncoding } from './decode';
import { readCsv } from './csv';
import { withUndecodableRows } from './undecodable';
import { readXlsx } from './xlsx';
import { IMPORT_MAX_BYTES, fileTooLarge } from './limits';
import {
  autoMapping, checkMapping, fileNamePattern, headerSignature, mappingFits, missingRequired, requireComplete, requireDistinctColumns,
  type ImportMapping,
} from './mapping';
import { buildReportCsv } from './report';
import { cleanCell } from './cells';
import type { RawTable } from './table';
import { validateTable, type RowError } from './validate';
import { conflictSummary, findConflicts, keptFields, releaseTaken, requirePreviewed } from './conflicts';
import { appValuesRepo } from '../../db/repositories/app-values';

export interface ImportRequest {
  readonly fileName: string;
  readonly bytes: Buffer;
  readonly encoding?: EncodingChoice;
  readonly mapping?: ImportMapping;
  /** Commit only: keep the app's values where they conflict with the file (default), or take the file's. */
  readonly onConflict?: 'keep' | 'take';
  /** Commit only: the preview's conflicts.token; required when there are conflicts. */
  readonly conflictToken?: string;
}

type Conflicts = ReturnType<typeof conflictSummary>;

export interface ImportPreview {
  readonly format: 'csv' | 'xlsx';
  readonly encoding: TextEncoding | null;
  readonly encodingSource: EncodingSource | 'binary' | null;
  readonly headers: string[];
  readonly sampleRows: string[][];
  readonly mapping: ImportMapping;
  readonly missingRequired: ImportField[];
  readonly rowCount: number;
  /** Blank rows skipped (not yet in the shared output schema, which strips it). */
  readonly blankRows: number;
  readonly conflicts: Conflicts | null;
}

export interface ImportCommitResult {
  readonly batchId: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly invalid: RowError[];
  readonly changes: InvoiceChange[];
  readonly reportCsvBase64: string | null;
  /** Blank rows skipped (not yet in the shared output schema, which strips it). */
  readonly blankRows: number;
  readonly conflicts: Conflicts & { readonly choice: 'keep' | 'take' };
}

const SAMPLE_ROWS = 20;

interface ReadFile {
  readonly format: 'csv' | 'xlsx';
  readonly encoding: TextEncoding | null;
  readonly encodingSource: EncodingSource | 'binary' | null;
  readonly table: RawTable;
}

async function readFile(req: ImportRequest): Promise<ReadFile> {
  const bytes = req.bytes;
  // The hosts' schemas stop larger files at the boundary; the CLI reads files without one.
  if (bytes.length > IMPORT_MAX_BYTES) throw fileTooLarge(bytes.length);
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new AppError('import.encoding', {
      zh: '这是旧版 Excel（.xls）文件，无法直接导入。请在 Excel 中另存为 .xlsx 或“CSV UTF-8”。',
      en: 'This is an old Excel (.xls) file and cannot be imported directly. Save it from Excel as .xlsx or "CSV UTF-8".',
    });
  }
  if (detectFormat(bytes) === 'xlsx') {
    return { format: 'xlsx', encoding: null, encodingSource: 'binary', table: await readXlsx(bytes) };
  }
  const decoded = decodeText(bytes, req.encoding ?? 'auto');
  if (decoded.text.includes('\u0000')) {
    throw new AppError('import.encoding', {
      zh: '文件含有二进制内容，不是 CSV 文本文件',
      en: 'The file contains binary data; it is not a CSV text file',
    });
  }
  return { format: 'csv', encoding: decoded.encoding, encodingSource: decoded.encodingSource, table: withUndecodableRows(readCsv(decoded.text), decoded) };
}

function noRows(fileName: string): AppError {
  return new AppError('import.no_rows', {
    zh: `文件“${fileName}”中没有数据行（只有表头或为空）`,
    en: `The file "${fileName}" has no data rows (empty or header only)`,
  });
}

/** Explicit mapping > remembered for this header signature > header aliases; every column it uses is unique. */
function chooseMapping(db: Db, table: RawTable, explicit: ImportMapping | undefined): ImportMapping {
  return requireDistinctColumns(pickMapping(db, table, explicit), table.headers);
}

function pickMapping(db: Db, table: RawTable, explicit: ImportMapping | undefined): ImportMapping {
  if (explicit) return checkMapping(explicit, table.headers);
  const remembered = importsRepo(db).mappingFor(headerSignature(table.headers));
  if (remembered && mappingFits(remembered.mapping, table.headers)) return checkMapping(remembered.mapping, table.headers);
  return autoMapping(table.headers);
}

export async function previewImport(db: Db, req: ImportRequest): Promise<ImportPreview> {
  const file = await readFile(req);
  const { table } = file;
  if (table.headers.length === 0) throw noRows(req.fileName);
  const mapping = chooseMapping(db, table, req.mapping);
  const missing = missingRequired(mapping);
  return {
    format: file.format,
    encoding: file.encoding,
    encodingSource: file.encodingSource,
    headers: [...table.headers],
    sampleRows: table.rows.slice(0, SAMPLE_ROWS).map((r) => r.cells.map(cleanCell)),
    mapping,
    missingRequired: missing,
    rowCount: table.rows.length,
    blankRows: table.blankRows,
    conflicts: missing.length > 0 ? null : previewConflicts(db, table, mapping),
  };
}

/**
 * What a commit with this mapping would meet. Validating the whole file costs time, so it is skipped when no
 * invoice holds an app-written or accepted value (every first import).
 */
function previewConflicts(db: Db, table: RawTable, mapping: ImportMapping): Conflicts {
  if (appValuesRepo(db).protectedByInvoiceNo().size === 0) return conflictSummary(findConflicts(db, []));
  return conflictSummary(findConflicts(db, validateTable(table, mapping).valid.map((v) => v.input)));
}

export async function commitImport(db: Db, req: ImportRequest & { readonly actor: string }): Promise<ImportCommitResult> {
  const file = await readFile(req);
  const { table } = file;
  if (table.headers.length === 0 || (table.rows.length === 0 && table.broken.length === 0)) throw noRows(req.fileName);
  const mapping = chooseMapping(db, table, req.mapping);
  requireComplete(mapping);
  const checked = validateTable(table, mapping);
  const signature = headerSignature(table.headers);

  const invoices = invoicesRepo(db);
  const imports = importsRepo(db);
  const audit = auditRepo(db);
  const choice = req.onConflict ?? 'keep';
  const result = db.transaction(() => {
    const records = checked.valid.map((v) => v.input);
    // Inside the transaction: the set the token was computed over must still be the set met here.
    const conflicts = findConflicts(db, records);
    requirePreviewed(conflicts, req.conflictToken);
    const up = invoices.upsertMany(records, `import:${req.fileName}`, choice === 'keep' ? { keep: keptFields(conflicts) } : {});
    if (choice === 'take') releaseTaken(db, conflicts);
    const batchId = imports.createBatch({
      fileName: req.fileName,
      format: file.format,
      encoding: file.encoding,
      signature,
      mapping: mapping as Record<string, string>,
      rowCount: checked.rowCount,
      inserted: up.inserted,
      updated: up.updated,
      unchanged: up.unchanged,
      invalid: checked.invalid.length,
      actor: req.actor,
    });
    imports.rememberMapping(signature, fileNamePattern(req.fileName), table.headers, mapping as Record<string, string>);
    audit.append(req.actor, 'import', req.fileName, {
      batchId,
      format: file.format,
      encoding: file.encoding,
      encodingSource: file.encodingSource,
      rows: checked.rowCount,
      blankRows: table.blankRows,
      inserted: up.inserted,
      updated: up.updated,
      unchanged: up.unchanged,
      invalid: checked.invalid.length,
      invalidRows: new Set(checked.invalid.map((e) => e.row)).size,
      conflicts: conflicts.total,
      conflictInvoices: conflicts.invoices,
      onConflict: choice,
      // What a "take the file's" replaced, so the audit log shows the values that were lost.
      ...(choice === 'take' && conflicts.total > 0 ? { taken: conflicts.items } : {}),
    });
    return { batchId, up, conflicts };
    // IMMEDIATE: take the write lock before the first read. In the import worker another connection (the main
    // thread's) may commit between a deferred transaction's reads and its first write, which SQLite answers
    // with SQLITE_BUSY at once instead of waiting for busy_timeout.
  }).immediate();
  if (result.up.inserted > 0) db.pragma('optimize');

  return {
    batchId: result.batchId,
    inserted: result.up.inserted,
    updated: result.up.updated,
    unchanged: result.up.unchanged,
    invalid: checked.invalid,
    changes: [...result.up.changes],
    reportCsvBase64: checked.invalid.length > 0 ? buildReportCsv(checked.invalid).toString('base64') : null,
    blankRows: table.blankRows,
    conflicts: { ...conflictSummary(result.conflicts), choice },
  };
}

export { decodeText, detectFormat } from './decode';
export { headerSignature, autoMapping } from './mapping';
export type { ImportMapping } from './mapping';
export type { RowError } from './validate';
