// Main process. Handlers of import:* and export:* (files travel as base64 so every host works the same).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { HandlerTable } from '../../../shared/api/contract';
import type { InvoiceFilter, InvoiceSort } from '../../../shared/api/schemas';
import type { InvoiceRow } from '../../../shared/domain/invoice';
import { commitImportInWorker, previewImportInWorker } from '../import/worker-client';
import { INVOICE_COLUMNS, SUBMISSION_COLUMNS, writeExport, type ExportFormat, type WriteResult } from '../export';
import type { CoreServices } from './services';

type TransferHandlers = Pick<HandlerTable, 'import:preview' | 'import:commit' | 'export:invoices' | 'export:submissions'>;

const DEFAULT_SORT: InvoiceSort = { field: 'invoiceNo', dir: 'asc' };

/** Collects a writer's output in memory (exports of the current view travel back as one payload). */
export function memorySink(): { stream: Writable; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      cb();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/**
 * Writes an export to a private temporary file and returns it base64 (what the contract carries). Streaming to
 * disk with backpressure keeps the rows, the writer's chunks and their concatenation out of memory: at 100,000
 * rows the in-memory sink held the 22 MB CSV twice (chunks + concat) beside its 29 MB base64 copy.
 */
export async function exportToBase64(write: (file: string) => Promise<WriteResult>): Promise<{ contentBase64: string; rows: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'invoice-recon-export-'));
  try {
    const file = path.join(dir, 'export');
    const r = await write(file);
    const contentBase64 = (await readFile(file)).toString('base64');
    return { contentBase64, rows: r.rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function stamp(): string {
  const d = new Date(Date.now() + 8 * 3600_000).toISOString();
  return d.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

export function exportFileName(kind: '发票对账' | '提交记录', format: ExportFormat): string {
  return `${kind}-${stamp()}.${format}`;
}

/** Every row of the view, in its order, read from the database a batch at a time. */
export function* invoiceRows(s: Pick<CoreServices, 'repos'>, filter: InvoiceFilter, sort: InvoiceSort): Generator<InvoiceRow> {
  for (const batch of s.repos.invoices.iterate(filter, sort)) yield* batch;
}

export function dataTransferHandlers(s: CoreServices): TransferHandlers {
  return {
    // Both run in a worker thread with its own connection (electron/services/import/worker-client.ts): parsing
    // 100,000 rows and their one transaction would otherwise block this event loop for seconds.
    async 'import:preview'(input) {
      return previewImportInWorker({
        dbFile: s.db.name, fileName: input.fileName, bytes: Buffer.from(input.contentBase64, 'base64'), encoding: input.encoding, mapping: input.mapping,
      });
    },
    async 'import:commit'(input) {
      // The import holds the write gate: this thread's own writers wait for it asynchronously rather than in
      // better-sqlite3's synchronous busy wait, and a second import queues behind the first.
      const result = await s.writeGate.exclusive(() => commitImportInWorker({
        dbFile: s.db.name,
        fileName: input.fileName,
        bytes: Buffer.from(input.contentBase64, 'base64'),
        encoding: input.encoding,
        mapping: input.mapping,
        onConflict: input.onConflict,
        conflictToken: input.conflictToken,
        actor: s.actor,
      }));
      if (result.inserted + result.updated > 0) s.emit('invoices:changed', { reason: 'import' });
      return result;
    },
    async 'export:invoices'(input) {
      const r = await exportToBase64((file) => writeExport(input.format, invoiceRows(s, input.filter, input.sort ?? DEFAULT_SORT), INVOICE_COLUMNS, file, '发票对账'));
      const fileName = exportFileName('发票对账', input.format);
      s.repos.audit.append(s.actor, 'export.invoices', fileName, { rows: r.rows, format: input.format, filter: input.filter });
      return { fileName, contentBase64: r.contentBase64, rows: r.rows };
    },
    async 'export:submissions'(input) {
      const rows = (function* allSubmissions() {
        let cursor: string | null = null;
        do {
          const page = s.repos.submissions.list({ state: input.state, cursor, limit: 500 });
          yield* page.rows;
          cursor = page.nextCursor;
        } while (cursor);
      })();
      const r = await exportToBase64((file) => writeExport(input.format, rows, SUBMISSION_COLUMNS, file, '提交记录'));
      const fileName = exportFileName('提交记录', input.format);
      s.repos.audit.append(s.actor, 'export.submissions', fileName, { rows: r.rows, format: input.format });
      return { fileName, contentBase64: r.contentBase64, rows: r.rows };
    },
  };
}
