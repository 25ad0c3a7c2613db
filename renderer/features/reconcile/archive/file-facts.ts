// Renderer (pure). The rows of the detail panel's 原件 comparison: for one archived file, what the file says
// (QR code first, printed text second — as the core's check reads it), Suning's record of that invoice and the
// local ERP record, and which cells the core's check found different (FileCheck.mismatches).
import type { FileMismatch, InvoiceFile } from '../../../../shared/domain/einvoice-file';
import type { InvoiceRow, SuningInvoice } from '../../../../shared/domain/invoice';
import { formatFen, formatFenGrouped } from '../../../../shared/domain/money';
import type { MessageKey } from '../../../i18n/zh-CN';
import type { Language, Translate } from '../../../i18n/i18n';

export type FactKey = 'invoiceNum' | 'invoiceCode' | 'invoiceDate' | 'total' | 'noTax' | 'type' | 'buyerName' | 'sellerTaxId' | 'checkCode';

export interface FactRow {
  readonly key: FactKey;
  readonly label: MessageKey;
  /** null: this side does not carry the field (shown as —). */
  readonly file: string | null;
  readonly fileSource: 'qr' | 'text' | null;
  readonly suning: string | null;
  readonly erp: string | null;
  readonly diffSuning: boolean;
  readonly diffErp: boolean;
}

const yuan = (fen: number | null | undefined): string | null => (fen === null || fen === undefined ? null : `¥${formatFenGrouped(Math.abs(fen))}`);

function typeText(t: Translate, lang: Language, digital: boolean, red: boolean): string {
  const gap = lang === 'zh-CN' ? '' : ' ';
  return `${t(red ? 'archive.type.red' : 'archive.type.blue')}${gap}${t(digital ? 'archive.type.digital' : 'archive.type.classic')}`;
}

/** Which row an amount mismatch is about: the core names 合计金额（不含税） when it compared the amount before tax. */
function amountRow(m: FileMismatch, noTaxFen: number | null): FactKey {
  return noTaxFen !== null && m.file === formatFen(Math.abs(noTaxFen)) && m.message.zh.includes('不含税') ? 'noTax' : 'total';
}

export function factRows(
  t: Translate,
  lang: Language,
  file: InvoiceFile,
  suning: SuningInvoice | null,
  local: InvoiceRow | null,
  mismatches: readonly FileMismatch[],
): FactRow[] {
  const facts = file.facts;
  const qr = facts?.qr ?? null;
  const text = facts?.text ?? null;
  const totalFen = qr?.amountMeaning === 'tax_included' ? qr.amountFen : (text?.totalFen ?? null);
  const noTaxFen = qr?.amountMeaning === 'tax_excluded' ? qr.amountFen : (text?.amountFen ?? null);
  const differs = (key: FactKey, against: 'suning' | 'local'): boolean => mismatches.some((m) => {
    if (m.against !== against) return false;
    if (m.field === 'amount') return amountRow(m, noTaxFen) === key;
    const map: Partial<Record<FileMismatch['field'], FactKey>> = { invoiceNum: 'invoiceNum', invoiceCode: 'invoiceCode', invoiceDate: 'invoiceDate', type: 'type', buyerName: 'buyerName', sellerTaxId: 'sellerTaxId' };
    return map[m.field] === key;
  });
  const src = (fromQr: boolean, value: unknown): 'qr' | 'text' | null => (value === null || value === undefined ? null : fromQr ? 'qr' : 'text');
  const num = qr?.invoiceNum ?? text?.invoiceNum ?? null;
  const code = qr ? qr.invoiceCode : (text?.invoiceCode ?? null);
  const date = qr?.invoiceDate ?? text?.invoiceDate ?? null;
  const fileDigital = qr ? qr.digital : text?.invoiceNum ? text.invoiceNum.length === 20 : null;
  const fileRed = (text?.red ?? false) || (qr !== null && qr.amountFen < 0);
  const suningDigital = suning ? suning.invoiceCode === '' && /^\d{20}$/.test(suning.invoiceNum) : null;
  const none = t('common.none');
  const rows: FactRow[] = [
    { key: 'invoiceNum', label: 'field.invoiceNum', file: num, fileSource: src(qr !== null, num), suning: suning?.invoiceNum ?? null, erp: local?.invoiceNum || null, diffSuning: false, diffErp: false },
    {
      key: 'invoiceCode', label: 'field.invoiceCode', file: code === null ? null : code || none, fileSource: src(qr !== null, code),
      suning: suning ? suning.invoiceCode || none : null,
      // An ERP record without a number has no code yet either ('—'); with a number, an empty code means none (数电票).
      erp: local?.invoiceNum ? local.invoiceCode || none : null, diffSuning: false, diffErp: false,
    },
    { key: 'invoiceDate', label: 'field.invoiceDate', file: date, fileSource: src(qr?.invoiceDate !== undefined, date), suning: suning?.invoiceDate ?? null, erp: local?.invoiceDate ?? null, diffSuning: false, diffErp: false },
    { key: 'total', label: 'archive.field.amountTotal', file: yuan(totalFen), fileSource: src(qr?.amountMeaning === 'tax_included', totalFen), suning: yuan(suning?.amountFen), erp: yuan(local?.amountFen), diffSuning: false, diffErp: false },
    {
      key: 'noTax', label: 'archive.field.amountNoTax', file: yuan(noTaxFen), fileSource: src(qr?.amountMeaning === 'tax_excluded', noTaxFen), suning: yuan(suning?.noTaxAmountFen),
      erp: local && local.taxAmountFen !== null ? yuan(local.amountFen - local.taxAmountFen) : null, diffSuning: false, diffErp: false,
    },
    {
      key: 'type', label: 'archive.field.type', file: fileDigital === null ? null : typeText(t, lang, fileDigital, fileRed), fileSource: src(qr !== null, fileDigital),
      suning: suning && suningDigital !== null ? typeText(t, lang, suningDigital, suning.invoiceType === -1) : null, erp: null, diffSuning: false, diffErp: false,
    },
    { key: 'buyerName', label: 'archive.field.buyer', file: text?.buyerName ?? null, fileSource: src(false, text?.buyerName), suning: null, erp: local?.buyerTitle || null, diffSuning: false, diffErp: false },
    { key: 'sellerTaxId', label: 'archive.field.sellerTaxId', file: text?.sellerTaxId ?? null, fileSource: src(false, text?.sellerTaxId), suning: suning?.saleTaxNo || null, erp: null, diffSuning: false, diffErp: false },
    { key: 'checkCode', label: 'archive.field.checkCode', file: qr?.checkCode || null, fileSource: src(true, qr?.checkCode || null), suning: suning?.securityCode || null, erp: null, diffSuning: false, diffErp: false },
  ];
  return rows.map((r) => ({ ...r, diffSuning: differs(r.key, 'suning'), diffErp: differs(r.key, 'local') }));
}
