// Main process (pure; no I/O). The write-back plan of one invoice: what its reconciliation allows to be sent to
// Wangdiantong, and one sentence (zh/en) saying why. The submit guard, the table, the exports and the CLI all
// read it from here, so the rule exists once.
import type { Bilingual } from '../../shared/errors';
import type { LocalInvoice, ReconStatus, SubmitState, WdtStatus } from '../../shared/domain/invoice';
import type { SubmitRefusal, WriteBackPlan } from '../../shared/domain/plan';
import type { FileVerdict } from '../../shared/domain/einvoice-file';
// The reconcile types move to electron/domain/reconcile.ts (issue 11); only the import path changes then.
import { payloadOf, submitStateOf, type LatestSubmission, type ReconResult } from './reconcile';

export const DEFAULT_MAX_ANSWER_AGE_HOURS = 24;
const HOUR_MS = 3_600_000;

export interface PlanResult {
  readonly plan: WriteBackPlan;
  readonly reason: Bilingual;
  /** What a status-80 submit of the invoice as it stands meets: null = allowed. */
  readonly refusal: SubmitRefusal | null;
}

/** The facts a plan depends on once the reconciliation and the submission state are known (a table row has them). */
export interface PlanState {
  readonly reconStatus: ReconStatus;
  readonly submitState: SubmitState;
  /** When Suning's answer that the status rests on was received (ISO); null = none. */
  readonly answeredAt: string | null;
  /**
   * A split order whose record holds the invoice_no_out the clerk chose (audited, `invoices:chooseSplit`):
   * that choice is the clerk's decision, so 80 is allowed with those values.
   */
  readonly splitChosen?: boolean;
  /**
   * The archived file's verdict (issue 15). Only 'mismatch' changes the plan: a file that says something else
   * than the records needs the clerk. 'unavailable' and 'not_downloaded' do not block — links expire and not
   * every merchant archives — the reconciliation alone decides then.
   */
  readonly fileVerdict?: FileVerdict;
}

export interface PlanClock {
  /** Milliseconds since the epoch. */
  readonly now: number;
  readonly maxAnswerAgeHours: number;
}

export interface PlanInput extends PlanClock {
  readonly recon: Pick<ReconResult, 'status'>;
  readonly local: Pick<LocalInvoice, 'invoiceNo' | 'targetStatus' | 'invoiceNum' | 'invoiceCode' | 'errorInfo' | 'pdfUrl'>;
  readonly lastSubmission: LatestSubmission | null;
  readonly answeredAt: string | null;
  readonly fileVerdict?: FileVerdict;
}

const FILE_MISMATCH: Bilingual = {
  zh: '发票原件与苏宁或本地记录不符：需人工核对，不会自动回传',
  en: 'The invoice file differs from Suning\'s or the local record: the clerk must check it; nothing is sent automatically',
};

const NEEDS_CLERK: Readonly<Partial<Record<ReconStatus, Bilingual>>> = {
  amount_mismatch: { zh: '金额与苏宁发票不符：需人工核对，不会自动回传', en: "The amount differs from Suning's invoice: the clerk must check it; nothing is sent automatically" },
  number_mismatch: { zh: '发票号码/代码与苏宁有效蓝票不符：需人工核对，不会自动回传', en: "The invoice number/code differs from Suning's valid blue invoice: the clerk must check it; nothing is sent automatically" },
  split: { zh: '苏宁有多张有效蓝票：需人工决定回传哪一张，不会自动回传', en: 'Suning holds several valid blue invoices: the clerk decides which one to write back; nothing is sent automatically' },
  partially_reversed: { zh: '蓝票被部分冲红：需人工核对金额，不会自动回传', en: 'The blue invoice is partially reversed: the clerk must check the amount; nothing is sent automatically' },
  red_without_blue: { zh: '苏宁的红票找不到对应蓝票：需人工核对，不会自动回传', en: 'A red invoice from Suning has no matching blue: the clerk must check it; nothing is sent automatically' },
};

const NEVER_80: Readonly<Partial<Record<ReconStatus, Bilingual>>> = {
  not_issued: { zh: '苏宁尚未开票：不能回传 80 开票成功；可填写原因回传 65/75', en: 'Suning has issued no invoice: never 80 (invoiced); the clerk may send 65/75 with a reason' },
  reversed: { zh: '苏宁蓝票已全额冲红：不能回传 80 开票成功；可填写原因回传 65/75', en: 'Every blue invoice from Suning is fully reversed: never 80 (invoiced); the clerk may send 65/75 with a reason' },
};

function plan(p: WriteBackPlan, refusal: SubmitRefusal | null, zh: string, en: string): PlanResult {
  return { plan: p, reason: { zh, en }, refusal };
}

/** True when the answer is missing, unreadable, or older than the setting allows. */
export function isAnswerStale(answeredAt: string | null, clock: PlanClock): boolean {
  if (answeredAt === null) return true;
  const at = Date.parse(answeredAt);
  if (Number.isNaN(at)) return true;
  return clock.now - at > clock.maxAnswerAgeHours * HOUR_MS;
}

