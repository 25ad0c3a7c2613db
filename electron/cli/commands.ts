// Main process (CLI host). The sub-commands, each over the same handler table as the app.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { RECON_STATUSES, type ReconStatus } from '../../shared/domain/invoice';
import type { ImportConflict, InvoiceFilter, Selection } from '../../shared/api/schemas';
import { IMPORT_FIELD_LABELS } from '../../shared/domain/import-headers';
import type { AppCore } from '../services/app-core';
import { writeExport, INVOICE_COLUMNS } from '../services/export';
import { invoiceRows } from '../services/handlers/data-transfer';

export interface CommandResult {
  /** 0 success, 1 business failure (some rows rejected/failed). */
  readonly exitCode: 0 | 1;
  readonly json: unknown;
  readonly human: string;
}

const CTX = { host: 'cli' } as const;

export function usage(zh: string, en: string): AppError {
  return new AppError('validation', { zh, en }, { usage: true });
}

const ORIGIN_TEXT = {
  suning: { zh: '采用苏宁结果填入', en: 'filled from Suning' },
  edit: { zh: '在本应用中修改', en: 'edited in the app' },
  undo: { zh: '撤销后恢复', en: 'restored by an undo' },
  accepted: { zh: '已被旺店通接受', en: 'accepted by Wangdiantong' },
} as const;

/** One conflict as the clerk reads it: labels, never internal field names. */
export function conflictLine(c: ImportConflict): string {
  const label = IMPORT_FIELD_LABELS[c.field];
  const why = [ORIGIN_TEXT[c.origin]];
  if (c.accepted && c.origin !== 'accepted') why.push(ORIGIN_TEXT.accepted);
  return `  ${c.invoiceNo} ${label.zh} / ${label.en}: ${c.appValue || '—'} → ${c.fileValue || '—'}  (${why.map((w) => w.zh).join('，')} / ${why.map((w) => w.en).join(', ')})`;
}

/**
 * Previews first (the conflicts are printed), then commits with that preview's token and the choice: the core
 * refuses a commit whose conflicts were not previewed, so the CLI follows the same path as the app.
 */
export async function importCommand(core: AppCore, file: string, encoding: 'auto' | 'utf-8' | 'gb18030', onConflict: 'keep' | 'take' = 'keep'): Promise<CommandResult> {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw usage(`无法读取文件 ${file}：${e.code ?? e.message}`, `Cannot read ${file}: ${e.code ?? e.message}`);
  });
  const base = { fileName: path.basename(file), contentBase64: bytes.toString('base64'), encoding };
  const preview = await core.handlers['import:preview'](base, CTX);
  const token = preview.conflicts?.token ?? undefined;
  const r = await core.handlers['import:commit']({ ...base, onConflict, ...(token ? { conflictToken: token } : {}) }, CTX);
  const lines = [`inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, invalid ${r.invalid.length}`];
  const c = r.conflicts;
  if (c.total > 0) {
    lines.push(c.choice === 'keep'
      ? `conflicts ${c.total} in ${c.invoices} invoice(s): kept the app's values (--on-conflict take replaces them with the file's) / 冲突 ${c.total} 处：保留了本应用的值`
      : `conflicts ${c.total} in ${c.invoices} invoice(s): took the file's values; ${c.acceptedInvoices} invoice(s) accepted by Wangdiantong are now outdated / 冲突 ${c.total} 处：已采用文件的值，${c.acceptedInvoices} 张已回传的发票变为“已回传但本地已修改”`);
    for (const item of c.items) lines.push(conflictLine(item));
    if (c.total > c.items.length) lines.push(`  … ${c.total - c.items.length} more (all of them: the app's import preview, 下载全部冲突)`);
  }
  for (const e of r.invalid.slice(0, 50)) lines.push(`  row ${e.row} ${e.column}: ${e.reason} / ${e.reasonEn}`);
  if (r.invalid.length > 50) lines.push(`  … ${r.invalid.length - 50} more`);
  const { reportCsvBase64: _report, ...rest } = r;
  const { reportCsvBase64: _conflictsCsv, ...conflicts } = r.conflicts;
  return { exitCode: r.invalid.length > 0 ? 1 : 0, json: { ...rest, conflicts }, human: lines.join('\n') };
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

export function selectionFor(core: AppCore, all: boolean, statuses: readonly string[], invoiceNos: readonly string[]): Selection {
  const given = [all, statuses.length > 0, invoiceNos.length > 0].filter(Boolean).length;
  if (given !== 1) throw usage('请给出 --all、--status S 或 --invoice-no NO 之一', 'Give exactly one of --all, --status S or --invoice-no NO');
  if (all) return { kind: 'filter', filter: {} };
  if (statuses.length > 0) return { kind: 'filter', filter: { reconStatus: parseStatuses(statuses) } };
  return {
    kind: 'ids',
    ids: invoiceNos.map((no) => {
      const row = core.services.repos.invoices.getByInvoiceNo(no);
      if (!row) throw usage(`本地没有发票编号 ${no}`, `No local invoice has invoice_no ${no}`);
      return row.id;
    }),
  };
}

