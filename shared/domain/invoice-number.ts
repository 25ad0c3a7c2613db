// Runs everywhere. Recognises the shapes of Chinese invoice identifiers (发票代码 + 发票号码) and says what is wrong.

/**
 * - electronic_normal: 12-digit code whose digits 11–12 are `11` (增值税电子普通发票) + 8-digit number.
 * - paper_normal: 12-digit code whose digits 11–12 are 04/05 (二联/五联) or 06/07 (卷式) 普通发票 + 8-digit number.
 * - other_12: any other 12-digit code (通行费电子普票 `12`, 二手车 `17`, 机动车 …) + 8-digit number.
 * - vat_special: 10-digit code (增值税专用发票) + 8-digit number.
 * - digital: 数电票 — 20-digit number and no code.
 */
export type InvoiceKind = 'electronic_normal' | 'paper_normal' | 'vat_special' | 'digital' | 'other_12';

export interface InvoiceNumberProblem {
  readonly field: 'invoiceCode' | 'invoiceNum';
  readonly zh: string;
  readonly en: string;
}

export type InvoiceClassification =
  | { readonly ok: true; readonly kind: InvoiceKind }
  | { readonly ok: false; readonly problems: readonly InvoiceNumberProblem[] };

export const INVOICE_KIND_LABELS: Readonly<Record<InvoiceKind, { readonly zh: string; readonly en: string }>> = {
  electronic_normal: { zh: '电子普通发票', en: 'electronic normal invoice' },
  paper_normal: { zh: '纸质普通发票', en: 'paper normal invoice' },
  other_12: { zh: '其他普通发票', en: 'other normal invoice' },
  vat_special: { zh: '增值税专用发票', en: 'VAT special invoice' },
  digital: { zh: '数电票', en: 'fully digital invoice' },
};

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const HAS_FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/;
const ALL_DIGITS = /^\d*$/;
/** Anything other than an ASCII digit, to point at the first offending character. */
const NON_DIGIT = /[^0-9]/;
const PAPER_TYPE_DIGITS: ReadonlySet<string> = new Set(['04', '05', '06', '07']);

/**
 * Trims and turns full-width digits (０–９, typed with a Chinese IME) into ASCII.
 * Cheap when there is nothing to convert: reconciliation calls it for every row.
 */
export function normalizeDigits(s: string): string {
  const t = s.trim();
  if (!HAS_FULL_WIDTH_DIGIT.test(t)) return t;
  return t.replace(FULL_WIDTH_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

function nonDigitProblem(field: InvoiceNumberProblem['field'], value: string): InvoiceNumberProblem {
  const m = NON_DIGIT.exec(value);
  const bad = m ? m[0] : '';
  const where = m ? m.index + 1 : 0;
  const nameZh = field === 'invoiceCode' ? '发票代码' : '发票号码';
  const nameEn = field === 'invoiceCode' ? 'invoice code' : 'invoice number';
  return {
    field,
    zh: `${nameZh}只能包含数字，第${where}个字符为“${bad}”`,
    en: `The ${nameEn} may contain only digits; character ${where} is "${bad}"`,
  };
}

/**
 * Classifies a code/number pair after normalizeDigits. Returns every problem found (both fields), each
 * saying what was expected and what was there, so the clerk can fix the record without guessing.
 */
export function classifyInvoice(code: string, num: string): InvoiceClassification {
  const c = normalizeDigits(code);
  const n = normalizeDigits(num);
  const problems: InvoiceNumberProblem[] = [];

  const codeDigits = ALL_DIGITS.test(c);
  const numDigits = ALL_DIGITS.test(n);
  if (!codeDigits) problems.push(nonDigitProblem('invoiceCode', c));
  if (!numDigits) problems.push(nonDigitProblem('invoiceNum', n));

  if (numDigits) {
    if (n.length === 0) {
      problems.push({ field: 'invoiceNum', zh: '发票号码为空', en: 'The invoice number is empty' });
    } else if (n.length === 20) {
      if (c.length > 0) {
        problems.push({
          field: 'invoiceCode',
          zh: `20位数电票号码不应有发票代码，实际发票代码为“${c}”`,
          en: `A 20-digit fully digital invoice number takes no invoice code, but the code is "${c}"`,
        });
      }
    } else if (n.length !== 8) {
      problems.push({
        field: 'invoiceNum',
        zh: `发票号码应为8位数字（有发票代码时）或20位数电票号码，实际为${n.length}位`,
        en: `The invoice number must be 8 digits (with an invoice code) or a 20-digit fully digital number, but it has ${n.length}`,
      });
    }
  }

  // The code's length is checked only when the number says a code is needed (8 digits) or when the number
  // cannot tell (it is itself malformed); a 20-digit number already reported a stray code above.
  if (codeDigits && !(numDigits && n.length === 20)) {
    if (c.length === 0) {
      if (numDigits && n.length === 8) {
        problems.push({
          field: 'invoiceCode',
          zh: '8位发票号码需要10位（专票）或12位（普票）发票代码，实际发票代码为空',
          en: 'An 8-digit invoice number needs a 10-digit (special) or 12-digit (normal) invoice code, but the code is empty',
        });
      }
    } else if (c.length !== 10 && c.length !== 12) {
      problems.push({
        field: 'invoiceCode',
        zh: `发票代码应为10位（专票）或12位（普票）数字，实际为${c.length}位`,
        en: `The invoice code must be 10 digits (special) or 12 digits (normal), but it has ${c.length}`,
      });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  if (n.length === 20) return { ok: true, kind: 'digital' };
  if (c.length === 10) return { ok: true, kind: 'vat_special' };
  const typeDigits = c.slice(10, 12);
  if (typeDigits === '11') return { ok: true, kind: 'electronic_normal' };
  if (PAPER_TYPE_DIGITS.has(typeDigits)) return { ok: true, kind: 'paper_normal' };
  return { ok: true, kind: 'other_12' };
}

/** Joins the problems into one bilingual sentence for a table cell or an error message. */
export function describeInvoiceProblems(problems: readonly InvoiceNumberProblem[]): { zh: string; en: string } {
  return { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') };
}
