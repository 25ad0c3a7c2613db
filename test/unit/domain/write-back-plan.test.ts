// The write-back plan: one row per row of issue 13's table (and the precedence between them).
import { describe, expect, it } from 'vitest';
import type { OutboxState, ReconStatus, SubmissionPayload, WdtStatus } from '../../../shared/domain/invoice';
import type { SubmitRefusal, WriteBackPlan } from '../../../shared/domain/plan';
import type { FileVerdict } from '../../../shared/domain/einvoice-file';
import {
  DEFAULT_MAX_ANSWER_AGE_HOURS, decideSubmit, planFromState, planWriteBack, type PlanInput,
} from '../../../electron/domain/write-back-plan';
import { payloadOf, reconcile } from '../../../electron/domain/reconcile';

const NOW = Date.parse('2026-12-01T08:00:00.000Z');
const hoursAgo = (h: number): string => new Date(NOW - h * 3_600_000).toISOString();
const FRESH = hoursAgo(1);

const LOCAL: PlanInput['local'] = {
  invoiceNo: 'FP0001', targetStatus: 80, invoiceNum: '88093702', invoiceCode: '032001700211', errorInfo: '', pdfUrl: 'https://pdf.example/1.pdf',
};
const sent = (state: OutboxState, over: Partial<SubmissionPayload> = {}) => ({ state, payload: { ...payloadOf(LOCAL), ...over } });

interface Row {
  readonly name: string;
  readonly status: ReconStatus;
  readonly last?: ReturnType<typeof sent> | null;
  readonly answeredAt?: string | null;
  readonly maxAge?: number;
  readonly fileVerdict?: FileVerdict;
  readonly plan: WriteBackPlan;
  readonly refusal: SubmitRefusal | null;
  /** A fragment the zh reason must contain (so each row says its own why). */
  readonly zh: string;
  readonly en: string;
}

