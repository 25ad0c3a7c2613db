// Runs in the parse worker (pure). The invoice fields read from a PDF's text layer. Real invoices print labels
// and values in separate runs, sometimes glued, sometimes with the buyer and seller blocks side by side, so
// every field is looked for by its label and a value shape, and left null when the text does not show it.
import { parseYuanToFen } from '../../../../shared/domain/money';
import type { EinvoiceFacts } from '../../../../shared/domain/einvoice-file';

type TextFacts = EinvoiceFacts['text'];

/** Full-width colon, spaces between the letters of a label (购 买 方) and NBSPs are common. */
function normalise(text: string): string {
  return text
    .replace(/[\u00a0\u3000]/g, ' ')
    .replace(/：/g, ':')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[￥]/g, '¥');
}

function after(text: string, label: RegExp, value: RegExp): string | null {
  const re = new RegExp(`(?:${label.source})\\s*:?\\s*(${value.source})`, 'u');
  const m = re.exec(text);
  return m?.[1]?.trim() ?? null;
}

function fen(raw: string | null): number | null {
  if (raw === null) return null;
  const r = parseYuanToFen(raw.replace(/\s+/g, ''));
  return r.ok ? r.fen : null;
}

function isoDate(raw: string | null): string | null {
  if (raw === null) return null;
  const m = /^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})/.exec(raw);
  if (!m) return null;
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

const MONEY = /-?¥?\s*-?\d[\d,]*(?:\.\d{1,2})?/;
const NAME = /[^:\n]+?(?=\s{2,}|\s*(?:销售方|购买方|纳税人识别号|统一社会信用代码|\n|$))/;
const TAX_ID = /[0-9A-Z]{15,20}/;

function all(text: string, label: RegExp, value: RegExp): string[] {
  const re = new RegExp(`(?:${label.source})\\s*:\\s*(${value.source})`, 'gu');
  return [...text.matchAll(re)].map((m) => (m[1] ?? '').trim());
}

/**
 * `lines` are the page's text runs joined per visual line (see the worker), in reading order. Two layouts are
 * read: labels that name their party (购买方名称, 销售方纳税人识别号) and the 数电 blocks (购买方信息 / 销售方信息,
 * each with 名称 and 统一社会信用代码/纳税人识别号), where the buyer's block comes first in reading order.
 */
export function textFactsOf(lines: readonly string[]): TextFacts {
  const text = normalise(lines.join('\n'));
  // 数电: 价税合计(大写) 壹佰壹拾叁圆整 (小写)¥113.00 — the figures follow (小写).
  const total = fen(after(text, /\(小写\)/, MONEY) ?? after(text, /价税合计/, MONEY));
  const amount = fen(after(text, /(?<!税)合\s*计(?:金额)?/, MONEY));
  const red = /红字|销项负数|负数发票/.test(text) || (total !== null && total < 0) || (amount !== null && amount < 0);
  return {
    invoiceNum: after(text, /发票号码/, /\d{8}(?:\d{12})?/),
    invoiceCode: after(text, /发票代码/, /\d{10}(?:\d{2})?/),
    invoiceDate: isoDate(after(text, /开票日期/, /\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?/)),
    buyerName: after(text, /购买方名称/, NAME) ?? all(text, /(?<![项目货物服务劳务])名\s*称/, NAME)[0] ?? null,
    sellerTaxId: after(text, /销售方(?:统一社会信用代码\/)?纳税人识别号/, TAX_ID) ?? all(text, /纳税人识别号|统一社会信用代码/, TAX_ID)[1] ?? null,
    totalFen: total,
    amountFen: amount,
    red,
  };
}