function parseStatuses(statuses: readonly string[]): ReconStatus[] {
  const bad = statuses.filter((s) => !(RECON_STATUSES as readonly string[]).includes(s));
  if (bad.length > 0) throw usage(`未知的对账状态：${bad.join(', ')}（可用：${RECON_STATUSES.join(', ')}）`, `Unknown status: ${bad.join(', ')} (one of ${RECON_STATUSES.join(', ')})`);
  return statuses as ReconStatus[];
}

/**
 * Bulk 采用苏宁结果: prints the preview (what changes, field by field, every value typed by hand it replaces,
 * what is left alone and why), then applies exactly that preview (its token) unless --dry-run.
 */
export async function applySuningCommand(core: AppCore, selection: Selection, dryRun: boolean): Promise<CommandResult> {
  const p = await core.handlers['invoices:applySuningPreview']({ selection }, CTX);
  const label = (f: keyof typeof IMPORT_FIELD_LABELS) => `${IMPORT_FIELD_LABELS[f].zh} / ${IMPORT_FIELD_LABELS[f].en}`;
  const lines = [`selected ${p.selected}: ${p.changing} would change, ${p.unchanged} already hold Suning's values`];
  for (const [f, n] of Object.entries(p.byField)) lines.push(`  ${label(f as keyof typeof IMPORT_FIELD_LABELS)}: ${n}`);
  if (p.typedOverwritesTotal > 0) {
    lines.push(`replaces ${p.typedOverwritesTotal} value(s) typed by hand / 将覆盖 ${p.typedOverwritesTotal} 个手工填写的值:`);
    for (const o of p.typedOverwrites) lines.push(`  ${o.invoiceNo} ${label(o.field)}: ${o.before || '—'} → ${o.after || '—'}`);
  }
  for (const k of p.skipped) lines.push(`left alone ${k.count}: ${k.reason} / ${k.reasonEn}`);
  for (const c of p.sample.slice(0, 10)) {
    lines.push(`  ${c.invoiceNo}: ${c.fields.map((f) => `${IMPORT_FIELD_LABELS[f.field].zh} ${f.before || '—'} → ${f.after || '—'}`).join('; ')}`);
  }
  if (dryRun || p.token === null) {
    lines.push(dryRun ? 'dry run: nothing changed' : 'nothing to change');
    return { exitCode: 0, json: { preview: p, applied: null }, human: lines.join('\n') };
  }
  const r = await core.handlers['invoices:applySuningBulk']({ selection, token: p.token }, CTX);
  lines.push(`applied to ${r.changed} invoice(s) in one transaction; undo with: undo-apply --batch ${r.batch}`);
  return { exitCode: 0, json: { preview: p, applied: r }, human: lines.join('\n') };
}

export async function undoApplyCommand(core: AppCore, batch: string | undefined, invoiceNos: readonly string[]): Promise<CommandResult> {
  if (!batch) throw usage('请给出 --batch 批次号（apply-suning 输出中的）', 'Give --batch B (printed by apply-suning)');
  if (invoiceNos.length > 1) throw usage('--invoice-no 最多一个', 'At most one --invoice-no');
  const no = invoiceNos[0];
  const row = no === undefined ? null : core.services.repos.invoices.getByInvoiceNo(no);
  if (no !== undefined && !row) throw usage(`本地没有发票编号 ${no}`, `No local invoice has invoice_no ${no}`);
  const r = await core.handlers['invoices:undoApplySuning']({ batch, ...(row ? { invoiceId: row.id } : {}) }, CTX);
  const lines = [`${r.message} / ${r.messageEn}`];
  for (const o of r.outdatedInvoiceNos.slice(0, 50)) lines.push(`  outdated (Wangdiantong still holds the filled values): ${o}`);
  for (const k of r.skipped.slice(0, 50)) lines.push(`  not undone ${k.invoiceNo}: ${k.reason} / ${k.reasonEn}`);
  return { exitCode: r.skipped.length > 0 ? 1 : 0, json: r, human: lines.join('\n') };
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
  const c = await core.handlers['invoices:counts']({}, CTX);
  const lines = [`total ${c.total}`, ...Object.entries(c.byRecon).map(([k, v]) => `  ${k.padEnd(20)} ${v}`), 'submission:',
    ...Object.entries(c.bySubmit).map(([k, v]) => `  ${k.padEnd(20)} ${v}`)];
  return { exitCode: 0, json: { total: c.total, byRecon: c.byRecon, bySubmit: c.bySubmit }, human: lines.join('\n') };
}
