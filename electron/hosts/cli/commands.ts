// Main process (CLI host). The sub-commands, each over the same handler table as the app.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, describeZodIssues } from '../../../shared/errors';
import { RECON_STATUSES, type ReconStatus } from '../../../shared/domain/invoice';
import type { ImportConflict, InvoiceFilter, Selection } from '../../../shared/api/schemas';
import { IMPORT_FIELD_LABELS } from '../../../shared/domain/import-headers';
import { contract, type Channel, type ChannelInput, type ChannelOutput } from '../../../shared/api/contract';
import { formatFen } from '../../../shared/domain/money';
import { PLAN_REFUSED_CODE, PLAN_SKIPPED_CODE, type AutoPlan, type SubmitPreview } from '../../../shared/domain/plan';
import type { AutoRun } from '../../../shared/domain/auto';
import { invoke } from '../invoke';
import type { AppCore } from '../../services/app-core';
import { writeExport, PLANNED_INVOICE_COLUMNS } from '../../services/export';
import { invoiceRows } from '../../services/handlers/export';
import { idsWithPlan, planClock } from '../../services/plan';

export interface CommandResult {
  /** 0 success, 1 business failure (some rows rejected/failed). */
  readonly exitCode: 0 | 1;
  readonly json: unknown;
  readonly human: string;
  /** Lines for stderr (reasons a script must see even when it only reads stdout for data). */
  readonly errors?: readonly string[];
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
  return jobResult(core, jobId);
}

