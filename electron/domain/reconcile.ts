// Main process (pure domain rule; imports only shared/, no I/O). Decides the reconciliation status of one local invoice.
import type { Bilingual } from '../../shared/errors';
import type { LocalInvoice, OutboxState, ReconStatus, SubmissionPayload, SubmitState, SuningInvoice } from '../../shared/domain/invoice';
import { formatFen } from '../../shared/domain/money';
import { normalizeDigits } from '../../shared/domain/invoice-number';

export interface LastQuery {
  readonly outcome: 'found' | 'no_result' | 'error';
}

export interface ReconInput {
  readonly local: Pick<LocalInvoice, 'amountFen' | 'invoiceCode' | 'invoiceNum' | 'pdfUrl' | 'invoiceDate'>;
  /** Every invoice Suning reported for the order (any order of blue/red). */
  readonly suning: readonly SuningInvoice[];
  /** null = never queried. */
  readonly lastQuery: LastQuery | null;
}

export interface FieldDiff {
  readonly field: 'invoiceNum' | 'invoiceCode' | 'amountFen' | 'pdfUrl' | 'invoiceDate';
  readonly local: string;
  readonly suning: string;
}

export interface ReconResult {
  readonly status: ReconStatus;
  /** The single valid (not reversed) blue invoice, when there is exactly one. */
  readonly validBlue: SuningInvoice | null;
  /** Every valid (not fully reversed) blue invoice, in Suning's order: the split choice picks among them. */
  readonly validBlues: readonly SuningInvoice[];
  readonly explanation: Bilingual;
  readonly diffs: readonly FieldDiff[];
  /**
   * What Suning's valid blues still amount to (each blue less its reds; 0 when every blue is reversed), null
   * when Suning gave no invoice facts. The table shows it as 苏宁金额 for split and reversed orders.
   */
  readonly validTotalFen: number | null;
}

/*
 * Precedence, first row that applies wins. "valid blue" = a blue not fully reversed by reds naming it.
 *
 * | # | condition                                                 | status             | why this rank                                   |
 * |---|-----------------------------------------------------------|--------------------|-------------------------------------------------|
 * | 1 | never queried                                             | not_queried        | no facts yet                                    |
 * | 2 | last query failed                                         | query_failed       | facts unknown; stale ones must not be trusted   |
 * | 3 | no_result, or nothing but invoiceStatus 0 (无发票) entries | not_issued         | Suning has nothing for the order                |
 * | 4 | a red names a blue that is not in the list                | red_without_blue   | Suning's own record set is inconsistent: even a |
 * |   |   (even when exactly one valid blue remains)              |                    | single valid blue may be the one that red meant |
 * |   |                                                           |                    | to cancel, so we ask the clerk to look before   |
 * |   |                                                           |                    | any one-click fill; validBlue is still returned |
 * | 5 | some valid blue is partially reversed                     | partially_reversed | the invoiced amount changed after issue         |
 * | 6 | more than one valid blue                                  | split              | no single number to write back                  |
 * | 7 | no valid blue (every blue fully reversed)                 | reversed           | nothing valid to submit                         |
 * | 8 | one valid blue V; a local code/number present and ≠ V     | number_mismatch    | local points at another invoice                 |
 * | 9 | one valid blue V; local amount ≠ V amount                 | amount_mismatch    | also for fillable rows: look before filling     |
 * |10 | one valid blue V; local lacks number or code V has        | fillable           | "Use Suning's values" fills it                  |
 * |11 | one valid blue V; everything equal                        | matched            |                                                 |
 *
 * Reds are matched to blues by type, not by sign: a red counts with |amount| whatever sign the wire gave it.
 * Identical entries (same type, code and number — e.g. one invoice listed under two order items) count once.
 */

interface Entry {
  readonly inv: SuningInvoice;
  readonly code: string;
  readonly num: string;
}

interface BlueState {
  readonly entry: Entry;
  reversedFen: number;
}

function describeInvoice(code: string, num: string): Bilingual {
  if (code === '') return { zh: `发票号码 ${num}`, en: `invoice number ${num}` };
  return { zh: `发票代码 ${code} 号码 ${num}`, en: `invoice code ${code} number ${num}` };
}

function yuan(fen: number): string {
  return formatFen(fen);
}

