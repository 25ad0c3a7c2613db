// Runs everywhere. Clerk-facing names of the derived states, shared by the renderer and the exports.
import type { OutboxState, ReconStatus, SubmitState, WdtStatus } from './invoice';

export interface Label {
  readonly zh: string;
  readonly en: string;
}

export const RECON_STATUS_LABELS: Readonly<Record<ReconStatus, Label>> = {
  not_queried: { zh: '未查询', en: 'Not queried' },
  not_issued: { zh: '苏宁未开票', en: 'Not issued on Suning' },
  matched: { zh: '一致', en: 'Matched' },
  fillable: { zh: '可填入', en: 'Fillable' },
  amount_mismatch: { zh: '金额不符', en: 'Amount mismatch' },
  number_mismatch: { zh: '号码/代码不符', en: 'Number/code mismatch' },
  reversed: { zh: '已冲红', en: 'Reversed' },
  partially_reversed: { zh: '部分冲红', en: 'Partially reversed' },
  split: { zh: '多张蓝票', en: 'Split (several blues)' },
  red_without_blue: { zh: '红票无对应蓝票', en: 'Red without its blue' },
  query_failed: { zh: '查询失败', en: 'Query failed' },
};

export const SUBMIT_STATE_LABELS: Readonly<Record<SubmitState, Label>> = {
  not_submitted: { zh: '未回传', en: 'Not submitted' },
  queued: { zh: '排队中', en: 'Queued' },
  sending: { zh: '发送中', en: 'Sending' },
  accepted: { zh: '已回传', en: 'Accepted' },
  rejected: { zh: '被拒绝', en: 'Rejected' },
  unknown: { zh: '结果未知', en: 'Unknown' },
  outdated: { zh: '已回传但本地已修改', en: 'Outdated (changed after acceptance)' },
};

/** Outbox states of one submission: the submit states it shares, and its own 'superseded'. */
export const OUTBOX_STATE_LABELS: Readonly<Record<OutboxState, Label>> = {
  queued: SUBMIT_STATE_LABELS.queued,
  sending: SUBMIT_STATE_LABELS.sending,
  accepted: SUBMIT_STATE_LABELS.accepted,
  rejected: SUBMIT_STATE_LABELS.rejected,
  unknown: SUBMIT_STATE_LABELS.unknown,
  superseded: { zh: '已被新提交取代', en: 'Superseded by a newer submission' },
};

/** Wangdiantong's target invoice status codes. */
export const WDT_STATUS_LABELS: Readonly<Record<WdtStatus, Label>> = {
  65: { zh: '开票申请失败', en: 'Application failed' },
  75: { zh: '开票失败', en: 'Invoicing failed' },
  80: { zh: '开票成功', en: 'Invoiced' },
};
