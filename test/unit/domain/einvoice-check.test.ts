import { describe, expect, it } from 'vitest';
import { checkInvoiceFile, filesInQuestion, type FileCheckInput } from '../../../electron/domain/einvoice-check';
import type { EinvoiceFacts, InvoiceFile } from '../../../shared/domain/einvoice-file';
import type { SuningInvoice } from '../../../shared/domain/invoice';

const TAX_NO = '91320106773973920L';

function suning(over: Partial<SuningInvoice> = {}): SuningInvoice {
  return {
    orderNo: '30000000001',
    orderItemId: '3000000000101',
    saleOrg: '70066253',
    saleTaxNo: TAX_NO,
    invoiceFlag: '04',
    invoiceType: 1,
    invoiceCode: '032001700211',
    invoiceNum: '00004127',
    amountFen: 11300,
    noTaxAmountFen: 10000,
    invoiceDate: '2026-09-03',
    securityCode: '12345678901234567890',
    oldInvoiceCode: '',
    oldInvoiceNum: '',
    logisticsOrderId: '',
    logisticsComp: '',
    invoiceStatus: '2',
    pdfUrl: 'http://127.0.0.1:1/dzfp/03200170021100004127.pdf',
    ...over,
  };
}

const digital = (over: Partial<SuningInvoice> = {}): SuningInvoice =>
  suning({ invoiceCode: '', invoiceNum: '26320000000000012345', amountFen: 4890, noTaxAmountFen: 4327, securityCode: '', ...over });

/** The facts a file states for a Suning invoice (as the generator writes them), with overrides. */
function factsFor(s: SuningInvoice, over: { qr?: Partial<NonNullable<EinvoiceFacts['qr']>> | null; text?: Partial<EinvoiceFacts['text']> } = {}): EinvoiceFacts {
  const isDigital = s.invoiceCode === '';
  const noTax = s.noTaxAmountFen ?? 0;
  const qr =
    over.qr === null
      ? null
      : {
          type: isDigital ? '32' : '10',
          digital: isDigital,
          invoiceCode: s.invoiceCode,
          invoiceNum: s.invoiceNum,
          amountFen: isDigital ? s.amountFen : noTax,
          amountMeaning: isDigital ? ('tax_included' as const) : ('tax_excluded' as const),
          invoiceDate: s.invoiceDate ?? '2026-09-03',
          checkCode: s.securityCode,
          ...over.qr,
        };
  return {
    pages: 1,
    qr,
    qrProblem: qr ? null : { zh: '文件中没有二维码图片', en: 'the file has no QR code image' },
    text: {
      invoiceNum: s.invoiceNum,
      invoiceCode: isDigital ? null : s.invoiceCode,
      invoiceDate: s.invoiceDate,
      buyerName: '南京云帆贸易有限公司',
      sellerTaxId: TAX_NO,
      totalFen: s.amountFen,
      amountFen: noTax,
      red: s.invoiceType === -1,
      ...over.text,
    },
  };
}

let nextId = 1;
function file(s: SuningInvoice, over: Partial<InvoiceFile> = {}): InvoiceFile {
  return {
    id: nextId++,
    orderNo: s.orderNo,
    suningInvoiceNum: s.invoiceNum,
    suningInvoiceCode: s.invoiceCode,
    kind: s.invoiceType === 1 ? 'blue' : 'red',
    sourceUrl: s.pdfUrl,
    outcome: 'stored',
    outcomeDetail: '',
    httpStatus: 200,
    sha256: 'ab'.repeat(32),
    size: 16000,
    fetchedAt: '2026-09-04T00:00:00.000Z',
    attempts: 1,
    facts: factsFor(s),
    parseProblem: null,
    ...over,
  };
}

const local = (over: Partial<FileCheckInput['local']> = {}): FileCheckInput['local'] => ({
  invoiceCode: '',
  invoiceNum: '',
  buyerTitle: '南京云帆贸易有限公司',
  amountFen: 11300,
  taxAmountFen: 1300,
  ...over,
});

const paper = suning();
const dig = digital();
const localDigital = local({ amountFen: 4890, taxAmountFen: 563 });
const paperRed = suning({ invoiceType: -1, invoiceNum: '00004128', amountFen: -11300, noTaxAmountFen: -10000, oldInvoiceCode: paper.invoiceCode, oldInvoiceNum: paper.invoiceNum });
const digitalRed = digital({ invoiceType: -1, invoiceNum: '26320000000000012346', amountFen: -4890, noTaxAmountFen: -4327, oldInvoiceCode: '', oldInvoiceNum: dig.invoiceNum });