function result(status: ReconStatus, validBlue: SuningInvoice | null, zh: string, en: string, diffs: readonly FieldDiff[] = []): ReconResult {
  return { status, validBlue, validBlues: validBlue ? [validBlue] : [], explanation: { zh, en }, diffs, validTotalFen: null };
}

/** Field differences local vs the valid blue: differing non-empty local values and empty ones Suning would fill. */
export function diffAgainst(local: ReconInput['local'], blue: SuningInvoice): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  const push = (field: FieldDiff['field'], l: string, s: string): void => {
    if (l === s) return;
    if (l === '' && s === '') return;
    diffs.push({ field, local: l, suning: s });
  };
  push('invoiceNum', normalizeDigits(local.invoiceNum), normalizeDigits(blue.invoiceNum));
  push('invoiceCode', normalizeDigits(local.invoiceCode), normalizeDigits(blue.invoiceCode));
  push('amountFen', yuan(local.amountFen), yuan(blue.amountFen));
  push('pdfUrl', local.pdfUrl.trim(), blue.pdfUrl.trim());
  push('invoiceDate', local.invoiceDate ?? '', blue.invoiceDate ?? '');
  return diffs;
}

export function reconcile(input: ReconInput): ReconResult {
  const { local, suning, lastQuery } = input;
  if (lastQuery === null) {
    return result('not_queried', null, '尚未向苏宁查询该订单的开票结果', 'Suning has not been queried for this order yet');
  }
  if (lastQuery.outcome === 'error') {
    return result('query_failed', null, '最近一次苏宁查询失败，开票结果未知', 'The last Suning query failed, so the invoicing result is unknown');
  }
  if (lastQuery.outcome === 'no_result') {
    return result('not_issued', null, '苏宁查询无结果：该订单尚未开具发票', 'Suning returned no result: no invoice has been issued for this order yet');
  }

  const blues: BlueState[] = [];
  const blueByKey = new Map<string, BlueState>();
  const bluesByNum = new Map<string, BlueState[]>();
  const reds: Entry[] = [];
  const seen = new Set<string>();
  for (const inv of suning) {
    if (inv.invoiceStatus === '0') continue;
    const code = normalizeDigits(inv.invoiceCode);
    const num = normalizeDigits(inv.invoiceNum);
    const identity = `${inv.invoiceType}|${code}|${num}`;
    if (num !== '' && seen.has(identity)) continue;
    seen.add(identity);
    const entry: Entry = { inv, code, num };
    if (inv.invoiceType === 1) {
      const state: BlueState = { entry, reversedFen: 0 };
      blues.push(state);
      blueByKey.set(`${code}|${num}`, state);
      const sameNum = bluesByNum.get(num);
      if (sameNum) sameNum.push(state);
      else bluesByNum.set(num, [state]);
    } else {
      reds.push(entry);
    }
  }

  if (blues.length === 0 && reds.length === 0) {
    if (suning.length === 0) {
      return result('not_issued', null, '苏宁未返回该订单的任何发票：尚未开具', 'Suning returned no invoice for this order: none issued yet');
    }
    return result('not_issued', null, '苏宁返回的记录均为“无发票”：该订单尚未开具发票', 'Suning lists the order only as "no invoice": nothing has been issued yet');
  }

  const orphans: Entry[] = [];
  for (const red of reds) {
    const oldCode = normalizeDigits(red.inv.oldInvoiceCode);
    const oldNum = normalizeDigits(red.inv.oldInvoiceNum);
    let target = oldNum === '' ? undefined : blueByKey.get(`${oldCode}|${oldNum}`);
    // Some reds carry only the old number; accept that when exactly one blue has it.
    if (target === undefined && oldCode === '' && oldNum !== '') {
      const candidates = bluesByNum.get(oldNum);
      if (candidates?.length === 1) target = candidates[0];
    }
    if (target === undefined) orphans.push(red);
    else target.reversedFen += Math.abs(red.inv.amountFen);
  }

  const valid: BlueState[] = [];
  const partial: BlueState[] = [];
  for (const b of blues) {
    const blueFen = Math.abs(b.entry.inv.amountFen);
    if (b.reversedFen >= blueFen) continue;
    valid.push(b);
    if (b.reversedFen > 0) partial.push(b);
  }
  const validTotalFen = valid.reduce((sum, b) => sum + Math.abs(b.entry.inv.amountFen) - b.reversedFen, 0);
  const validBlues = valid.map((b) => b.entry.inv);
  const done = (...args: Parameters<typeof result>): ReconResult => ({ ...result(...args), validTotalFen, validBlues });
  const single = valid.length === 1 ? valid[0] : undefined;
  const validBlue = single ? single.entry.inv : null;
  const diffs = validBlue ? diffAgainst(local, validBlue) : [];

  const firstOrphan = orphans[0];
  if (firstOrphan) {
    const red = describeInvoice(firstOrphan.code, firstOrphan.num);
    const old = describeInvoice(normalizeDigits(firstOrphan.inv.oldInvoiceCode), normalizeDigits(firstOrphan.inv.oldInvoiceNum));
    const more = orphans.length > 1 ? { zh: `等${orphans.length}张红票`, en: ` and ${orphans.length - 1} more red invoice(s)` } : { zh: '', en: '' };
    const oldZh = firstOrphan.inv.oldInvoiceNum.trim() === '' ? '未注明原蓝票' : `冲红的原蓝票（${old.zh}）`;
    const oldEn = firstOrphan.inv.oldInvoiceNum.trim() === '' ? 'names no original blue invoice' : `reverses a blue invoice (${old.en})`;
    return done(
      'red_without_blue', validBlue,
      `红票（${red.zh}，${yuan(-Math.abs(firstOrphan.inv.amountFen))} 元）${more.zh}${oldZh}不在苏宁返回结果中，另有 ${valid.length} 张有效蓝票，请人工核对`,
      `Red invoice (${red.en}, ${yuan(-Math.abs(firstOrphan.inv.amountFen))} yuan)${more.en} ${oldEn} that Suning did not return; ${valid.length} valid blue invoice(s) remain, please check by hand`,
      diffs,
    );
  }

  const firstPartial = partial[0];
  if (firstPartial) {
    const b = firstPartial.entry;
    const blueFen = Math.abs(b.inv.amountFen);
    const d = describeInvoice(b.code, b.num);
    return done(
      'partially_reversed', validBlue,
      `蓝票（${d.zh}，${yuan(blueFen)} 元）被部分冲红 ${yuan(firstPartial.reversedFen)} 元，剩余 ${yuan(blueFen - firstPartial.reversedFen)} 元，本地 ${yuan(local.amountFen)} 元`,
      `Blue invoice (${d.en}, ${yuan(blueFen)} yuan) is partially reversed by ${yuan(firstPartial.reversedFen)} yuan, leaving ${yuan(blueFen - firstPartial.reversedFen)} yuan; local ${yuan(local.amountFen)} yuan`,
      diffs,
    );
  }

  if (valid.length > 1) {
    const total = valid.reduce((sum, b) => sum + b.entry.inv.amountFen, 0);
    const nums = valid.map((b) => b.entry.num).join('、');
    return done(
      'split', null,
      `苏宁为该订单开具了 ${valid.length} 张有效蓝票（${nums}），合计 ${yuan(total)} 元，本地 ${yuan(local.amountFen)} 元`,
      `Suning issued ${valid.length} valid blue invoices for this order (${valid.map((b) => b.entry.num).join(', ')}), totalling ${yuan(total)} yuan; local ${yuan(local.amountFen)} yuan`,
    );
  }

  if (!single) {
    const nums = blues.map((b) => b.entry.num);
    return done(
      'reversed', null,
      `苏宁的 ${blues.length} 张蓝票（${nums.join('、')}）均已全额冲红，没有可回传的有效发票`,
      `All ${blues.length} blue invoice(s) from Suning (${nums.join(', ')}) are fully reversed; there is no valid invoice to submit`,
    );
  }

  const v = single.entry;
  const d = describeInvoice(v.code, v.num);
  const localCode = normalizeDigits(local.invoiceCode);
  const localNum = normalizeDigits(local.invoiceNum);
  const numConflict = localNum !== '' && localNum !== v.num;
  // An empty local code is "missing" (fillable) unless V is a 数电票, whose code is empty too.
  const codeConflict = localCode !== '' && localCode !== v.code;
  if (numConflict || codeConflict) {
    const l = describeInvoice(localCode, localNum === '' ? '（空）' : localNum);
    const lEn = describeInvoice(localCode, localNum === '' ? '(empty)' : localNum);
    return done(
      'number_mismatch', validBlue,
      `本地（${l.zh}）与苏宁有效蓝票（${d.zh}）不一致`,
      `Local (${lEn.en}) differs from Suning's valid blue invoice (${d.en})`,
      diffs,
    );
  }
  if (local.amountFen !== v.inv.amountFen) {
    const missing = localNum === '' || (localCode === '' && v.code !== '');
    return done(
      'amount_mismatch', validBlue,
      `苏宁发票金额 ${yuan(v.inv.amountFen)} 元，本地 ${yuan(local.amountFen)} 元（${d.zh}）${missing ? '，请核对后再填入' : ''}`,
      `Suning's invoice amount is ${yuan(v.inv.amountFen)} yuan, local ${yuan(local.amountFen)} yuan (${d.en})${missing ? '; check before filling' : ''}`,
      diffs,
    );
  }
  if (localNum === '' || (localCode === '' && v.code !== '')) {
    return done(
      'fillable', validBlue,
      `本地缺少发票号码/代码，可填入苏宁有效蓝票（${d.zh}，${yuan(v.inv.amountFen)} 元）`,
      `The local record lacks the invoice number/code; Suning's valid blue invoice (${d.en}, ${yuan(v.inv.amountFen)} yuan) can fill it`,
      diffs,
    );
  }
  return done(
    'matched', validBlue,
    `本地与苏宁有效蓝票一致（${d.zh}，${yuan(v.inv.amountFen)} 元）`,
    `Local matches Suning's valid blue invoice (${d.en}, ${yuan(v.inv.amountFen)} yuan)`,
    diffs,
  );
}

