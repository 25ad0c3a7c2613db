// Main process (CLI host). The sub-commands, each over the same handler table as the app.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { RECON_STATUSES, type ReconStatus } from '../../../shared/domain/invoice';
import type { InvoiceFilter } from '../../../shared/api/schemas';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import type { AppCore } from '../../services/app-core';
import { writeExport, INVOICE_COLUMNS } from '../../services/export';
import { invoiceRows } from '../../services/handlers/export';
import { invoke } from '../invoke';

export interface CommandResult {
  /** 0 success, 1 business failure (some rows rejected/failed). */
  readonly exitCode: 0 | 1;
  readonly json: unknown;
  readonly human: string;
}

const CTX = { host: 'cli' } as const;

/**
 * Calls a channel through the shared pipeline (hosts/invoke.ts), so the contract parses the input as in the other
 * hosts; a refusal or an unexpected error is rethrown as it was, for runCli to report and map to an exit code.
 * The import and the job starts call their handlers directly: a file read from a path, or an `--all` selection,
 * may exceed the per-call limits the contract sets for bytes and ids sent over IPC/HTTP. The export writes to
 * the given path itself (writeExport), as the handler does for the other hosts.
 */
export async function call<C extends Channel>(core: Pick<AppCore, 'handlers'>, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  // Unexpected errors are rethrown below and reported by runCli; nothing to log here.
  const r = await invoke(core.handlers, channel, input, { ...CTX, logError: () => undefined });
  if (r.result.ok) return r.result.value as ChannelOutput<C>;
  throw r.thrown;
}

export function usage(zh: string, en: string): AppError {
  return new AppError('validation', { zh, en }, { usage: true });
}

export async function importCommand(core: AppCore, file: string, encoding: 'auto' | 'utf-8' | 'gb18030'): Promise<CommandResult> {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw usage(`无法读取文件 ${file}：${e.code ?? e.message}`, `Cannot read ${file}: ${e.code ?? e.message}`);
  });
  const r = await core.handlers['import:commit']({ fileName: path.basename(file), contentBase64: bytes.toString('base64'), encoding }, CTX);
  const lines = [`inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, invalid ${r.invalid.length}`];
  for (const e of r.invalid.slice(0, 50)) lines.push(`  row ${e.row} ${e.column}: ${e.reason} / ${e.reasonEn}`);
  if (r.invalid.length > 50) lines.push(`  … ${r.invalid.length - 50} more`);
  const { reportCsvBase64: _report, ...json } = r;
  return { exitCode: r.invalid.length > 0 ? 1 : 0, json, human: lines.join('\n') };
}

async function runJob(core: AppCore, kind: 'query' | 'submit', ids: readonly number[]): Promise<CommandResult> {
  if (ids.length === 0) return { exitCode: 0, json: { total: 0, done: 0, failed: 0 }, human: 'nothing to do' };
  const channel = kind === 'query' ? 'jobs:startQuery' : 'jobs:startSubmit';
  const { jobId } = await core.handlers[channel]({ selection: { kind: 'ids', ids: [...ids] } }, CTX);
  const p = await core.services.jobs.wait(jobId);
  const failures = core.services.repos.jobs.items(jobId, 'failed').slice(0, 200);
  const json = { ...p, failures };
  const lines = [`job #${jobId} ${p.state}: ${p.done} ok, ${p.failed} failed, ${p.total} total`];
  if (p.lastError) lines.push(`  last error ${p.lastError.code}: ${p.lastError.message} / ${p.lastError.messageEn}`);
  for (const f of failures.slice(0, 20)) lines.push(`  invoice #${f.invoiceId} ${f.code ?? ''}: ${f.message ?? ''}`);
  return { exitCode: p.state === 'done' && p.failed === 0 ? 0 : 1, json, human: lines.join('\n') };
}

export async function querySuningCommand(core: AppCore, all: boolean, bills: readonly string[]): Promise<CommandResult> {
  const { repos } = core.services;
  if (all === (bills.length > 0)) throw usage('请给出 --all 或至少一个 --bill 单号（二选一）', 'Give either --all or at least one --bill NO');
  const ids = all
    ? repos.invoices.idsForSelection({ kind: 'filter', filter: {} })
    : bills.flatMap((b) => {
      const rows = repos.invoices.listByOrderNo(b);
      if (rows.length === 0) throw usage(`本地没有订单号为 ${b} 的发票`, `No local invoice has order number ${b}`);
      return rows.map((r) => r.id);
    });
  return runJob(core, 'query', ids);
}

/** Ready = reconciled as matched and not yet (or no longer) accepted by Wangdiantong. */
export const READY_FILTER: InvoiceFilter = { reconStatus: ['matched'], submitState: ['not_submitted', 'outdated', 'unknown'] };

export async function submitCommand(core: AppCore, ready: boolean, invoiceNos: readonly string[]): Promise<CommandResult> {
  const { repos } = core.services;
  if (ready === (invoiceNos.length > 0)) throw usage('请给出 --ready 或至少一个 --invoice-no 发票编号（二选一）', 'Give either --ready or at least one --invoice-no NO');
  const ids = ready
    ? repos.invoices.idsForSelection({ kind: 'filter', filter: READY_FILTER })
    : invoiceNos.map((no) => {
      const row = repos.invoices.getByInvoiceNo(no);
      if (!row) throw usage(`本地没有发票编号 ${no}`, `No local invoice has invoice_no ${no}`);
      return row.id;
    });
  return runJob(core, 'submit', ids);
}

export async function exportCommand(core: AppCore, file: string, statuses: readonly string[]): Promise<CommandResult> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw usage('导出文件须以 .csv 或 .xlsx 结尾', 'The export file must end in .csv or .xlsx');
  const bad = statuses.filter((s) => !(RECON_STATUSES as readonly string[]).includes(s));
  if (bad.length > 0) throw usage(`未知的对账状态：${bad.join(', ')}（可用：${RECON_STATUSES.join(', ')}）`, `Unknown status: ${bad.join(', ')} (one of ${RECON_STATUSES.join(', ')})`);
  const filter: InvoiceFilter = statuses.length > 0 ? { reconStatus: statuses as ReconStatus[] } : {};
  const r = await writeExport(ext === '.csv' ? 'csv' : 'xlsx', invoiceRows(core.services, filter, { field: 'invoiceNo', dir: 'asc' }), INVOICE_COLUMNS, path.resolve(file), '发票对账');
  core.services.repos.audit.append('cli', 'export.invoices', path.basename(file), { rows: r.rows, filter });
  return { exitCode: 0, json: { file: path.resolve(file), rows: r.rows }, human: `wrote ${r.rows} rows to ${path.resolve(file)}` };
}

export async function statusCommand(core: AppCore): Promise<CommandResult> {
  const c = await call(core, 'invoices:counts', {});
  const lines = [`total ${c.total}`, ...Object.entries(c.byRecon).map(([k, v]) => `  ${k.padEnd(20)} ${v}`), 'submission:',
    ...Object.entries(c.bySubmit).map(([k, v]) => `  ${k.padEnd(20)} ${v}`)];
  return { exitCode: 0, json: { total: c.total, byRecon: c.byRecon, bySubmit: c.bySubmit }, human: lines.join('\n') };
}
