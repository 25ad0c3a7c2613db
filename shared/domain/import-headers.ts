// Runs everywhere. Column header aliases for importing ERP invoice files (Chinese and English), and how a
// header is normalised before matching so spaces, BOMs, case and full-width forms do not matter.
import type { ImportField } from '../api/schemas';

/** Aliases per field, in preference order; the first Chinese one is what our own exports write. */
export const IMPORT_HEADER_ALIASES: Readonly<Record<ImportField, readonly string[]>> = {
  invoiceNo: ['发票编号', '发票单号', 'ERP发票编号', 'invoice_no', 'invoiceNo'],
  orderNo: ['订单号', '原始单号', '平台订单号', 'order_no', 'orderNo', 'billNo'],
  billType: ['单号类型', 'bill_type', 'billType'],
  shop: ['店铺', '店铺名称', 'shop'],
  saleOrg: ['商户编码', 'sale_org', 'saleOrg'],
  buyerTitle: ['购方抬头', '发票抬头', '抬头', 'buyer', 'buyer_title', 'buyerTitle'],
  amount: ['金额', '开票金额', '价税合计', 'amount'],
  taxAmount: ['税额', 'tax', 'tax_amount', 'taxAmount'],
  invoiceDate: ['开票日期', '日期', 'invoice_date', 'invoiceDate'],
  invoiceCode: ['发票代码', 'invoice_code', 'invoiceCode'],
  invoiceNum: ['发票号码', 'invoice_no_out', 'invoice_num', 'invoiceNum'],
  pdfUrl: ['下载地址', 'PDF链接', 'file_path', 'pdf_url', 'pdfUrl'],
  targetStatus: ['状态', 'status'],
  errorInfo: ['错误信息', '失败原因', 'error_info', 'errorInfo'],
};

export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['invoiceNo', 'orderNo', 'amount'];

/** The exact header row of the ERP export (and of the emulator's export). */
export const ERP_EXPORT_HEADERS: readonly string[] = [
  '发票编号', '订单号', '单号类型', '店铺', '商户编码', '购方抬头', '金额', '税额', '开票日期', '发票代码', '发票号码', '下载地址', '状态', '错误信息',
];

/** Names of the fields for messages. */
export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, { zh: string; en: string }>> = {
  invoiceNo: { zh: '发票编号', en: 'ERP invoice number' },
  orderNo: { zh: '订单号', en: 'order number' },
  billType: { zh: '单号类型', en: 'bill type' },
  shop: { zh: '店铺', en: 'shop' },
  saleOrg: { zh: '商户编码', en: 'merchant code' },
  buyerTitle: { zh: '购方抬头', en: 'buyer title' },
  amount: { zh: '金额', en: 'amount' },
  taxAmount: { zh: '税额', en: 'tax amount' },
  invoiceDate: { zh: '开票日期', en: 'invoice date' },
  invoiceCode: { zh: '发票代码', en: 'invoice code' },
  invoiceNum: { zh: '发票号码', en: 'invoice number (发票号码)' },
  pdfUrl: { zh: '下载地址', en: 'PDF link' },
  targetStatus: { zh: '状态', en: 'status' },
  errorInfo: { zh: '错误信息', en: 'error info' },
};

/**
 * Normalises a header for matching: NFKC folds full-width letters, digits and brackets to half-width;
 * BOM, zero-width characters, whitespace, '_' and '-' are dropped (invoice_no = Invoice No = invoiceNo);
 * case is ignored.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[\uFEFF\u200B-\u200D\u2060]/g, '')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
}

const ALIAS_INDEX: ReadonlyMap<string, ImportField> = (() => {
  const m = new Map<string, ImportField>();
  for (const [field, aliases] of Object.entries(IMPORT_HEADER_ALIASES) as [ImportField, readonly string[]][]) {
    for (const a of aliases) m.set(normalizeHeader(a), field);
  }
  return m;
})();

/** The field a header names, if it is a known alias. */
export function fieldForHeader(header: string): ImportField | null {
  return ALIAS_INDEX.get(normalizeHeader(header)) ?? null;
}