describe('checkInvoiceFile: match', () => {
  it.each([
    ['12+8 blue', local(), [paper], [file(paper)]],
    ['数电 blue', localDigital, [dig], [file(dig)]],
    ['12+8 red reversing the blue the ERP holds', local({ invoiceCode: paper.invoiceCode, invoiceNum: paper.invoiceNum }), [paper, paperRed], [file(paper), file(paperRed)]],
    ['数电 red reversing its blue', localDigital, [dig, digitalRed], [file(dig), file(digitalRed)]],
    ['buyer title with full-width brackets and spaces', local({ buyerTitle: 'Acme （Shanghai） Trading' }), [paper], [file(paper, { facts: factsFor(paper, { text: { buyerName: 'Acme (Shanghai)Trading' } }) })]],
    ['text layer only (no QR)', local(), [paper], [file(paper, { facts: factsFor(paper, { qr: null }) })]],
    ['QR only (no text)', localDigital, [dig], [file(dig, { facts: factsFor(dig, { text: { invoiceNum: null, invoiceCode: null, invoiceDate: null, buyerName: null, sellerTaxId: null, totalFen: null, amountFen: null } }) })]],
  ])('%s', (_name, l, s, files) => {
    const r = checkInvoiceFile({ local: l, suning: s, files });
    expect(r.mismatches).toEqual([]);
    expect(r.verdict).toBe('match');
    expect(r.reason.zh).toContain('原件一致');
    expect(r.fileId).not.toBeNull();
  });

  it('says which file it is about: the red when the blue the ERP holds was reversed', () => {
    const files = [file(paper), file(paperRed)];
    const r = checkInvoiceFile({ local: local({ invoiceCode: paper.invoiceCode, invoiceNum: paper.invoiceNum }), suning: [paper, paperRed], files });
    expect(r.fileId).toBe(files[1]?.id);
  });

  it('reports the amount as not compared when a 12+8 QR states the amount before tax and Suning has none', () => {
    const s = suning({ noTaxAmountFen: null });
    const r = checkInvoiceFile({ local: local(), suning: [s], files: [file(s, { facts: factsFor(s, { qr: { amountFen: 10000 } }) })] });
    expect(r.verdict).toBe('match');
    expect(r.reason.en).toContain("the QR amount is before tax and Suning's record has no amount before tax, so it could not be compared");
  });
});