export async function jobResult(core: AppCore, jobId: number): Promise<CommandResult> {
  const p = await core.services.jobs.wait(jobId);
  const { repos } = core.services;
  const failures = repos.jobs.items(jobId, 'failed').slice(0, 200);
  const skipped = repos.jobs.items(jobId, 'done').filter((i) => i.code === PLAN_SKIPPED_CODE);
  const json = { ...p, failures, skipped: skipped.length };
  const lines = [`job #${jobId} ${p.state}: ${p.done - skipped.length} ok, ${skipped.length} skipped, ${p.failed} failed, ${p.total} total`];
  if (p.lastError) lines.push(`  last error ${p.lastError.code}: ${p.lastError.message} / ${p.lastError.messageEn}`);
  const name = (id: number): string => repos.invoices.getById(id)?.invoiceNo ?? `#${id}`;
  for (const f of failures.slice(0, 20)) lines.push(`  invoice #${f.invoiceId} ${f.code ?? ''}: ${f.message ?? ''}`);
  for (const s of skipped.slice(0, 20)) lines.push(`  invoice ${name(s.invoiceId)} skipped: ${s.message ?? ''}`);
  // What the write-back plan refused goes to stderr too, one line per invoice, so a script sees why.
  const errors = failures.filter((f) => f.code === PLAN_REFUSED_CODE).map((f) => `${name(f.invoiceId)}: ${f.message ?? ''}`);
  return { exitCode: p.state === 'done' && p.failed === 0 ? 0 : 1, json, human: lines.join('\n'), errors };
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

/**
 * `--ready` sends exactly the invoices whose write-back plan is "submit" (matched, answer fresh, not accepted
 * or in the outbox). Fillable ones are not filled here: their plan is "fill then submit", and filling writes
 * Suning's values into the record, which is the clerk's (or `auto`'s) step, not a side effect of a submit.
 */
export interface SubmitOptions {
  readonly ready: boolean;
  readonly invoiceNos: readonly string[];
  /** Send the one invoice as 80 against its plan, with this reason. */
  readonly override?: string;
  /** Print what would be sent (the same breakdown as the confirm dialog) and send nothing. */
  readonly dryRun?: boolean;
  /** 标记开票失败: `--status 75|65` (one value) with `--reason`. */
  readonly failStatus?: readonly string[];
  readonly failReason?: string;
}

/** `--status 75|65 --reason TEXT`: the marking to apply before sending, or null without --status / --reason. */
function failMarking(opts: SubmitOptions): { status: 65 | 75; reason: string } | null {
  const { failStatus, failReason } = opts;
  if (failStatus === undefined && failReason === undefined) return null;
  if (failStatus?.length !== 1 || (failStatus[0] !== '75' && failStatus[0] !== '65')) {
    throw usage('--status 只能是 75（开票失败）或 65（开票申请失败），且只给一次', '--status must be given once, as 75 (issuing failed) or 65 (application failed)');
  }
  if (failReason === undefined || failReason.trim() === '') {
    throw usage(`回传 ${failStatus[0]} 需要 --reason 失败原因`, `Sending ${failStatus[0]} needs --reason (the failure reason)`);
  }
  if (opts.ready || opts.override !== undefined) {
    throw usage('--status/--reason 只能与 --invoice-no 一起使用，不能与 --ready 或 --override 同用', '--status/--reason go with --invoice-no only, not with --ready or --override');
  }
  return { status: failStatus[0] === '75' ? 75 : 65, reason: failReason };
}

export async function submitCommand(core: AppCore, opts: SubmitOptions): Promise<CommandResult> {
  const { ready, invoiceNos, override: overrideReason } = opts;
  const { repos } = core.services;
  if (ready === (invoiceNos.length > 0)) throw usage('请给出 --ready 或至少一个 --invoice-no 发票编号（二选一）', 'Give either --ready or at least one --invoice-no NO');
  if (overrideReason !== undefined && (ready || invoiceNos.length !== 1)) {
    throw usage('--override 只能与一个 --invoice-no 一起使用（强制回传按张进行）', '--override goes with exactly one --invoice-no (an override is per invoice)');
  }
  const ids = ready
    ? idsWithPlan(repos.invoices, { reconStatus: ['matched'] }, 'submit', planClock(core.services.settings.get()))
    : invoiceNos.map((no) => {
      const row = repos.invoices.getByInvoiceNo(no);
      if (!row) throw usage(`本地没有发票编号 ${no}`, `No local invoice has invoice_no ${no}`);
      return row.id;
    });
  const failed = failMarking(opts);
  if (failed !== null) {
    if (opts.dryRun) throw usage('--dry-run 不能与 --status/--reason 同用', '--dry-run does not go with --status/--reason');
    const input = contract['submit:markFailed'].input.safeParse({ selection: { kind: 'ids', ids }, ...failed });
    if (!input.success) {
      const d = describeZodIssues(input.error);
      throw usage(`--reason：${d.zh}`, `--reason: ${d.en}`);
    }
    const r = await core.handlers['submit:markFailed'](input.data, CTX);
    const out = await jobResult(core, r.jobId);
    // What was not marked (plan is not "never 80") is a failure of the command, named on stderr.
    const notMarked = r.skipped.map((g) => `${g.sample.join(', ')}${g.count > g.sample.length ? ` (+${g.count - g.sample.length})` : ''}: ${g.reason.zh} / ${g.reason.en}`);
    return { ...out, exitCode: notMarked.length > 0 ? 1 : out.exitCode, json: { job: out.json, notMarked: r.skipped }, errors: [...(out.errors ?? []), ...notMarked] };
  }
  if (opts.dryRun) return previewResult(core, ids);
  if (overrideReason !== undefined) {
    const input = contract['submit:override'].input.safeParse({ id: ids[0] ?? 0, reason: overrideReason });
    if (!input.success) {
      const d = describeZodIssues(input.error);
      throw usage(`--override：${d.zh}`, `--override: ${d.en}`);
    }
    const { jobId } = await core.handlers['submit:override'](input.data, CTX);
    return jobResult(core, jobId);
  }
  return runJob(core, 'submit', ids);
}

async function previewResult(core: AppCore, ids: readonly number[]): Promise<CommandResult> {
  const p: SubmitPreview = ids.length === 0
    ? { total: 0, as80: { count: 0, amountFen: 0 }, asFailure: { count: 0, amountFen: 0 }, skipped: [], sentAmountFen: 0 }
    : await core.handlers['submit:preview']({ selection: { kind: 'ids', ids: [...ids] } }, CTX);
  const lines = [
    `would send ${p.as80.count + p.asFailure.count} of ${p.total} (${formatFen(p.sentAmountFen)} yuan): ${p.as80.count} as 80, ${p.asFailure.count} as 65/75`,
    ...p.skipped.map((g) => `  skip ${String(g.count).padStart(6)} ${g.reconStatus.padEnd(20)} ${g.reason.zh} / ${g.reason.en}`),
  ];
  return { exitCode: 0, json: p, human: lines.join('\n') };
}

/** The reconciliation statuses given with --status, checked (bad usage when unknown). */
export function statusFilter(statuses: readonly string[]): InvoiceFilter {
  const bad = statuses.filter((s) => !(RECON_STATUSES as readonly string[]).includes(s));
  if (bad.length > 0) throw usage(`未知的对账状态：${bad.join(', ')}（可用：${RECON_STATUSES.join(', ')}）`, `Unknown status: ${bad.join(', ')} (one of ${RECON_STATUSES.join(', ')})`);
  return statuses.length > 0 ? { reconStatus: statuses as ReconStatus[] } : {};
}

const ZERO_PLAN: AutoPlan = { total: 0, query: { count: 0, amountFen: 0 }, fill: { count: 0, amountFen: 0 }, submit: { count: 0, amountFen: 0 }, leftForClerk: [], nothing: { count: 0, amountFen: 0 } };

/**
 * `auto --dry-run`: the plan of 自动处理 over the invoices (optionally some statuses) — what would be queried,
 * filled and submitted, and what is left for the clerk — changing nothing.
 */
async function autoDryRun(core: AppCore, statuses: readonly string[]): Promise<CommandResult> {
  const filter = statusFilter(statuses);
  const { repos } = core.services;
  const ids = repos.invoices.idsForSelection({ kind: 'filter', filter });
  const p: AutoPlan = ids.length === 0 ? ZERO_PLAN : await core.handlers['auto:plan']({ selection: { kind: 'filter', filter } }, CTX);
  const line = (label: string, c: { count: number; amountFen: number }): string => `  ${label.padEnd(34)} ${String(c.count).padStart(7)}  ${formatFen(c.amountFen).padStart(14)} yuan`;
  const clerk = p.leftForClerk.reduce((n, g) => n + g.count, 0);
  const lines = [
    `plan for ${p.total} invoices (dry run: nothing changed)`,
    line('1. query Suning 查询', p.query),
    line('2. fill, then submit 80 填入并回传', p.fill),
    line('3. submit as on record 回传', p.submit),
    line('already done 无需操作', p.nothing),
    `  left for the clerk 需人工处理: ${clerk}`,
    ...p.leftForClerk.map((g) => `    ${String(g.count).padStart(7)} ${g.reconStatus.padEnd(20)} ${g.reason.zh} / ${g.reason.en}`),
  ];
  if (p.query.count > 0) lines.push('  (invoices queried in phase 1 are planned again from their new answer)');
  return { exitCode: 0, json: p, human: lines.join('\n') };
}

/** A finished (or stopped) run as the CLI prints it. */
function autoRunResult(run: AutoRun, resumed: boolean): CommandResult {
  const s = run.summary;
  const lines = [`${resumed ? 'resumed ' : ''}auto #${run.runId} ${run.state} (phase ${run.phase}), ${run.total} invoices`];
  for (const p of run.phases) lines.push(`  ${p.phase.padEnd(7)} ${p.state.padEnd(9)} ${p.done} ok, ${p.failed} failed, ${p.total} total${p.jobId === null ? '' : ` (job #${p.jobId})`}`);
  if (run.lastError) lines.push(`  error ${run.lastError.code}: ${run.lastError.message} / ${run.lastError.messageEn}`);
  if (s) {
    lines.push(`  queried ${s.queried.ok} ok / ${s.queried.failed} failed; filled ${s.filled} (${s.fillFailed} failed); submitted ${s.submitted.ok} ok / ${s.submitted.failed} failed; nothing left to do ${s.nothingLeft}`);
    const left = s.leftForClerk.reduce((n, g) => n + g.count, 0);
    lines.push(`  left for the clerk 需人工处理: ${left}`);
    for (const g of s.leftForClerk) lines.push(`    ${String(g.count).padStart(7)} ${g.reconStatus.padEnd(20)} ${g.queryFailed ? '(query failed) ' : ''}${g.reason.zh} / ${g.reason.en}`);
  }
  const ok = run.state === 'done' && s !== null && s.automaticFailures === 0;
  return { exitCode: ok ? 0 : 1, json: run, human: lines.join('\n') };
}

/**
 * `auto`: 自动处理 headless. A run left unfinished (killed, or stopped by a signal) is resumed in the phase it
 * was in, whatever --status says (its invoices were fixed when it started); otherwise a new run starts over
 * the invoices of the given statuses (all without --status). Exit 0 when every automatic step succeeded —
 * what is left for the clerk is reported, not an error — and 1 when a query, fill or send failed or the run
 * did not finish.
 */
export async function autoCommand(core: AppCore, dryRun: boolean, statuses: readonly string[]): Promise<CommandResult> {
  if (dryRun) return autoDryRun(core, statuses);
  const filter = statusFilter(statuses);
  const { auto } = core.services;
  const unfinished = auto.resumable();
  const started = unfinished ? auto.resume(unfinished.runId) : await call(core, 'auto:start', { selection: { kind: 'filter', filter } });
  return autoRunResult(await auto.wait(started.runId), unfinished !== null);
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
  const filter = statusFilter(statuses);
  const target = path.resolve(file);
  const r = await writeExport(ext === '.csv' ? 'csv' : 'xlsx', invoiceRows(core.services, filter, { field: 'invoiceNo', dir: 'asc' }), PLANNED_INVOICE_COLUMNS, target, '发票对账');
  // A reader (another process owns the folder) cannot write the audit log: the export is then in the CLI's own output only.
  if (core.role === 'owner') core.services.repos.audit.append('cli', 'export.invoices', path.basename(file), { rows: r.rows, filter });
  return { exitCode: 0, json: { file: target, rows: r.rows }, human: `wrote ${r.rows} rows to ${target}` };
}

export async function statusCommand(core: AppCore): Promise<CommandResult> {
  const c = await call(core, 'invoices:counts', {});
  const lines = [`total ${c.total}`, ...Object.entries(c.byRecon).map(([k, v]) => `  ${k.padEnd(20)} ${v}`), 'submission:',
    ...Object.entries(c.bySubmit).map(([k, v]) => `  ${k.padEnd(20)} ${v}`)];
  return { exitCode: 0, json: { total: c.total, byRecon: c.byRecon, bySubmit: c.bySubmit }, human: lines.join('\n') };
}
