// Benchmark (plain Node). The invoices behind the archive bench's files, shared by the file host child (which
// renders them) and the scenario (which stores the matching Suning and ERP records).
import type { EinvoicePdfInput } from '../../electron/sandbox/einvoice-pdf';

/** Distinct invoices behind the files (each file still has its own bytes and hash). */
export const KINDS = 50;
export const BUYER = '苏州某某贸易有限公司';
export const SELLER = '某某旗舰店';
export const SELLER_TAX_ID = '91320000MA1BENCH0X';
export const DATE = '2026-06-02';
export const TAX_FEN = 1_300;

/** A 20-digit 数电票 number per kind. */
export const numOf = (k: number): string => `26322000${String(1_000_000_000_000 + k).slice(1)}`;
export const noTaxFenOf = (k: number): number => 10_000 + k;
export const totalFenOf = (k: number): number => noTaxFenOf(k) + TAX_FEN;

export function pdfInputOf(k: number): EinvoicePdfInput {
  return {
    kind: 'blue', qrType: '32', invoiceCode: '', invoiceNum: numOf(k), invoiceDate: DATE, buyerName: BUYER,
    sellerName: SELLER, sellerTaxId: SELLER_TAX_ID, amountFen: noTaxFenOf(k), taxFen: TAX_FEN, checkCode: '',
  };
}
