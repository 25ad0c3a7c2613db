// Runs anywhere (pure). The verdict on an invoice's archived FILE: does what the file itself says (its QR code
// first, its text layer second) agree with Suning's record of that invoice and with the local ERP record?
// See docs/PROTOCOL.md "E-invoice files" for what each format carries and how each field is compared.
import type { Bilingual } from '../../shared/errors';
import { FILE_OUTCOMES, type EinvoiceFacts, type FileCheck, type FileMismatch, type InvoiceFile } from '../../shared/domain/einvoice-file';
import type { LocalInvoice, SuningInvoice } from '../../shared/domain/invoice';
import { formatFen } from '../../shared/domain/money';

export interface FileCheckInput {
  readonly local: Pick<LocalInvoice, 'invoiceCode' | 'invoiceNum' | 'buyerTitle' | 'amountFen' | 'taxAmountFen'>;
  /** Every invoice Suning reported for the local invoice's order. */
  readonly suning: readonly SuningInvoice[];
  /** The files archived (or attempted) for those Suning invoices. */
  readonly files: readonly InvoiceFile[];
}

type Field = FileMismatch['field'];

const FIELD_LABEL: Record<Field, Bilingual> = {
  invoiceNum: { zh: '发票号码', en: 'invoice number' },
  invoiceCode: { zh: '发票代码', en: 'invoice code' },
  invoiceDate: { zh: '开票日期', en: 'invoice date' },
  amount: { zh: '金额', en: 'amount' },
  type: { zh: '票种', en: 'invoice type' },
  buyerName: { zh: '购买方名称', en: 'buyer name' },
  sellerTaxId: { zh: '销售方纳税人识别号', en: "seller's tax number" },
};

const blue = (s: SuningInvoice): boolean => s.invoiceType === 1;
const sameId = (a: { code: string; num: string }, b: { code: string; num: string }): boolean => a.code === b.code && a.num === b.num;

/** Blues not reversed by a red that names them. */
function validBlues(suning: readonly SuningInvoice[]): SuningInvoice[] {
  const reds = suning.filter((s) => !blue(s));
  return suning.filter((b) => blue(b) && !reds.some((r) => sameId({ code: r.oldInvoiceCode, num: r.oldInvoiceNum }, { code: b.invoiceCode, num: b.invoiceNum })));
}

/**
 * The Suning invoice(s) the local invoice is about: the one whose number the local record holds; else the
 * single valid blue; else every valid blue (a split: each file checked against its own Suning record); else,
 * when every blue was reversed (or only a red is known), the red — its file is what documents the reversal.
 */
export function filesInQuestion(local: FileCheckInput['local'], suning: readonly SuningInvoice[]): SuningInvoice[] {
  const num = local.invoiceNum.trim();
  if (num !== '') {
    const byNum = suning.filter((s) => blue(s) && s.invoiceNum === num && (local.invoiceCode.trim() === '' || s.invoiceCode === local.invoiceCode.trim()));
    const first = byNum[0];
    if (first) {
      const red = suning.find((r) => !blue(r) && sameId({ code: r.oldInvoiceCode, num: r.oldInvoiceNum }, { code: first.invoiceCode, num: first.invoiceNum }));
      return [red ?? first];
    }
  }
  const valid = validBlues(suning);
  if (valid.length > 0) return valid;
  const reds = suning.filter((s) => !blue(s));
  return reds.length > 0 ? [reds[reds.length - 1] as SuningInvoice] : [];
}

function isDigitalRecord(s: SuningInvoice): boolean {
  return s.invoiceCode === '' && /^\d{20}$/.test(s.invoiceNum);
}

function typeName(digital: boolean, red: boolean): Bilingual {
  const kind = digital ? { zh: '数电票', en: 'fully digital invoice' } : { zh: '增值税电子发票（代码+号码）', en: 'VAT e-invoice (code + number)' };
  return red ? { zh: `红字${kind.zh}`, en: `red ${kind.en}` } : { zh: `蓝字${kind.zh}`, en: `blue ${kind.en}` };
}

/** Buyer titles as clerks and invoices write them: full-width brackets and spaces vary. */
function sameName(a: string, b: string): boolean {
  const n = (s: string): string => s.replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/[“”]/g, '"').replace(/\s+/g, '').toUpperCase();
  return n(a) === n(b);
}

interface One {
  readonly verdict: FileCheck['verdict'];
  readonly fileId: number | null;
  readonly mismatches: FileMismatch[];
  readonly reason: Bilingual;
}

function noFacts(facts: EinvoiceFacts): boolean {
  const t = facts.text;
  return facts.qr === null && t.invoiceNum === null && t.invoiceCode === null && t.invoiceDate === null && t.totalFen === null && t.amountFen === null && t.buyerName === null && t.sellerTaxId === null;
}

function label(s: SuningInvoice): string {
  return s.invoiceCode === '' ? s.invoiceNum : `${s.invoiceCode}/${s.invoiceNum}`;
}

