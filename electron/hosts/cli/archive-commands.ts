// Main process (CLI host). `archive` (download and verify the e-invoice files) and `export-archive` (the ZIP
// hand-over), over the same services as the app (issue 15).
import path from 'node:path';
import { FILE_VERDICTS, FILE_VERDICT_LABELS, type FileVerdict } from '../../../shared/domain/einvoice-file';
import type { AppCore } from '../../services/app-core';
import { invoiceRows } from '../../services/handlers/export';
import { writeArchiveZip } from '../../services/archive/zip-export';
import { jobResult, statusFilter, usage, type CommandResult } from './commands';

function verdictCounts(core: AppCore, ids: readonly number[]): Record<FileVerdict, number> {
  const out = Object.fromEntries(FILE_VERDICTS.map((v) => [v, 0])) as Record<FileVerdict, number>;
  const rows = core.services.db.prepare('SELECT file_verdict AS v, COUNT(*) AS n FROM invoices WHERE id IN (SELECT value FROM json_each(?)) GROUP BY file_verdict')
    .all(JSON.stringify(ids)) as { v: FileVerdict; n: number }[];
  for (const r of rows) out[r.v] = r.n;
  return out;
}

/**
 * Downloads and verifies the files of every invoice (or those of the given reconciliation statuses). Exit 0
 * when every file was stored, 1 when some could not be (each named with its outcome) or the job did not finish.
 */
export async function archiveCommand(core: AppCore, statuses: readonly string[]): Promise<CommandResult> {
  const filter = statusFilter(statuses);
  const ids = core.services.repos.invoices.idsForSelection({ kind: 'filter', filter });
  if (ids.length === 0) return { exitCode: 0, json: { total: 0, done: 0, failed: 0, verdicts: verdictCounts(core, []) }, human: 'nothing to do' };
  // An archive run a kill or Ctrl-C interrupted is finished first (its stored files are skipped, what was in
  // flight is fetched again), so no job stays paused behind the new one.
  const resumed: number[] = [];
  for (const j of core.services.repos.jobs.listResumable().filter((x) => x.kind === 'archive')) {
    core.services.jobs.resume(j.jobId);
    await core.services.jobs.wait(j.jobId);
    resumed.push(j.jobId);
  }
  const { jobId } = await core.services.archive.start({ kind: 'filter', filter });
  const r = await jobResult(core, jobId);
  const verdicts = verdictCounts(core, ids);
  const lines = [r.human, 'file verdicts 原件核验:', ...FILE_VERDICTS.map((v) => `  ${`${FILE_VERDICT_LABELS[v].zh} ${FILE_VERDICT_LABELS[v].en}`.padEnd(28)} ${verdicts[v]}`)];
  if (resumed.length > 0) lines.unshift(`resumed interrupted archive job(s) ${resumed.map((id) => `#${id}`).join(', ')} first`);
  return { ...r, json: { ...(r.json as object), verdicts, resumed }, human: lines.join('\n') };
}

/** The ZIP of the archived files of every invoice (or those of the given statuses), with its index. */
export async function exportArchiveCommand(core: AppCore, file: string, statuses: readonly string[]): Promise<CommandResult> {
  if (path.extname(file).toLowerCase() !== '.zip') throw usage('存档导出文件须以 .zip 结尾', 'The archive export file must end in .zip');
  const filter = statusFilter(statuses);
  const target = path.resolve(file);
  const r = await writeArchiveZip({
    repos: core.services.repos, store: core.services.archive.store, template: core.services.settings.get().archive.zipNameTemplate,
    rows: () => invoiceRows(core.services, filter, { field: 'invoiceNo', dir: 'asc' }),
  }, target);
  if (core.role === 'owner') core.services.repos.audit.append('cli', 'export.archive', path.basename(file), { rows: r.rows, files: r.files, filter });
  return { exitCode: 0, json: { file: target, rows: r.rows, files: r.files }, human: `wrote ${r.files} files and an index of ${r.rows} invoices to ${target}` };
}
