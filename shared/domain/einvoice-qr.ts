// Runs everywhere. The QR code printed on a Chinese e-invoice: a comma-separated payload that states the
// invoice's own facts. It is the most reliable thing read from the file (the PDF text layer is often glued or
// has the buyer and seller blocks swapped), so verification compares it first.
//
// Payload: version, type, 发票代码 (empty for 数电票), 发票号码, amount, date YYYYMMDD, 校验码 (empty for 数电票
// and often for 专票), check field. Example 数电普票: `01,32,,24322000000012345678,48.90,20260602,,7014`.
import type { Bilingual } from '../errors';
import { parseYuanToFen } from './money';

/** QR type codes seen on e-invoices, with what the amount field holds for each. */
export const QR_INVOICE_TYPES = {
  '01': { zh: '增值税专用发票', en: 'VAT special invoice', digital: false },
  '04': { zh: '增值税普通发票', en: 'VAT normal invoice', digital: false },
  '08': { zh: '增值税电子专用发票', en: 'electronic VAT special invoice', digital: false },
  '10': { zh: '增值税电子普通发票', en: 'electronic VAT normal invoice', digital: false },
  '11': { zh: '增值税普通发票（卷式）', en: 'VAT normal invoice (roll)', digital: false },
  '14': { zh: '通行费电子普通发票', en: 'electronic toll invoice', digital: false },
  '31': { zh: '数电专票', en: 'fully digital special invoice', digital: true },
  '32': { zh: '数电普票', en: 'fully digital normal invoice', digital: true },
} as const satisfies Record<string, Bilingual & { digital: boolean }>;

export type QrInvoiceType = keyof typeof QR_INVOICE_TYPES;

/**
 * What the QR amount means. 数电票: 价税合计 (tax included), as the tax bureau's format states. Older
 * invoices: public sources disagree; the app assumes 合计金额 before tax (what the 国税 verification page asks
 * for as 开具金额(不含税)) and the comparison says which one it used.
 */
export type QrAmountMeaning = 'tax_included' | 'tax_excluded';

export interface InvoiceQrFacts {
  readonly version: string;
  readonly type: QrInvoiceType;
  readonly digital: boolean;
  /** '' for 数电票. */
  readonly invoiceCode: string;
  readonly invoiceNum: string;
  readonly amountFen: number;
  readonly amountMeaning: QrAmountMeaning;
  /** ISO `YYYY-MM-DD`. */
  readonly invoiceDate: string;
  /** 20 digits, or '' where the QR leaves it out (数电票, often 专票). */
  readonly checkCode: string;
  readonly checkField: string;
}

export type InvoiceQrParse = { readonly ok: true; readonly facts: InvoiceQrFacts } | { readonly ok: false; readonly reason: Bilingual };

/** A QR payload is short; anything longer is not an invoice code (and is not worth splitting). */
const MAX_PAYLOAD = 512;
const DIGITS = /^\d+$/;

function bad(zh: string, en: string): InvoiceQrParse {
  return { ok: false, reason: { zh: `二维码内容不是发票信息：${zh}`, en: `The QR code is not an invoice's: ${en}` } };
}

function isoDate(raw: string): string | null {
  if (!/^\d{8}$/.test(raw)) return null;
  const y = Number(raw.slice(0, 4));
  const m = Number(raw.slice(4, 6));
  const d = Number(raw.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
}

function isQrType(t: string): t is QrInvoiceType {
  return Object.hasOwn(QR_INVOICE_TYPES, t);
}

/** Parses the decoded text of an e-invoice QR code; every refusal says which field and why (zh/en). */
export function parseInvoiceQr(payload: string): InvoiceQrParse {
  if (payload.length > MAX_PAYLOAD) return bad(`内容过长（${payload.length} 个字符）`, `too long (${payload.length} characters)`);
  const fields = payload.trim().split(',').map((f) => f.trim());
  if (fields.length < 7) return bad(`只有 ${fields.length} 个字段，至少应有 7 个`, `${fields.length} fields, at least 7 expected`);
  const [version = '', type = '', code = '', num = '', amount = '', date = '', check = '', checkField = ''] = fields;
  if (version !== '01') return bad(`版本为“${version}”，应为 01`, `version is "${version}", expected 01`);
  if (!isQrType(type)) return bad(`未知的发票种类代码“${type}”`, `unknown invoice type code "${type}"`);
  const digital = QR_INVOICE_TYPES[type].digital;
  if (digital) {
    if (code !== '') return bad(`数电票不应有发票代码（为“${code}”）`, `a fully digital invoice has no invoice code (found "${code}")`);
    if (!DIGITS.test(num) || num.length !== 20) return bad(`数电票号码应为 20 位数字（为“${num}”）`, `a fully digital invoice number has 20 digits (found "${num}")`);
  } else {
    if (!DIGITS.test(code) || (code.length !== 10 && code.length !== 12)) {
      return bad(`发票代码应为 10 或 12 位数字（为“${code}”）`, `the invoice code has 10 or 12 digits (found "${code}")`);
    }
    if (!DIGITS.test(num) || num.length !== 8) return bad(`发票号码应为 8 位数字（为“${num}”）`, `the invoice number has 8 digits (found "${num}")`);
  }
  const money = parseYuanToFen(amount);
  if (!money.ok) return bad(`金额：${money.reason.zh}`, `amount: ${money.reason.en}`);
  const iso = isoDate(date);
  if (!iso) return bad(`开票日期“${date}”不是 YYYYMMDD 日期`, `the invoice date "${date}" is not a YYYYMMDD date`);
  if (check !== '' && !(DIGITS.test(check) && check.length === 20)) {
    return bad(`校验码应为 20 位数字（为“${check}”）`, `the check code has 20 digits (found "${check}")`);
  }
  return {
    ok: true,
    facts: {
      version,
      type,
      digital,
      invoiceCode: code,
      invoiceNum: num,
      amountFen: money.fen,
      amountMeaning: digital ? 'tax_included' : 'tax_excluded',
      invoiceDate: iso,
      checkCode: check,
      checkField,
    },
  };
}

/** The 校验码's last six digits, which the tax bureau's verification asks for; '' when there is none. */
export function checkCodeLastSix(checkCode: string): string {
  return checkCode.length >= 6 ? checkCode.slice(-6) : '';
}

/**
 * For a 数电票 number: digits 1–2 are the year (two digits) and 3–4 the province or 计划单列市 code.
 * Null when the number is not one.
 */
export function digitalNumberParts(invoiceNum: string): { readonly year2: string; readonly region: string } | null {
  if (!DIGITS.test(invoiceNum) || invoiceNum.length !== 20) return null;
  return { year2: invoiceNum.slice(0, 2), region: invoiceNum.slice(2, 4) };
}