describe('checkInvoiceFile: mismatch — which field, both values, a sentence', () => {
  const cases: Array<[string, FileCheckInput, { field: string; against: string; file: string; other: string; zh: string }]> = [
    ['12+8 number', { local: local(), suning: [paper], files: [file(paper, { facts: factsFor(paper, { qr: { invoiceNum: '00004129' }, text: { invoiceNum: '00004129' } }) })] }, { field: 'invoiceNum', against: 'suning', file: '00004129', other: '00004127', zh: '原件发票号码 00004129，苏宁记录 00004127' }],
    ['数电 number', { local: localDigital, suning: [dig], files: [file(dig, { facts: factsFor(dig, { qr: { invoiceNum: '26320000000000012399' } }) })] }, { field: 'invoiceNum', against: 'suning', file: '26320000000000012399', other: dig.invoiceNum, zh: '原件发票号码 26320000000000012399' }],
    ['code', { local: local(), suning: [paper], files: [file(paper, { facts: factsFor(paper, { qr: { invoiceCode: '032001700311' } }) })] }, { field: 'invoiceCode', against: 'suning', file: '032001700311', other: '032001700211', zh: '原件发票代码 032001700311，苏宁记录 032001700211' }],
    ['date', { local: local(), suning: [paper], files: [file(paper, { facts: factsFor(paper, { qr: { invoiceDate: '2026-09-05' } }) })] }, { field: 'invoiceDate', against: 'suning', file: '2026-09-05', other: '2026-09-03', zh: '原件开票日期 2026-09-05，苏宁记录 2026-09-03' }],
    ['数电 amount (QR = 价税合计) vs Suning', { local: localDigital, suning: [dig], files: [file(dig, { facts: factsFor(dig, { qr: { amountFen: 4990 }, text: { totalFen: 4990 } }) })] }, { field: 'amount', against: 'suning', file: '49.90', other: '48.90', zh: '原件价税合计 49.90，苏宁记录 48.90' }],
    ['12+8 amount (QR = before tax) vs Suning noTax', { local: local(), suning: [paper], files: [file(paper, { facts: factsFor(paper, { qr: { amountFen: 10100 } }) })] }, { field: 'amount', against: 'suning', file: '101.00', other: '100.00', zh: '原件合计金额（不含税） 101.00，苏宁记录 100.00' }],
    ['12+8 red amount vs Suning (signs either way)', { local: local(), suning: [paperRed], files: [file(paperRed, { facts: factsFor(paperRed, { qr: { amountFen: -10001 } }) })] }, { field: 'amount', against: 'suning', file: '100.01', other: '100.00', zh: '原件合计金额（不含税） 100.01' }],
    ['type: 数电 file for a 12+8 record', { local: local(), suning: [paper], files: [file(paper, { facts: factsFor(paper, { qr: { type: '32', digital: true, amountMeaning: 'tax_included', amountFen: 11300 } }) })] }, { field: 'type', against: 'suning', file: '蓝字数电票', other: '蓝字增值税电子发票（代码+号码）', zh: '原件为蓝字数电票，苏宁记录为蓝字增值税电子发票（代码+号码）' }],
    ['type: a blue file for a red record', { local: localDigital, suning: [digitalRed], files: [file(digitalRed, { facts: factsFor(digitalRed, { qr: { amountFen: 4890 }, text: { red: false, totalFen: 4890 } }) })] }, { field: 'type', against: 'suning', file: '蓝字数电票', other: '红字数电票', zh: '原件为蓝字数电票，苏宁记录为红字数电票' }],
    ['buyer title vs ERP', { local: local({ buyerTitle: '北京恒通商贸有限公司' }), suning: [paper], files: [file(paper)] }, { field: 'buyerName', against: 'local', file: '南京云帆贸易有限公司', other: '北京恒通商贸有限公司', zh: '原件购买方名称 南京云帆贸易有限公司，ERP 记录 北京恒通商贸有限公司' }],
    ['amount vs ERP (Suning agrees with the file)', { local: local({ amountFen: 11000 }), suning: [paper], files: [file(paper)] }, { field: 'amount', against: 'local', file: '113.00', other: '110.00', zh: '原件价税合计 113.00，ERP 记录 110.00' }],
    ['seller tax number vs Suning', { local: local(), suning: [paper], files: [file(paper, { facts: factsFor(paper, { text: { sellerTaxId: '91320106773973999X' } }) })] }, { field: 'sellerTaxId', against: 'suning', file: '91320106773973999X', other: TAX_NO, zh: `原件销售方纳税人识别号 91320106773973999X，苏宁记录 ${TAX_NO}` }],
  ];
  it.each(cases)('%s', (_name, input, want) => {
    const r = checkInvoiceFile(input);
    expect(r.verdict).toBe('mismatch');
    const m = r.mismatches.find((x) => x.field === want.field && x.against === want.against);
    expect(m, JSON.stringify(r.mismatches)).toBeDefined();
    expect([m?.file, m?.other]).toEqual([want.file, want.other]);
    expect(m?.message.zh).toContain(want.zh);
    expect(m?.message.en).toMatch(/^The file's |^The file is a /);
    expect(r.reason.zh).toContain('原件与记录不符');
  });

  it('checks each file of a split against its own Suning record, not against the whole ERP amount', () => {
    const a = suning({ invoiceNum: '00004130', amountFen: 5000, noTaxAmountFen: 4425 });
    const b = suning({ orderItemId: '3000000000102', invoiceNum: '00004131', amountFen: 6300, noTaxAmountFen: 5575 });
    const ok = checkInvoiceFile({ local: local(), suning: [a, b], files: [file(a), file(b)] });
    expect(ok.verdict).toBe('match');
    const bad = checkInvoiceFile({ local: local(), suning: [a, b], files: [file(a), file(b, { facts: factsFor(b, { qr: { amountFen: 5576 } }) })] });
    expect(bad.verdict).toBe('mismatch');
    expect(bad.mismatches.map((m) => [m.field, m.against, m.file])).toEqual([['amount', 'suning', '55.76']]);
  });
});

describe('checkInvoiceFile: unavailable — why', () => {
  const cases: Array<[string, Partial<InvoiceFile>, string, string]> = [
    ['link expired', { outcome: 'link_expired', outcomeDetail: 'HTTP 404', facts: null, httpStatus: 404 }, '链接已失效（HTTP 404）', 'link expired (HTTP 404)'],
    ['an HTML page instead of the file', { outcome: 'link_expired', outcomeDetail: 'HTML page: 链接已失效', facts: null }, '链接已失效', 'link expired'],
    ['not a PDF', { outcome: 'not_pdf', outcomeDetail: 'starts with <!DOCTYPE', facts: null }, '不是 PDF 文件', 'not a PDF file'],
    ['truncated', { outcome: 'incomplete', outcomeDetail: '8,912 of 14,853 bytes', facts: null }, '文件不完整', 'file incomplete'],
    ['too large', { outcome: 'too_large', facts: null }, '文件过大', 'file too large'],
    ['unreadable', { facts: null, parseProblem: { zh: '无法读取发票文件：PDF 结构损坏', en: 'The invoice file cannot be read: the PDF is damaged' } }, '无法读取：无法读取发票文件：PDF 结构损坏', 'cannot be read: The invoice file cannot be read: the PDF is damaged'],
  ];
  it.each(cases)('%s', (_name, over, zh, en) => {
    const r = checkInvoiceFile({ local: local(), suning: [paper], files: [file(paper, over)] });
    expect(r.verdict).toBe('unavailable');
    expect(r.reason.zh).toContain(zh);
    expect(r.reason.en).toContain(en);
    expect(r.mismatches).toEqual([]);
  });

  it('no QR and no text', () => {
    const empty: EinvoiceFacts = { pages: 1, qr: null, qrProblem: { zh: '文件中没有二维码图片', en: 'the file has no QR code image' }, text: { invoiceNum: null, invoiceCode: null, invoiceDate: null, buyerName: null, sellerTaxId: null, totalFen: null, amountFen: null, red: false } };
    const r = checkInvoiceFile({ local: local(), suning: [paper], files: [file(paper, { facts: empty })] });
    expect(r.verdict).toBe('unavailable');
    expect(r.reason.zh).toContain('既没有发票二维码也没有发票文字');
    expect(r.reason.en).toContain('neither an invoice QR code nor invoice text; the file has no QR code image');
  });

  it('a split with one file unavailable is unavailable; a difference in the other outranks it', () => {
    const a = suning({ invoiceNum: '00004130', amountFen: 5000, noTaxAmountFen: 4425 });
    const b = suning({ orderItemId: '3000000000102', invoiceNum: '00004131', amountFen: 6300, noTaxAmountFen: 5575 });
    expect(checkInvoiceFile({ local: local(), suning: [a, b], files: [file(a), file(b, { outcome: 'not_pdf', facts: null })] }).verdict).toBe('unavailable');
    expect(checkInvoiceFile({ local: local(), suning: [a, b], files: [file(a, { facts: factsFor(a, { qr: { invoiceDate: '2026-09-09' } }) }), file(b, { outcome: 'not_pdf', facts: null })] }).verdict).toBe('mismatch');
  });
});

describe('checkInvoiceFile: not downloaded', () => {
  it('no file yet for the invoice in question', () => {
    const r = checkInvoiceFile({ local: local(), suning: [paper], files: [] });
    expect(r).toMatchObject({ verdict: 'not_downloaded', fileId: null });
    expect(r.reason.zh).toContain('原件尚未下载');
  });
  it('Suning reports nothing for the order', () => {
    expect(checkInvoiceFile({ local: local(), suning: [], files: [] }).reason.en).toContain('Suning reports no invoice');
  });
  it('stored but not read yet', () => {
    const r = checkInvoiceFile({ local: local(), suning: [paper], files: [file(paper, { facts: null })] });
    expect(r.verdict).toBe('not_downloaded');
    expect(r.reason.en).toContain('downloaded but not read yet');
  });
  it('a file of another invoice does not count', () => {
    const other = suning({ invoiceNum: '00009999' });
    expect(checkInvoiceFile({ local: local(), suning: [paper], files: [file(other)] }).verdict).toBe('not_downloaded');
  });
});

describe('filesInQuestion', () => {
  const reissued = suning({ invoiceNum: '00004200' });
  it.each([
    ['the number the ERP holds', local({ invoiceNum: '00004200', invoiceCode: reissued.invoiceCode }), [paper, paperRed, reissued], ['00004200']],
    ['else the single valid blue (reissued after a red)', local(), [paper, paperRed, reissued], ['00004200']],
    ['else every valid blue (split)', local(), [paper, reissued], ['00004127', '00004200']],
    ['else the red (fully reversed)', local(), [paper, paperRed], ['00004128']],
    ['a red without its blue', local(), [paperRed], ['00004128']],
    ['nothing', local(), [], []],
  ])('%s', (_name, l, s, nums) => {
    expect(filesInQuestion(l, s).map((x) => x.invoiceNum)).toEqual(nums);
  });
});