/**
 * Precedence, first row that applies wins:
 *
 * | # | condition                                                            | plan             |
 * |---|----------------------------------------------------------------------|------------------|
 * | 1 | latest submission accepted and the record unchanged since             | nothing          |
 * | 2 | latest submission queued or sending (already in the outbox)           | nothing          |
 * | 3 | not queried, or the last query failed                                 | query_first      |
 * | 4 | Suning's answer older than the setting (default 24 h)                 | query_first      |
 * | 4b| the archived file differs (file_verdict mismatch) and 5/6/6b would apply | needs_clerk    |
 * | 5 | matched                                                               | submit           |
 * | 6 | fillable                                                              | fill_then_submit |
 * | 6b| split, and the record holds the clerk's audited choice                 | submit           |
 * | 7 | amount / number mismatch, split, partially reversed, red without blue | needs_clerk      |
 * | 8 | not issued, reversed                                                  | never_80         |
 *
 * Rows 1-2 come first because there is nothing to send; an answer that has gone stale (4) is checked before
 * what it said, because the invoice may have been issued, reversed or split since.
 */
export function planFromState(state: PlanState, clock: PlanClock): PlanResult {
  const { reconStatus, submitState } = state;
  if (submitState === 'accepted') {
    return plan('nothing', 'accepted', '旺店通已接受上次回传，此后记录未改：无需再回传', 'Wangdiantong accepted the last submission and the record is unchanged since: nothing to send');
  }
  if (submitState === 'queued' || submitState === 'sending') {
    return plan('nothing', 'in_outbox', '已在发件箱中等待发送：请等待其结果', 'Already in the outbox being sent: wait for its result');
  }
  if (reconStatus === 'not_queried') {
    return plan('query_first', 'query_first', '尚未向苏宁查询：请先查询再回传', 'Suning has not been queried yet: query before submitting');
  }
  if (reconStatus === 'query_failed') {
    return plan('query_first', 'query_first', '最近一次苏宁查询失败：请重新查询再回传', 'The last Suning query failed: query again before submitting');
  }
  if (isAnswerStale(state.answeredAt, clock)) {
    const h = clock.maxAnswerAgeHours;
    return plan('query_first', 'query_first', `苏宁结果已超过 ${h} 小时：请重新查询再回传`, `Suning's answer is older than ${h} h: query again before submitting`);
  }
  const automatic = reconStatus === 'matched' || reconStatus === 'fillable' || (reconStatus === 'split' && state.splitChosen === true);
  if (automatic && state.fileVerdict === 'mismatch') return { plan: 'needs_clerk', reason: FILE_MISMATCH, refusal: 'needs_clerk' };
  if (reconStatus === 'matched') {
    return plan('submit', null, '与苏宁有效蓝票一致：按记录回传 80 开票成功', "Matches Suning's valid blue invoice: submit 80 (invoiced) with the values on record");
  }
  if (reconStatus === 'fillable') {
    return plan('fill_then_submit', 'fill_first', '先从苏宁唯一有效蓝票填入发票号码、代码和 PDF 链接，再回传 80', "Fill the invoice number, code and PDF link from Suning's one valid blue invoice, then submit 80");
  }
  if (reconStatus === 'split' && state.splitChosen === true) {
    return plan('submit', null, '苏宁有多张有效蓝票，已按人工选择的发票号码回传 80 开票成功', 'Suning holds several valid blue invoices; submit 80 (invoiced) with the invoice number the clerk chose');
  }
  const clerk = NEEDS_CLERK[reconStatus];
  if (clerk) return { plan: 'needs_clerk', reason: clerk, refusal: 'needs_clerk' };
  const never = NEVER_80[reconStatus];
  if (never) return { plan: 'never_80', reason: never, refusal: 'never_80' };
  throw new Error(`planFromState: no plan for reconciliation status ${reconStatus}`);
}

/** The plan from the reconciliation result, the local record and its last submission. */
export function planWriteBack(input: PlanInput): PlanResult {
  const submitState = submitStateOf(input.lastSubmission, payloadOf(input.local));
  return planFromState({ reconStatus: input.recon.status, submitState, answeredAt: input.answeredAt, fileVerdict: input.fileVerdict }, input);
}

export type SubmitDecision =
  | { readonly send: true; readonly overridden: boolean }
  | { readonly send: false; readonly skip: boolean; readonly refusal: SubmitRefusal; readonly reason: Bilingual };

/**
 * Whether a submit may send the invoice with this status now. Status 80 only where the plan allows it, or
 * with a per-invoice override; 65/75 whenever there is something to send (the request schema then requires
 * its reason); nothing at all when the plan is "nothing".
 */
export function decideSubmit(p: PlanResult, status: WdtStatus, override: boolean): SubmitDecision {
  if (p.plan === 'nothing') return { send: false, skip: true, refusal: p.refusal ?? 'accepted', reason: p.reason };
  if (status !== 80 || p.refusal === null) return { send: true, overridden: false };
  if (override) return { send: true, overridden: true };
  return {
    send: false,
    skip: false,
    refusal: p.refusal,
    reason: { zh: `拒绝回传 80 开票成功：${p.reason.zh}`, en: `Refused to send 80 (invoiced): ${p.reason.en}` },
  };
}
