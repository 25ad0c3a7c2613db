import { describe, expect, it } from 'vitest';
import type { ReconStatus, SubmissionPayload, SuningInvoice } from '../../../shared/domain/invoice';
import { fillFromSuning, payloadOf, reconcile, submitStateOf, type ReconInput } from '../../../electron/domain/reconcile';

const CODE = '032001700211';
const DIGITAL = '24322000000012345678';

function inv(over: Partial<SuningInvoice>): SuningInvoice {
  return {
    orderNo: '100200300', orderItemId: '1', saleOrg: '70066253', saleTaxNo: '', invoiceFlag: '04',
    invoiceType: 1, invoiceCode: CODE, invoiceNum: '88093702', amountFen: 10000, noTaxAmountFen: 8850,
    invoiceDate: '2026-11-01', securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '',
    logisticsComp: '', invoiceStatus: '2', pdfUrl: 'https://pdf.example/1.pdf', ...over,
  };
}
const blue = (num: string, amountFen = 10000, code = CODE, over: Partial<SuningInvoice> = {}): SuningInvoice =>
  inv({ invoiceNum: num, invoiceCode: code, amountFen, ...over });
const red = (num: string, oldNum: string, amountFen = -10000, code = CODE, oldCode = CODE): SuningInvoice =>
  inv({ invoiceType: -1, invoiceNum: num, invoiceCode: code, oldInvoiceNum: oldNum, oldInvoiceCode: oldCode, amountFen, pdfUrl: '' });

type Local = ReconInput['local'];
const local = (over: Partial<Local> = {}): Local => ({ amountFen: 10000, invoiceCode: '', invoiceNum: '', pdfUrl: '', invoiceDate: null, ...over });
const found = { outcome: 'found' } as const;