const ROWS: readonly Row[] = [
  // matched → submit 80 as on record
  { name: 'matched, never submitted', status: 'matched', plan: 'submit', refusal: null, zh: '按记录回传 80', en: 'with the values on record' },
  { name: 'matched, accepted but changed since (outdated)', status: 'matched', last: sent('accepted', { invoice_no_out: '11111111' }), plan: 'submit', refusal: null, zh: '按记录回传', en: 'submit 80' },
  { name: 'matched, last send unknown (re-send is safe)', status: 'matched', last: sent('unknown'), plan: 'submit', refusal: null, zh: '按记录回传', en: 'submit 80' },
  { name: 'matched, last send rejected', status: 'matched', last: sent('rejected'), plan: 'submit', refusal: null, zh: '按记录回传', en: 'submit 80' },
  // fillable → fill from the one valid blue, then 80
  { name: 'fillable', status: 'fillable', plan: 'fill_then_submit', refusal: 'fill_first', zh: '先从苏宁唯一有效蓝票填入', en: 'then submit 80' },
  // query first
  { name: 'not queried', status: 'not_queried', answeredAt: null, plan: 'query_first', refusal: 'query_first', zh: '尚未向苏宁查询', en: 'not been queried' },
  { name: 'query failed', status: 'query_failed', plan: 'query_first', refusal: 'query_first', zh: '查询失败', en: 'query failed' },
  { name: 'matched but the answer is 25 h old', status: 'matched', answeredAt: hoursAgo(25), plan: 'query_first', refusal: 'query_first', zh: '超过 24 小时', en: 'older than 24 h' },
  { name: 'fillable but the answer is older than a 2 h setting', status: 'fillable', answeredAt: hoursAgo(3), maxAge: 2, plan: 'query_first', refusal: 'query_first', zh: '超过 2 小时', en: 'older than 2 h' },
  { name: 'not issued but the answer is stale: it may be issued by now', status: 'not_issued', answeredAt: hoursAgo(48), plan: 'query_first', refusal: 'query_first', zh: '重新查询', en: 'query again' },
  { name: 'matched, answer exactly at the limit is still fresh', status: 'matched', answeredAt: hoursAgo(24), plan: 'submit', refusal: null, zh: '按记录回传', en: 'submit 80' },
  { name: 'matched, unreadable answer time counts as stale', status: 'matched', answeredAt: 'not a time', plan: 'query_first', refusal: 'query_first', zh: '重新查询', en: 'query again' },
  // needs the clerk
  { name: 'amount mismatch', status: 'amount_mismatch', plan: 'needs_clerk', refusal: 'needs_clerk', zh: '金额', en: 'amount differs' },
  { name: 'number/code mismatch', status: 'number_mismatch', plan: 'needs_clerk', refusal: 'needs_clerk', zh: '号码/代码', en: 'number/code differs' },
  { name: 'split', status: 'split', plan: 'needs_clerk', refusal: 'needs_clerk', zh: '多张有效蓝票', en: 'several valid blue' },
  { name: 'partially reversed', status: 'partially_reversed', plan: 'needs_clerk', refusal: 'needs_clerk', zh: '部分冲红', en: 'partially reversed' },
  { name: 'red without blue', status: 'red_without_blue', plan: 'needs_clerk', refusal: 'needs_clerk', zh: '找不到对应蓝票', en: 'no matching blue' },
  // never 80
  { name: 'not issued', status: 'not_issued', plan: 'never_80', refusal: 'never_80', zh: '尚未开票', en: '65/75 with a reason' },
  { name: 'reversed', status: 'reversed', plan: 'never_80', refusal: 'never_80', zh: '全额冲红', en: '65/75 with a reason' },
  // nothing
  { name: 'accepted and unchanged since', status: 'matched', last: sent('accepted'), plan: 'nothing', refusal: 'accepted', zh: '无需再回传', en: 'nothing to send' },
  { name: 'accepted and unchanged, even with a stale answer', status: 'matched', last: sent('accepted'), answeredAt: hoursAgo(100), plan: 'nothing', refusal: 'accepted', zh: '无需再回传', en: 'nothing to send' },
  { name: 'accepted as 75 for a reversed invoice, unchanged', status: 'reversed', last: sent('accepted'), plan: 'nothing', refusal: 'accepted', zh: '无需再回传', en: 'nothing to send' },
  { name: 'already queued in the outbox', status: 'matched', last: sent('queued'), plan: 'nothing', refusal: 'in_outbox', zh: '发件箱', en: 'outbox' },
  { name: 'being sent right now', status: 'amount_mismatch', last: sent('sending'), plan: 'nothing', refusal: 'in_outbox', zh: '发件箱', en: 'outbox' },
  // the archived file (issue 15): only a file that differs blocks, and only what would be automatic
  { name: 'matched, the archived file differs', status: 'matched', fileVerdict: 'mismatch', plan: 'needs_clerk', refusal: 'needs_clerk', zh: '发票原件与苏宁或本地记录不符', en: 'invoice file differs' },
  { name: 'fillable, the archived file differs', status: 'fillable', fileVerdict: 'mismatch', plan: 'needs_clerk', refusal: 'needs_clerk', zh: '发票原件', en: 'the clerk must check it' },
  { name: 'matched, the file matches', status: 'matched', fileVerdict: 'match', plan: 'submit', refusal: null, zh: '按记录回传 80', en: 'with the values on record' },
  { name: 'matched, the file is unavailable (expired link): does not block', status: 'matched', fileVerdict: 'unavailable', plan: 'submit', refusal: null, zh: '按记录回传 80', en: 'with the values on record' },
  { name: 'matched, the file is not downloaded: does not block', status: 'matched', fileVerdict: 'not_downloaded', plan: 'submit', refusal: null, zh: '按记录回传 80', en: 'with the values on record' },
  { name: 'fillable, the file is unavailable: does not block', status: 'fillable', fileVerdict: 'unavailable', plan: 'fill_then_submit', refusal: 'fill_first', zh: '先从苏宁唯一有效蓝票填入', en: 'then submit 80' },
  { name: 'a differing file of a stale answer: query first', status: 'matched', fileVerdict: 'mismatch', answeredAt: hoursAgo(30), plan: 'query_first', refusal: 'query_first', zh: '重新查询', en: 'query again' },
  { name: 'a differing file of an accepted invoice: nothing to send', status: 'matched', fileVerdict: 'mismatch', last: sent('accepted'), plan: 'nothing', refusal: 'accepted', zh: '无需再回传', en: 'nothing to send' },
  { name: 'not issued with a differing file stays never 80', status: 'not_issued', fileVerdict: 'mismatch', plan: 'never_80', refusal: 'never_80', zh: '尚未开票', en: '65/75 with a reason' },
];

