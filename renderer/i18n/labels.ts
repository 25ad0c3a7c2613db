// Renderer. zh/en labels for the domain enums (statuses, states) shown in chips, tags and filters.
import type { ReconStatus, SubmitState, OutboxState } from '../../shared/domain/invoice';
import { OUTBOX_STATE_LABELS, RECON_STATUS_LABELS, SUBMIT_STATE_LABELS, type Label } from '../../shared/domain/labels';
import { WRITE_BACK_PLAN_LABELS, type WriteBackPlan } from '../../shared/domain/plan';
import type { Language } from './i18n';

type Labels<K extends string> = Readonly<Record<K, Readonly<Record<Language, string>>>>;

function byLanguage<K extends string>(labels: Readonly<Record<K, Label>>): Labels<K> {
  const out = {} as Record<K, Readonly<Record<Language, string>>>;
  for (const k of Object.keys(labels) as K[]) out[k] = { 'zh-CN': labels[k].zh, 'en-US': labels[k].en };
  return out;
}

/** The same names the exports use (shared/domain/labels.ts), so a CSV and the screen read alike. */
export const RECON_LABELS: Labels<ReconStatus> = byLanguage(RECON_STATUS_LABELS);

export const RECON_HINTS: Labels<ReconStatus> = {
  not_queried: { 'zh-CN': '尚未向苏宁查询', 'en-US': 'Suning has not been asked yet' },
  not_issued: { 'zh-CN': '苏宁尚未为该订单开票', 'en-US': 'Suning has issued nothing for the order' },
  matched: { 'zh-CN': '本地记录与苏宁有效蓝票一致', 'en-US': 'The local record equals the valid blue invoice' },
  fillable: { 'zh-CN': '本地尚无发票号码，可采用苏宁结果回填', 'en-US': 'No local number yet; fill it from Suning' },
  amount_mismatch: { 'zh-CN': '金额与苏宁不一致', 'en-US': 'The amount differs from Suning' },
  number_mismatch: { 'zh-CN': '发票号码或代码与苏宁不一致', 'en-US': 'The number or code differs from Suning' },
  reversed: { 'zh-CN': '蓝票已被红票全额冲销', 'en-US': 'The blue invoice was fully reversed' },
  partially_reversed: { 'zh-CN': '蓝票被部分冲红', 'en-US': 'The blue invoice was partly reversed' },
  split: { 'zh-CN': '一个订单开了多张发票', 'en-US': 'The order carries several invoices' },
  red_without_blue: { 'zh-CN': '只有红票，找不到对应蓝票', 'en-US': 'A red invoice without its blue one' },
  query_failed: { 'zh-CN': '查询苏宁时出错，可重新查询', 'en-US': 'The Suning query failed; query again' },
};

export const SUBMIT_LABELS: Labels<SubmitState> = byLanguage(SUBMIT_STATE_LABELS);

/** The write-back plan (a column of the table and of the exports, which use the same names). */
export const PLAN_LABELS: Labels<WriteBackPlan> = byLanguage(WRITE_BACK_PLAN_LABELS);

export const OUTBOX_LABELS: Labels<OutboxState> = byLanguage(OUTBOX_STATE_LABELS);