interface Case {
  readonly name: string;
  readonly input: ReconInput;
  readonly status: ReconStatus;
  readonly validNum: string | null;
  /** Fragments both explanations must contain (the concrete values). */
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

const cases: readonly Case[] = [
  { name: 'never queried', input: { local: local(), suning: [], lastQuery: null }, status: 'not_queried', validNum: null, zh: ['尚未'], en: ['not been queried'] },
  { name: 'query failed (stale invoices ignored)', input: { local: local(), suning: [blue('88093702')], lastQuery: { outcome: 'error' } }, status: 'query_failed', validNum: null, zh: ['失败'], en: ['failed'] },
  { name: 'no_result', input: { local: local(), suning: [], lastQuery: { outcome: 'no_result' } }, status: 'not_issued', validNum: null, zh: ['无结果'], en: ['no result'] },
  { name: 'found but empty list', input: { local: local(), suning: [], lastQuery: found }, status: 'not_issued', validNum: null, zh: ['未返回'], en: ['no invoice'] },
  { name: 'only invoiceStatus 0 entries', input: { local: local(), suning: [inv({ invoiceStatus: '0', invoiceNum: '', invoiceCode: '' })], lastQuery: found }, status: 'not_issued', validNum: null, zh: ['无发票'], en: ['no invoice'] },
  { name: 'one blue, local empty → fillable', input: { local: local(), suning: [blue('88093702')], lastQuery: found }, status: 'fillable', validNum: '88093702', zh: ['88093702', CODE, '100.00'], en: ['88093702', '100.00'] },
  { name: 'one blue, local equal → matched', input: { local: local({ invoiceNum: '88093702', invoiceCode: CODE }), suning: [blue('88093702')], lastQuery: found }, status: 'matched', validNum: '88093702', zh: ['一致', '88093702', '100.00'], en: ['matches', '100.00'] },
  { name: 'full-width digits in local compare equal', input: { local: local({ invoiceNum: ' ８８０９３７０２', invoiceCode: '０３２００１７００２１１ ' }), suning: [blue('88093702')], lastQuery: found }, status: 'matched', validNum: '88093702', zh: ['88093702'], en: ['88093702'] },
  { name: '数电票 with empty code on both sides → matched', input: { local: local({ invoiceNum: DIGITAL }), suning: [blue(DIGITAL, 10000, '')], lastQuery: found }, status: 'matched', validNum: DIGITAL, zh: [DIGITAL, '100.00'], en: [DIGITAL] },
  { name: '数电票, local empty → fillable', input: { local: local(), suning: [blue(DIGITAL, 10000, '')], lastQuery: found }, status: 'fillable', validNum: DIGITAL, zh: [DIGITAL], en: [DIGITAL] },
  { name: '数电票 but local has a code → number_mismatch', input: { local: local({ invoiceNum: DIGITAL, invoiceCode: CODE }), suning: [blue(DIGITAL, 10000, '')], lastQuery: found }, status: 'number_mismatch', validNum: DIGITAL, zh: [CODE, DIGITAL], en: [CODE, DIGITAL] },
  { name: 'local number present, code missing → fillable (code)', input: { local: local({ invoiceNum: '88093702' }), suning: [blue('88093702')], lastQuery: found }, status: 'fillable', validNum: '88093702', zh: [CODE], en: [CODE] },
  { name: 'other number → number_mismatch', input: { local: local({ invoiceNum: '11111111', invoiceCode: CODE }), suning: [blue('88093702')], lastQuery: found }, status: 'number_mismatch', validNum: '88093702', zh: ['11111111', '88093702'], en: ['11111111', '88093702'] },
  { name: 'other code → number_mismatch', input: { local: local({ invoiceNum: '88093702', invoiceCode: '044031900111' }), suning: [blue('88093702')], lastQuery: found }, status: 'number_mismatch', validNum: '88093702', zh: ['044031900111', CODE], en: ['044031900111', CODE] },
  { name: 'number wins over amount', input: { local: local({ invoiceNum: '11111111', invoiceCode: CODE, amountFen: 9000 }), suning: [blue('88093702')], lastQuery: found }, status: 'number_mismatch', validNum: '88093702', zh: ['11111111'], en: ['11111111'] },
  { name: 'same number, amount differs → amount_mismatch', input: { local: local({ invoiceNum: '88093702', invoiceCode: CODE, amountFen: 9000 }), suning: [blue('88093702')], lastQuery: found }, status: 'amount_mismatch', validNum: '88093702', zh: ['苏宁发票金额 100.00 元，本地 90.00 元'], en: ['100.00 yuan, local 90.00 yuan'] },
  { name: 'fillable but amount differs → amount_mismatch', input: { local: local({ amountFen: 9000 }), suning: [blue('88093702')], lastQuery: found }, status: 'amount_mismatch', validNum: '88093702', zh: ['100.00', '90.00', '核对后'], en: ['100.00', '90.00', 'check before filling'] },
  { name: 'blue + full red → reversed', input: { local: local({ invoiceNum: '88093702', invoiceCode: CODE }), suning: [blue('88093702'), red('88093703', '88093702')], lastQuery: found }, status: 'reversed', validNum: null, zh: ['88093702', '冲红'], en: ['88093702', 'fully reversed'] },
  { name: 'red listed first, signed positive on input → treated by type, reversed', input: { local: local(), suning: [red('88093703', '88093702', 10000), blue('88093702')], lastQuery: found }, status: 'reversed', validNum: null, zh: ['88093702'], en: ['88093702'] },
  { name: 'blue + red + new blue, local empty → new blue fillable', input: { local: local(), suning: [blue('88093702'), red('88093703', '88093702'), blue('88093704', 10000)], lastQuery: found }, status: 'fillable', validNum: '88093704', zh: ['88093704'], en: ['88093704'] },
  { name: 'blue + red + new blue, local has the new one → matched', input: { local: local({ invoiceNum: '88093704', invoiceCode: CODE }), suning: [red('88093703', '88093702', 10000), blue('88093704'), blue('88093702')], lastQuery: found }, status: 'matched', validNum: '88093704', zh: ['88093704'], en: ['88093704'] },
  { name: 'blue + red + new blue, local still has the reversed one → number_mismatch', input: { local: local({ invoiceNum: '88093702', invoiceCode: CODE }), suning: [blue('88093702'), red('88093703', '88093702'), blue('88093704')], lastQuery: found }, status: 'number_mismatch', validNum: '88093704', zh: ['88093702', '88093704'], en: ['88093702', '88093704'] },
  { name: 'two valid blues → split', input: { local: local(), suning: [blue('88093702', 6000), blue('88093705', 4000)], lastQuery: found }, status: 'split', validNum: null, zh: ['2 张', '88093702', '88093705', '100.00'], en: ['2 valid', '88093702', '88093705', '100.00'] },
  { name: 'same blue listed twice (two order items) counts once', input: { local: local(), suning: [blue('88093702'), blue('88093702', 10000, CODE, { orderItemId: '2' })], lastQuery: found }, status: 'fillable', validNum: '88093702', zh: ['88093702'], en: ['88093702'] },
  { name: 'red whose blue is missing, nothing else → red_without_blue', input: { local: local(), suning: [red('88093703', '88093699')], lastQuery: found }, status: 'red_without_blue', validNum: null, zh: ['88093703', '88093699', '-100.00', '0 张'], en: ['88093703', '88093699', '-100.00'] },
  { name: 'red whose blue is missing beside one valid blue → red_without_blue, validBlue kept', input: { local: local(), suning: [red('88093703', '88093699'), blue('88093704')], lastQuery: found }, status: 'red_without_blue', validNum: '88093704', zh: ['88093699', '1 张'], en: ['88093699', '1 valid'] },
  { name: 'red naming no original at all', input: { local: local(), suning: [red('88093703', '', -500, CODE, '')], lastQuery: found }, status: 'red_without_blue', validNum: null, zh: ['未注明原蓝票', '-5.00'], en: ['names no original', '-5.00'] },
  { name: 'red with old number only matches the unique blue with that number', input: { local: local(), suning: [blue('88093702'), red('88093703', '88093702', -10000, CODE, '')], lastQuery: found }, status: 'reversed', validNum: null, zh: ['88093702'], en: ['88093702'] },
  { name: 'red naming same number under another code does not reverse it', input: { local: local(), suning: [blue('88093702'), red('88093703', '88093702', -10000, CODE, '044031900111')], lastQuery: found }, status: 'red_without_blue', validNum: '88093702', zh: ['044031900111'], en: ['044031900111'] },
  { name: 'partial red → partially_reversed', input: { local: local({ invoiceNum: '88093702', invoiceCode: CODE }), suning: [blue('88093702'), red('88093703', '88093702', -3000)], lastQuery: found }, status: 'partially_reversed', validNum: '88093702', zh: ['100.00', '30.00', '70.00'], en: ['100.00', '30.00', '70.00'] },
  { name: 'two partial reds summing to the whole → reversed', input: { local: local(), suning: [blue('88093702'), red('88093703', '88093702', -3000), red('88093706', '88093702', 7000)], lastQuery: found }, status: 'reversed', validNum: null, zh: ['88093702'], en: ['88093702'] },
  { name: '数电票 red reverses 数电票 blue by number, empty codes', input: { local: local(), suning: [blue(DIGITAL, 10000, ''), red('24322000000012345679', DIGITAL, -10000, '', '')], lastQuery: found }, status: 'reversed', validNum: null, zh: [DIGITAL], en: [DIGITAL] },
];

describe('reconcile', () => {
  it.each(cases)('$name → $status', (c) => {
    const r = reconcile(c.input);
    expect(r.status).toBe(c.status);
    expect(r.validBlue?.invoiceNum ?? null).toBe(c.validNum);
    for (const f of c.zh) expect(r.explanation.zh).toContain(f);
    for (const f of c.en) expect(r.explanation.en).toContain(f);
    expect(r.explanation.zh).not.toMatch(/[。；]./);
  });

  it('covers every ReconStatus in the table', async () => {
    const { RECON_STATUSES } = await import('../../../shared/domain/invoice');
    const covered = new Set(cases.map((c) => c.status));
    for (const s of RECON_STATUSES) expect(covered, s).toContain(s);
  });

  it('lists differing and fillable fields against the valid blue', () => {
    const r = reconcile({
      local: local({ invoiceNum: '88093702', invoiceCode: '', amountFen: 9000, pdfUrl: '', invoiceDate: '2026-10-31' }),
      suning: [blue('88093702')],
      lastQuery: found,
    });
    expect(r.diffs).toEqual([
      { field: 'invoiceCode', local: '', suning: CODE },
      { field: 'amountFen', local: '90.00', suning: '100.00' },
      { field: 'pdfUrl', local: '', suning: 'https://pdf.example/1.pdf' },
      { field: 'invoiceDate', local: '2026-10-31', suning: '2026-11-01' },
    ]);
  });

  it('has no diffs for a matched row with the same link and date', () => {
    const r = reconcile({
      local: local({ invoiceNum: '88093702', invoiceCode: CODE, pdfUrl: 'https://pdf.example/1.pdf', invoiceDate: '2026-11-01' }),
      suning: [blue('88093702')],
      lastQuery: found,
    });
    expect(r.status).toBe('matched');
    expect(r.diffs).toEqual([]);
  });

  it('totals what is still valid for split and reversed orders (the table shows it instead of "—")', () => {
    expect(reconcile({ local: local(), suning: [blue('1', 6000), blue('2', 4000)], lastQuery: found }).validTotalFen).toBe(10000);
    expect(reconcile({ local: local(), suning: [blue('88093702'), red('88093703', '88093702')], lastQuery: found }).validTotalFen).toBe(0);
    // A partial red reduces the blue it names; a fully reversed blue adds nothing.
    expect(reconcile({ local: local(), suning: [blue('1', 6000), blue('2', 4000), red('3', '2', -1000)], lastQuery: found }).validTotalFen).toBe(9000);
    expect(reconcile({ local: local(), suning: [blue('1', 6000), blue('2', 4000), red('3', '2', -4000)], lastQuery: found }).validTotalFen).toBe(6000);
    expect(reconcile({ local: local(), suning: [], lastQuery: { outcome: 'no_result' } }).validTotalFen).toBeNull();
    expect(reconcile({ local: local(), suning: [], lastQuery: null }).validTotalFen).toBeNull();
  });

  it('has no diffs without a single valid blue', () => {
    expect(reconcile({ local: local(), suning: [blue('1'), blue('2')], lastQuery: found }).diffs).toEqual([]);
  });
});

describe('fillFromSuning', () => {
  it('takes number, code and link from the valid blue and marks success', () => {
    expect(fillFromSuning({ pdfUrl: 'old' }, blue('88093702'))).toEqual({
      invoiceNum: '88093702', invoiceCode: CODE, pdfUrl: 'https://pdf.example/1.pdf', targetStatus: 80, errorInfo: '',
    });
  });
  it('keeps the local link when Suning has none, and an empty code for 数电票', () => {
    expect(fillFromSuning({ pdfUrl: 'local.pdf' }, blue(DIGITAL, 10000, '', { pdfUrl: '' }))).toEqual({
      invoiceNum: DIGITAL, invoiceCode: '', pdfUrl: 'local.pdf', targetStatus: 80, errorInfo: '',
    });
  });
  it('after filling, the row reconciles as matched', () => {
    const b = blue('88093704');
    const fill = fillFromSuning({ pdfUrl: '' }, b);
    const r = reconcile({ local: local({ ...fill }), suning: [blue('88093702'), red('88093703', '88093702'), b], lastQuery: found });
    expect(r.status).toBe('matched');
  });
});

describe('submitStateOf', () => {
  const base: SubmissionPayload = payloadOf({ invoiceNo: 'FP001', targetStatus: 80, invoiceNum: '88093702', invoiceCode: CODE, errorInfo: '', pdfUrl: 'u' });
  it('null → not_submitted', () => {
    expect(submitStateOf(null, base)).toBe('not_submitted');
  });
  it.each(['queued', 'sending', 'rejected', 'unknown'] as const)('%s stays %s', (state) => {
    expect(submitStateOf({ state, payload: base }, { ...base, invoice_no_out: 'changed' })).toBe(state);
  });
  it('accepted with the same payload → accepted', () => {
    expect(submitStateOf({ state: 'accepted', payload: base }, { ...base })).toBe('accepted');
  });
  it.each([
    ['invoice_no_out', { invoice_no_out: '88093704' }],
    ['invoice_code', { invoice_code: '' }],
    ['status', { status: 75 as const }],
    ['error_info', { error_info: 'x' }],
    ['file_path', { file_path: 'v' }],
    ['invoice_no', { invoice_no: 'FP002' }],
  ])('accepted but %s changed → outdated', (_f, patch) => {
    expect(submitStateOf({ state: 'accepted', payload: base }, { ...base, ...patch })).toBe('outdated');
  });
});