export interface LatestSubmission {
  readonly state: OutboxState;
  readonly payload: SubmissionPayload;
}

export function samePayload(a: SubmissionPayload, b: SubmissionPayload): boolean {
  return a.invoice_no === b.invoice_no
    && a.status === b.status
    && a.invoice_no_out === b.invoice_no_out
    && a.invoice_code === b.invoice_code
    && a.error_info === b.error_info
    && a.file_path === b.file_path;
}

/** Submission state of a row from its latest submission and what would be sent now. */
export function submitStateOf(latest: LatestSubmission | null, current: SubmissionPayload): SubmitState {
  if (latest === null) return 'not_submitted';
  switch (latest.state) {
    case 'queued':
    case 'sending':
    case 'rejected':
    case 'unknown':
      return latest.state;
    case 'superseded':
      // Never the latest (the superseding row is newer); if it were, nobody knows what the ERP holds.
      return 'unknown';
    case 'accepted':
      return samePayload(latest.payload, current) ? 'accepted' : 'outdated';
    default: {
      const never: never = latest.state;
      throw new Error(`submitStateOf: unknown outbox state ${String(never)}`);
    }
  }
}

/** What would be sent to Wangdiantong for this invoice now. */
export function payloadOf(local: Pick<LocalInvoice, 'invoiceNo' | 'targetStatus' | 'invoiceNum' | 'invoiceCode' | 'errorInfo' | 'pdfUrl'>): SubmissionPayload {
  return {
    invoice_no: local.invoiceNo,
    status: local.targetStatus,
    invoice_no_out: local.invoiceNum,
    invoice_code: local.invoiceCode,
    error_info: local.errorInfo,
    file_path: local.pdfUrl,
  };
}

export interface SuningFill {
  readonly invoiceNum: string;
  readonly invoiceCode: string;
  readonly pdfUrl: string;
  readonly targetStatus: 80;
  readonly errorInfo: '';
}

/**
 * "Use Suning's values": the fields to write into the local record from the valid blue. A blank Suning PDF
 * link keeps the local one rather than erasing a link the clerk may have entered.
 */
export function fillFromSuning(local: Pick<LocalInvoice, 'pdfUrl'>, validBlue: SuningInvoice): SuningFill {
  const pdf = validBlue.pdfUrl.trim();
  return {
    invoiceNum: normalizeDigits(validBlue.invoiceNum),
    invoiceCode: normalizeDigits(validBlue.invoiceCode),
    pdfUrl: pdf === '' ? local.pdfUrl : pdf,
    targetStatus: 80,
    errorInfo: '',
  };
}