describe('planWriteBack', () => {
  it.each(ROWS)('$name → $plan', (row) => {
    const p = planWriteBack({
      recon: { status: row.status },
      local: LOCAL,
      lastSubmission: row.last ?? null,
      answeredAt: row.answeredAt === undefined ? FRESH : row.answeredAt,
      now: NOW,
      maxAnswerAgeHours: row.maxAge ?? DEFAULT_MAX_ANSWER_AGE_HOURS,
      fileVerdict: row.fileVerdict,
    });
    expect(p.plan).toBe(row.plan);
    expect(p.refusal).toBe(row.refusal);
    expect(p.reason.zh).toContain(row.zh);
    expect(p.reason.en).toContain(row.en);
    // One sentence each way, no stray newline.
    expect(p.reason.zh).not.toMatch(/\n/);
    expect(p.reason.en).not.toMatch(/\n/);
  });

  it('has a plan for every reconciliation status (no status falls through)', async () => {
    const { RECON_STATUSES } = await import('../../../shared/domain/invoice');
    for (const status of RECON_STATUSES) {
      expect(() => planFromState({ reconStatus: status, submitState: 'not_submitted', answeredAt: FRESH }, { now: NOW, maxAnswerAgeHours: 24 })).not.toThrow();
    }
  });

  it('follows the reconciliation it is given: a local number that is not Suning\'s is never "submit"', () => {
    const recon = reconcile({
      local: { amountFen: 10000, invoiceCode: '032001700211', invoiceNum: '99999999', pdfUrl: '', invoiceDate: null },
      suning: [{
        orderNo: 'O1', orderItemId: '1', saleOrg: 'S', saleTaxNo: '', invoiceFlag: '04', invoiceType: 1, invoiceCode: '032001700211',
        invoiceNum: '88093702', amountFen: 10000, noTaxAmountFen: null, invoiceDate: null, securityCode: '', oldInvoiceCode: '',
        oldInvoiceNum: '', logisticsOrderId: '', logisticsComp: '', invoiceStatus: '2', pdfUrl: '',
      }],
      lastQuery: { outcome: 'found' },
    });
    expect(recon.status).toBe('number_mismatch');
    const p = planWriteBack({ recon, local: { ...LOCAL, invoiceNum: '99999999' }, lastSubmission: null, answeredAt: FRESH, now: NOW, maxAnswerAgeHours: 24 });
    expect(p.plan).toBe('needs_clerk');
  });
});

describe('decideSubmit', () => {
  const planOf = (status: ReconStatus, submitState: 'not_submitted' | 'accepted' = 'not_submitted') =>
    planFromState({ reconStatus: status, submitState, answeredAt: FRESH }, { now: NOW, maxAnswerAgeHours: 24 });

  const CASES: ReadonlyArray<[string, ReconStatus, WdtStatus, boolean, 'send' | 'override' | 'refuse' | 'skip']> = [
    ['matched as 80', 'matched', 80, false, 'send'],
    ['matched as 75 (the clerk chose a failure)', 'matched', 75, false, 'send'],
    ['fillable as 80 before filling', 'fillable', 80, false, 'refuse'],
    ['amount mismatch as 80', 'amount_mismatch', 80, false, 'refuse'],
    ['amount mismatch as 80 with an override', 'amount_mismatch', 80, true, 'override'],
    ['reversed as 80', 'reversed', 80, false, 'refuse'],
    ['reversed as 75', 'reversed', 75, false, 'send'],
    ['not issued as 65', 'not_issued', 65, false, 'send'],
    ['not queried as 80', 'not_queried', 80, false, 'refuse'],
  ];
  it.each(CASES)('%s', (_name, status, wdt, override, expected) => {
    const d = decideSubmit(planOf(status), wdt, override);
    if (expected === 'send' || expected === 'override') {
      expect(d).toEqual({ send: true, overridden: expected === 'override' });
    } else {
      expect(d.send).toBe(false);
      if (!d.send) {
        expect(d.skip).toBe(expected === 'skip');
        expect(d.reason.zh).toContain('拒绝回传 80');
        expect(d.reason.en).toContain('Refused to send 80');
      }
    }
  });

  it('skips an accepted, unchanged invoice whatever the status or override', () => {
    for (const wdt of [80, 75] as const) {
      const d = decideSubmit(planOf('matched', 'accepted'), wdt, true);
      expect(d).toMatchObject({ send: false, skip: true, refusal: 'accepted' });
    }
  });
});

describe("a split order's audited choice (row 6b)", () => {
  const clock = { now: NOW, maxAnswerAgeHours: DEFAULT_MAX_ANSWER_AGE_HOURS };
  it('allows 80 while the record holds the choice, and only then', () => {
    const chosen = planFromState({ reconStatus: 'split', submitState: 'not_submitted', answeredAt: FRESH, splitChosen: true }, clock);
    expect(chosen).toMatchObject({ plan: 'submit', refusal: null });
    expect(chosen.reason.zh).toContain('人工选择');
    expect(chosen.reason.en).toContain('the clerk chose');
    expect(decideSubmit(chosen, 80, false)).toEqual({ send: true, overridden: false });
    const none = planFromState({ reconStatus: 'split', submitState: 'not_submitted', answeredAt: FRESH, splitChosen: false }, clock);
    expect(none).toMatchObject({ plan: 'needs_clerk', refusal: 'needs_clerk' });
    expect(decideSubmit(none, 80, false)).toMatchObject({ send: false });
  });
  it('does not lift a stale answer or an accepted submission, and means nothing for another status', () => {
    expect(planFromState({ reconStatus: 'split', submitState: 'not_submitted', answeredAt: hoursAgo(48), splitChosen: true }, clock).plan).toBe('query_first');
    expect(planFromState({ reconStatus: 'split', submitState: 'accepted', answeredAt: FRESH, splitChosen: true }, clock).plan).toBe('nothing');
    expect(planFromState({ reconStatus: 'reversed', submitState: 'not_submitted', answeredAt: FRESH, splitChosen: true }, clock).plan).toBe('never_80');
  });
});
