// Main process. The archive hand-over (issue 15 §3): one ZIP of the stored files of a filter's invoices, named
// by the settings' template (shared/domain/archive-names.ts), plus an index (CSV and XLSX, the export writers'
// own code) with every invoice's fields, its file verdict and each file's SHA-256. Streamed with yazl: the
// files are read from the store one at a time as the ZIP is written, never held in memory; the ZIP and the
// index are written to temporary files and renamed into place only when complete.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { createNameDeduper, renderZipName, type ZipNameValues } from '../../../shared/domain/archive-names';
import { FILE_OUTCOMES, type InvoiceFile } from '../../../shared/domain/einvoice-file';
import type { SuningInvoice } from '../../../shared/domain/invoice';
import { formatFen } from '../../../shared/domain/money';
import type { PlannedInvoiceRow } from '../../../shared/domain/plan';
import type { Repositories } from '../../db/repositories';
import { PLANNED_INVOICE_COLUMNS, writeExport, type ExportColumn } from '../export';
import type { FileStore } from './store';

export interface ArchiveEntry {
  readonly name: string;
  readonly sha256: string;
  readonly outcome: string;
}

type IndexRow = PlannedInvoiceRow & { readonly archived: readonly ArchiveEntry[]; readonly missing: string };

const INDEX_COLUMNS: readonly ExportColumn<IndexRow>[] = [
  ...PLANNED_INVOICE_COLUMNS,
  { key: 'files', header: '原件文件名', headerEn: 'File names', kind: 'text', width: 40, get: (r) => r.archived.map((a) => a.name).join('; ') },
  { key: 'sha256', header: '原件SHA-256', headerEn: 'File SHA-256', kind: 'id', width: 66, get: (r) => r.archived.map((a) => a.sha256).join('; ') },
  { key: 'missing', header: '未存档原因', headerEn: 'Not archived because', kind: 'text', width: 30, get: (r) => r.missing },
];

export const INDEX_CSV = '索引.csv';
export const INDEX_XLSX = '索引.xlsx';

function valuesOf(row: PlannedInvoiceRow, f: InvoiceFile, s: SuningInvoice | undefined): ZipNameValues {
  return {
    开票日期: s?.invoiceDate ?? row.invoiceDate ?? '',
    发票号码: f.suningInvoiceNum,
    发票代码: f.suningInvoiceCode,
    价税合计: s ? formatFen(s.invoiceType === -1 ? -Math.abs(s.amountFen) : s.amountFen) : '',
    订单号: row.orderNo,
    发票编号: row.invoiceNo,
    店铺: row.shop,
    蓝红: f.kind === 'red' ? '红票' : '蓝票',
  };
}

export interface ZipExportInput {
  readonly repos: Repositories;
  readonly store: FileStore;
  readonly template: string;
  /** The filter's rows in order, each time it is called (read twice: files, then the index). */
  rows(): Iterable<PlannedInvoiceRow>;
}

/** Writes the ZIP to `file` (atomically). Returns the invoice rows indexed and the files put in. */
export async function writeArchiveZip(input: ZipExportInput, file: string): Promise<{ rows: number; files: number }> {
  const dir = path.dirname(file);
  const tag = randomBytes(6).toString('hex');
  const tmpZip = path.join(dir, `.${path.basename(file)}.${tag}.part`);
  const tmpCsv = path.join(dir, `.${tag}.index.csv.part`);
  const tmpXlsx = path.join(dir, `.${tag}.index.xlsx.part`);
  const zip = new ZipFile();
  const out = createWriteStream(tmpZip, { flags: 'wx' });
  const written = once(out, 'close');
  const failed = new Promise<never>((_resolve, reject) => {
    zip.on('error', reject);
    zip.outputStream.on('error', reject);
    out.on('error', reject);
  });
  // Raced below once the ZIP is ended; an error before then is seen there (or the catch ran first): marked
  // handled here so an early rejection is not reported as unhandled while the index is still being written.
  failed.catch(() => undefined);
  zip.outputStream.pipe(out);
  try {
    const dedupe = createNameDeduper();
    const byRow = new Map<number, { archived: ArchiveEntry[]; missing: string }>();
    /** An order's files go in once, however many ERP invoices the order has. */
    const addedFiles = new Map<number, ArchiveEntry>();
    let count = 0;
    for (const row of input.rows()) {
      const files = input.repos.files.forOrder(row.orderNo);
      const suning = files.length > 0 ? input.repos.suning.listForOrder(row.orderNo) : [];
      const archived: ArchiveEntry[] = [];
      const missing: string[] = [];
      for (const f of files) {
        const seen = addedFiles.get(f.id);
        if (seen) {
          archived.push(seen);
          continue;
        }
        if (f.outcome !== 'stored' || f.sha256 === null || !(await input.store.has(f.sha256))) {
          missing.push(`${f.suningInvoiceNum}: ${FILE_OUTCOMES[f.outcome].zh}`);
          continue;
        }
        const s = suning.find((x) => x.invoiceNum === f.suningInvoiceNum && x.invoiceCode === f.suningInvoiceCode);
        const entry = { name: dedupe(renderZipName(input.template, valuesOf(row, f, s))), sha256: f.sha256, outcome: f.outcome };
        // PDFs are compressed inside already: stored as they are, which is faster and as small.
        zip.addFile(input.store.pathOf(f.sha256), entry.name, { compress: false });
        addedFiles.set(f.id, entry);
        archived.push(entry);
        count++;
      }
      if (files.length === 0) missing.push('未下载 / not downloaded');
      byRow.set(row.id, { archived, missing: missing.join('; ') });
    }
    const indexRows = function* indexRows(): Generator<IndexRow> {
      for (const row of input.rows()) {
        const a = byRow.get(row.id) ?? { archived: [], missing: '' };
        yield { ...row, archived: a.archived, missing: a.missing };
      }
    };
    const csv = await writeExport('csv', indexRows(), INDEX_COLUMNS, tmpCsv);
    await writeExport('xlsx', indexRows(), INDEX_COLUMNS, tmpXlsx, '原件索引');
    zip.addFile(tmpCsv, dedupe(INDEX_CSV));
    zip.addFile(tmpXlsx, dedupe(INDEX_XLSX));
    zip.end();
    await Promise.race([written, failed]);
    await rename(tmpZip, file);
    return { rows: csv.rows, files: count };
  } catch (error) {
    zip.outputStream.unpipe(out);
    out.destroy();
    await rm(tmpZip, { force: true });
    throw error;
  } finally {
    await rm(tmpCsv, { force: true });
    await rm(tmpXlsx, { force: true });
  }
}