function checkOne(input: FileCheckInput, s: SuningInvoice, compareLocalAmount: boolean): One {
  const file = input.files.find((f) => f.suningInvoiceNum === s.invoiceNum && f.suningInvoiceCode === s.invoiceCode);
  const which = label(s);
  if (!file) return { verdict: 'not_downloaded', fileId: null, mismatches: [], reason: { zh: `发票 ${which} 的原件尚未下载`, en: `The file of invoice ${which} has not been downloaded yet` } };
  if (file.outcome !== 'stored') {
    const o = FILE_OUTCOMES[file.outcome];
    const detail = file.outcomeDetail === '' ? '' : `（${file.outcomeDetail}）`;
    const detailEn = file.outcomeDetail === '' ? '' : ` (${file.outcomeDetail})`;
    return { verdict: 'unavailable', fileId: file.id, mismatches: [], reason: { zh: `发票 ${which} 的原件不可用：${o.zh}${detail}`, en: `The file of invoice ${which} is unavailable: ${o.en}${detailEn}` } };
  }
  if (file.facts === null) {
    if (file.parseProblem) return { verdict: 'unavailable', fileId: file.id, mismatches: [], reason: { zh: `发票 ${which} 的原件无法读取：${file.parseProblem.zh}`, en: `The file of invoice ${which} cannot be read: ${file.parseProblem.en}` } };
    return { verdict: 'not_downloaded', fileId: file.id, mismatches: [], reason: { zh: `发票 ${which} 的原件已下载，尚未读取`, en: `The file of invoice ${which} is downloaded but not read yet` } };
  }
  const facts = file.facts;
  if (noFacts(facts)) {
    const why = facts.qrProblem ? `；${facts.qrProblem.zh}` : '';
    const whyEn = facts.qrProblem ? `; ${facts.qrProblem.en}` : '';
    return { verdict: 'unavailable', fileId: file.id, mismatches: [], reason: { zh: `发票 ${which} 的原件中既没有发票二维码也没有发票文字${why}`, en: `The file of invoice ${which} has neither an invoice QR code nor invoice text${whyEn}` } };
  }

  const mismatches: FileMismatch[] = [];
  const compared: Bilingual[] = [];
  const notes: Bilingual[] = [];
  const push = (field: Field, against: 'suning' | 'local', fileValue: string, other: string, zhWhat = FIELD_LABEL[field].zh, enWhat = FIELD_LABEL[field].en): void => {
    const side = against === 'suning' ? { zh: '苏宁记录', en: "Suning's record" } : { zh: 'ERP 记录', en: 'the ERP record' };
    mismatches.push({
      field,
      against,
      file: fileValue,
      other,
      message: { zh: `原件${zhWhat} ${fileValue}，${side.zh} ${other}`, en: `The file's ${enWhat} is ${fileValue}; ${side.en} says ${other}` },
    });
  };
  const cmp = (field: Field, against: 'suning' | 'local', fileValue: string | null, other: string | null, same = (a: string, b: string) => a === b): void => {
    if (fileValue === null || other === null || other === '') return;
    compared.push(FIELD_LABEL[field]);
    if (!same(fileValue, other)) push(field, against, fileValue === '' ? '（空）' : fileValue, other);
  };

  const { qr, text } = facts;
  cmp('invoiceNum', 'suning', qr?.invoiceNum ?? text.invoiceNum, s.invoiceNum);
  // A 数电票 has no code: an empty code on both sides agrees; the text layer shows none either.
  const fileCode = qr ? qr.invoiceCode : text.invoiceCode;
  if (fileCode !== null || s.invoiceCode !== '') {
    compared.push(FIELD_LABEL.invoiceCode);
    if ((fileCode ?? '') !== s.invoiceCode && !(fileCode === null && isDigitalRecord(s))) push('invoiceCode', 'suning', fileCode ?? '（无）', s.invoiceCode === '' ? '（无）' : s.invoiceCode);
  }
  cmp('invoiceDate', 'suning', qr?.invoiceDate ?? text.invoiceDate, s.invoiceDate);

  const fileDigital = qr ? qr.digital : text.invoiceNum !== null ? text.invoiceNum.length === 20 : null;
  const fileRed = text.red || (qr !== null && qr.amountFen < 0);
  if (fileDigital !== null) {
    compared.push(FIELD_LABEL.type);
    const want = typeName(isDigitalRecord(s), !blue(s));
    const got = typeName(fileDigital, fileRed);
    if (want.zh !== got.zh) {
      mismatches.push({ field: 'type', against: 'suning', file: got.zh, other: want.zh, message: { zh: `原件为${got.zh}，苏宁记录为${want.zh}`, en: `The file is a ${got.en}; Suning's record says ${want.en}` } });
    }
  }

  // Amounts are compared by size; the sign (blue/red) is the type's business above.
  const abs = Math.abs;
  const fileTotal = qr?.amountMeaning === 'tax_included' ? qr.amountFen : text.totalFen;
  const fileNoTax = qr?.amountMeaning === 'tax_excluded' ? qr.amountFen : text.amountFen;
  if (qr?.amountMeaning === 'tax_excluded') {
    // 12+8 invoices: the QR states 合计金额 before tax.
    if (s.noTaxAmountFen !== null) {
      compared.push({ zh: '金额（不含税）', en: 'amount before tax' });
      if (abs(qr.amountFen) !== abs(s.noTaxAmountFen)) push('amount', 'suning', formatFen(abs(qr.amountFen)), formatFen(abs(s.noTaxAmountFen)), '合计金额（不含税）', 'amount before tax');
    } else {
      notes.push({ zh: '二维码金额为不含税金额，苏宁记录没有不含税金额，未能比较', en: "the QR amount is before tax and Suning's record has no amount before tax, so it could not be compared" });
    }
    if (text.totalFen !== null) {
      compared.push({ zh: '价税合计', en: 'total with tax' });
      if (abs(text.totalFen) !== abs(s.amountFen)) push('amount', 'suning', formatFen(abs(text.totalFen)), formatFen(abs(s.amountFen)), '价税合计', 'total with tax');
    }
  } else if (fileTotal !== null) {
    compared.push({ zh: '价税合计', en: 'total with tax' });
    if (abs(fileTotal) !== abs(s.amountFen)) push('amount', 'suning', formatFen(abs(fileTotal)), formatFen(abs(s.amountFen)), '价税合计', 'total with tax');
  }

  if (compareLocalAmount) {
    if (fileTotal !== null) {
      if (abs(fileTotal) !== abs(input.local.amountFen)) push('amount', 'local', formatFen(abs(fileTotal)), formatFen(abs(input.local.amountFen)), '价税合计', 'total with tax');
    } else if (fileNoTax !== null && input.local.taxAmountFen !== null) {
      const localNoTax = input.local.amountFen - input.local.taxAmountFen;
      if (abs(fileNoTax) !== abs(localNoTax)) push('amount', 'local', formatFen(abs(fileNoTax)), formatFen(abs(localNoTax)), '合计金额（不含税）', 'amount before tax');
    } else {
      notes.push({ zh: '原件没有价税合计，未能与 ERP 金额比较', en: "the file shows no total with tax, so it could not be compared with the ERP's amount" });
    }
  }
  cmp('buyerName', 'local', text.buyerName, input.local.buyerTitle.trim(), sameName);
  cmp('sellerTaxId', 'suning', text.sellerTaxId, s.saleTaxNo.trim(), (a, b) => a.toUpperCase() === b.toUpperCase());

  const uniq = (list: Bilingual[], lang: 'zh' | 'en'): string => [...new Set(list.map((b) => b[lang]))].join(lang === 'zh' ? '、' : ', ');
  const noteZh = notes.length > 0 ? `；${notes.map((n) => n.zh).join('；')}` : '';
  const noteEn = notes.length > 0 ? `; ${notes.map((n) => n.en).join('; ')}` : '';
  if (mismatches.length > 0) {
    return {
      verdict: 'mismatch',
      fileId: file.id,
      mismatches,
      reason: { zh: `发票 ${which} 的原件与记录不符：${mismatches.map((m) => m.message.zh).join('；')}${noteZh}`, en: `The file of invoice ${which} differs: ${mismatches.map((m) => m.message.en).join('; ')}${noteEn}` },
    };
  }
  return {
    verdict: 'match',
    fileId: file.id,
    mismatches: [],
    reason: { zh: `发票 ${which} 的原件一致（已核对：${uniq(compared, 'zh')}）${noteZh}`, en: `The file of invoice ${which} matches (compared: ${uniq(compared, 'en')})${noteEn}` },
  };
}

/** Which verdict speaks for several files (a split): a difference first, then a missing file. */
const RANK: Record<FileCheck['verdict'], number> = { mismatch: 3, unavailable: 2, not_downloaded: 1, match: 0 };

export function checkInvoiceFile(input: FileCheckInput): FileCheck {
  const targets = filesInQuestion(input.local, input.suning);
  if (targets.length === 0) {
    return { verdict: 'not_downloaded', fileId: null, mismatches: [], reason: { zh: '苏宁没有报告这张发票，没有原件可下载', en: 'Suning reports no invoice for this record, so there is no file to download' } };
  }
  // A split's files each carry part of the amount: only a single file is held to the ERP's whole amount.
  const results = targets.map((s) => checkOne(input, s, targets.length === 1));
  const worst = results.reduce((a, b) => (RANK[b.verdict] > RANK[a.verdict] ? b : a));
  if (results.length === 1) return worst;
  return {
    verdict: worst.verdict,
    fileId: worst.fileId,
    mismatches: results.flatMap((r) => r.mismatches),
    reason: { zh: results.map((r) => r.reason.zh).join('；'), en: results.map((r) => r.reason.en).join('; ') },
  };
}
