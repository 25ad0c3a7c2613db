// Renderer. What each audit action and actor means, in words: the log shows these first and keeps the stable
// action name (submit.start, …) only as a secondary detail for support.
import type { Language } from './i18n';

type L = Readonly<Record<Language, string>>;

export const AUDIT_ACTION_LABELS: Readonly<Record<string, L>> = {
  'import': { 'zh-CN': '导入发票', 'en-US': 'Imported invoices' },
  'export.invoices': { 'zh-CN': '导出对账表', 'en-US': 'Exported the reconciliation' },
  'export.archive': { 'zh-CN': '导出原件 ZIP', 'en-US': 'Exported the invoice files (ZIP)' },
  'archive.start': { 'zh-CN': '开始下载原件并核对', 'en-US': 'Started downloading and checking invoice files' },
  'archive.auto_skipped': { 'zh-CN': '查询后未能自动下载原件', 'en-US': 'Invoice files were not downloaded after a query' },
  'export.submissions': { 'zh-CN': '导出回传记录', 'en-US': 'Exported the write-back log' },
  'invoice.edit': { 'zh-CN': '修改发票', 'en-US': 'Edited an invoice' },
  'invoice.apply_suning': { 'zh-CN': '采用苏宁结果', 'en-US': "Used Suning's result" },
  'invoice.apply_suning_bulk': { 'zh-CN': '批量采用苏宁结果', 'en-US': "Used Suning's results in bulk" },
  'invoice.undo_apply_suning': { 'zh-CN': '撤销采用苏宁结果', 'en-US': "Undid using Suning's result" },
  'invoice.mark_failed': { 'zh-CN': '标记开票失败', 'en-US': 'Marked as failed' },
  'invoice.split_choice': { 'zh-CN': '选择拆分发票的回传号码', 'en-US': 'Chose the number of a split order' },
  'invoice.note': { 'zh-CN': '修改处理备注', 'en-US': "Changed the clerk's note" },
  'query.start': { 'zh-CN': '开始查询苏宁', 'en-US': 'Started a Suning query' },
  'submit.start': { 'zh-CN': '开始回传旺店通', 'en-US': 'Started a write-back to Wangdiantong' },
  'submit.override': { 'zh-CN': '强制回传', 'en-US': 'Sent despite the plan' },
  'submit.recover': { 'zh-CN': '启动时恢复中断的回传', 'en-US': 'Recovered interrupted write-backs at start' },
  'job.cancel': { 'zh-CN': '取消任务', 'en-US': 'Cancelled a job' },
  'job.resume': { 'zh-CN': '继续未完成的任务', 'en-US': 'Resumed an unfinished job' },
  'auto.start': { 'zh-CN': '开始自动处理', 'en-US': 'Started automatic processing' },
  'auto.resume': { 'zh-CN': '继续未完成的自动处理', 'en-US': 'Resumed automatic processing' },
  'auto.recover': { 'zh-CN': '启动时恢复中断的自动处理', 'en-US': 'Recovered interrupted automatic processing at start' },
  'auto.cancel': { 'zh-CN': '取消自动处理', 'en-US': 'Cancelled automatic processing' },
  'auto.finish': { 'zh-CN': '自动处理结束', 'en-US': 'Automatic processing finished' },
  'practice.start': { 'zh-CN': '开始练习模式', 'en-US': 'Started practice mode' },
  'settings.update': { 'zh-CN': '修改设置', 'en-US': 'Changed settings' },
  'settings.secret': { 'zh-CN': '保存密钥', 'en-US': 'Stored a secret' },
  'settings.test_connection': { 'zh-CN': '测试连接', 'en-US': 'Tested a connection' },
};

export const AUDIT_ACTOR_LABELS: Readonly<Record<string, L>> = {
  clerk: { 'zh-CN': '操作员', 'en-US': 'Clerk' },
  system: { 'zh-CN': '系统', 'en-US': 'System' },
  cli: { 'zh-CN': '命令行', 'en-US': 'Command line' },
};

const DETAIL_LABELS: Readonly<Record<string, L>> = {
  rows: { 'zh-CN': '行数', 'en-US': 'rows' },
  total: { 'zh-CN': '发票数', 'en-US': 'invoices' },
  format: { 'zh-CN': '格式', 'en-US': 'format' },
  orders: { 'zh-CN': '订单数', 'en-US': 'orders' },
  changed: { 'zh-CN': '已修改', 'en-US': 'changed' },
  selected: { 'zh-CN': '已选', 'en-US': 'selected' },
  verdict: { 'zh-CN': '结论', 'en-US': 'verdict' },
  unknown: { 'zh-CN': '结果未知', 'en-US': 'unknown' },
  configured: { 'zh-CN': '已配置', 'en-US': 'configured' },
};

const SECRET_LABELS: Readonly<Record<string, L>> = {
  'wangdian.appsecret': { 'zh-CN': '旺店通密钥', 'en-US': 'Wangdiantong secret' },
  'suning.appSecret': { 'zh-CN': '苏宁密钥', 'en-US': 'Suning secret' },
  wangdian: { 'zh-CN': '旺店通', 'en-US': 'Wangdiantong' },
  suning: { 'zh-CN': '苏宁', 'en-US': 'Suning' },
};

/** The target as words: "job:12" → "任务 12"; anything else (a file name, an invoice number) as it is. */
export function auditTarget(target: string | null, lang: Language): string {
  if (target === null) return '—';
  const secret = SECRET_LABELS[target];
  if (secret) return secret[lang];
  const job = /^job:(\d+)$/.exec(target);
  if (job) return lang === 'zh-CN' ? `任务 ${job[1]}` : `job ${job[1]}`;
  const run = /^auto:(\d+)$/.exec(target);
  if (run) return lang === 'zh-CN' ? `自动处理 ${run[1]}` : `automatic run ${run[1]}`;
  return target;
}

/** The plain numbers and words of the details, labelled; nested values stay in the full record (tooltip). */
export function auditSummary(details: unknown, lang: Language): string {
  if (typeof details !== 'object' || details === null) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(details)) {
    const label = DETAIL_LABELS[k]?.[lang];
    if (label === undefined) continue;
    if (typeof v === 'number') parts.push(`${label} ${v.toLocaleString(lang)}`);
    else if (typeof v === 'string' && v.length <= 40) parts.push(`${label} ${k === 'format' ? v.toUpperCase() : v}`);
    else if (typeof v === 'boolean' && v) parts.push(label);
  }
  return parts.join(lang === 'zh-CN' ? '，' : ', ');
}
