// Main process. Handlers of the export:* channels: the file is written by this process where the host's SaveTarget says.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ChannelOutput, HandlerTable, SaveTarget } from '../../../shared/api/contract';
import type { InvoiceFilter, InvoiceSort } from '../../../shared/api/schemas';
import type { PlannedInvoiceRow } from '../../../shared/domain/plan';
import { planClock, withPlan } from '../plan';
import { withOverrideReasons } from '../jobs/submit-guard';
import { SUBMISSION_COLUMNS, writeExport, writeInvoiceExport, type ExportFormat, type WriteResult } from '../export';
import type { CoreServices } from '../core-services';
import { writes } from './behaviour';
import { writeArchiveZip } from '../archive/zip-export';

type ExportHandlers = Pick<HandlerTable, 'export:invoices' | 'export:submissions' | 'export:archive'>;

const DEFAULT_SORT: InvoiceSort = { field: 'invoiceNo', dir: 'asc' };

/** Without a host's own target (tests, the bench): the data folder's exports/ directory. */
function dataDirTarget(dataDir: string): SaveTarget {
  return {
    async choose(suggestedName) {
      const dir = path.join(dataDir, 'exports');
      await mkdir(dir, { recursive: true });
      return path.join(dir, suggestedName);
    },
  };
}

/**
 * Writes an export where the host's target says (atomically: the writers rename a finished temporary file into
 * place) and returns its name, size and row count — never its bytes: at 100,000 rows the base64 copy was 29 MB
 * on the main thread and its one conversion the longest stall of the export.
 */
export async function exportToTarget(
  target: SaveTarget, suggestedName: string, write: (file: string) => Promise<WriteResult>,
): Promise<ChannelOutput<'export:invoices'>> {
  const file = await target.choose(suggestedName);
  if (file === null) throw new AppError('cancelled', { zh: '已取消导出', en: 'The export was cancelled' });
  const r = await write(file);
  const { size } = await stat(file);
  const delivered = (await target.saved?.(file)) ?? null;
  return { fileName: path.basename(file), size, rows: r.rows, ...(delivered ? { downloadUrl: delivered.downloadUrl } : {}) };
}

function stamp(): string {
  const d = new Date(Date.now() + 8 * 3600_000).toISOString();
  return d.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

export function exportFileName(kind: '发票对账' | '提交记录' | '发票原件', format: ExportFormat | 'zip'): string {
  return `${kind}-${stamp()}.${format}`;
}

/** Every row of the view, in its order, read a batch at a time, each with its write-back plan (one clock for the whole export). */
export function* invoiceRows(s: Pick<CoreServices, 'repos' | 'settings'>, filter: InvoiceFilter, sort: InvoiceSort): Generator<PlannedInvoiceRow> {
  const clock = planClock(s.settings.get());
  for (const batch of s.repos.invoices.iterate(filter, sort)) for (const row of batch) yield withPlan(row, clock);
}

export function exportHandlers(s: CoreServices): ExportHandlers {
  return {
    'export:invoices': writes(async (input, ctx) => {
      const out = await exportToTarget(ctx.saveTarget ?? dataDirTarget(s.dataDir), exportFileName('发票对账', input.format),
        (file) => writeInvoiceExport(input.format, invoiceRows(s, input.filter, input.sort ?? DEFAULT_SORT), file));
      s.repos.audit.append(s.actor, 'export.invoices', out.fileName, { rows: out.rows, format: input.format, filter: input.filter });
      return out;
    }),
    'export:archive': writes(async (input, ctx) => {
      const sort = input.sort ?? DEFAULT_SORT;
      let files = 0;
      const out = await exportToTarget(ctx.saveTarget ?? dataDirTarget(s.dataDir), exportFileName('发票原件', 'zip'), async (file) => {
        const r = await writeArchiveZip({
          repos: s.repos, store: s.archive.store, template: s.settings.get().archive.zipNameTemplate, rows: () => invoiceRows(s, input.filter, sort),
        }, file);
        files = r.files;
        return { rows: r.rows };
      });
      s.repos.audit.append(s.actor, 'export.archive', out.fileName, { rows: out.rows, files, filter: input.filter });
      return out;
    }),
    'export:submissions': writes(async (input, ctx) => {
      const rows = (function* allSubmissions() {
        let cursor: string | null = null;
        do {
          const page = s.repos.submissions.list({ state: input.state, search: input.search, from: input.from, to: input.to, cursor, limit: 500 });
          yield* withOverrideReasons(s.repos, page.rows);
          cursor = page.nextCursor;
        } while (cursor);
      })();
      const out = await exportToTarget(ctx.saveTarget ?? dataDirTarget(s.dataDir), exportFileName('提交记录', input.format),
        (file) => writeExport(input.format, rows, SUBMISSION_COLUMNS, file, '提交记录'));
      s.repos.audit.append(s.actor, 'export.submissions', out.fileName, { rows: out.rows, format: input.format });
      return out;
    }),
  };
}
