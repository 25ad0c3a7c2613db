// Main process (pure). PLACEHOLDER of helper "einvoice"'s checkInvoiceFile (same signature, COORD.md): the
// archive branch builds against it until the real comparison is merged, which replaces this file whole.
// It compares only what the QR code says (number, amount) with the Suning invoice the file belongs to.
import type { LocalInvoice, SuningInvoice } from '../../shared/domain/invoice';
import type { FileCheck, InvoiceFile } from '../../shared/domain/einvoice-file';

export interface FileCheckInput {
  readonly local: LocalInvoice;
  readonly suning: readonly SuningInvoice[];
  readonly files: readonly InvoiceFile[];
}

export function checkInvoiceFile(input: FileCheckInput): FileCheck {
  const blue = input.suning.find((s) => s.invoiceType === 1 && (input.local.invoiceNum === '' || s.invoiceNum === input.local.invoiceNum)) ?? null;
  if (!blue) return { verdict: 'not_downloaded', fileId: null, mismatches: [], reason: { zh: '苏宁没有可对照的蓝票', en: 'Suning reports no blue invoice to compare' } };
  const file = input.files.find((f) => f.kind === 'blue' && f.suningInvoiceNum === blue.invoiceNum && f.suningInvoiceCode === blue.invoiceCode) ?? null;
  if (!file) return { verdict: 'not_downloaded', fileId: null, mismatches: [], reason: { zh: '原件尚未下载', en: 'The file has not been downloaded' } };
  if (file.outcome !== 'stored') return { verdict: 'unavailable', fileId: file.id, mismatches: [], reason: { zh: file.outcome, en: file.outcome } };
  const qr = file.facts?.qr ?? null;
  if (!qr) return { verdict: 'unavailable', fileId: file.id, mismatches: [], reason: file.parseProblem ?? { zh: '未读出二维码', en: 'No QR code read' } };
  const mismatches: FileCheck['mismatches'] = [];
  if (qr.invoiceNum !== blue.invoiceNum) {
    mismatches.push({ field: 'invoiceNum', against: 'suning', file: qr.invoiceNum, other: blue.invoiceNum, message: { zh: `原件发票号码 ${qr.invoiceNum}，苏宁记录 ${blue.invoiceNum}`, en: `file number ${qr.invoiceNum}, Suning ${blue.invoiceNum}` } });
  }
  if (qr.amountFen !== blue.amountFen) {
    mismatches.push({ field: 'amount', against: 'suning', file: String(qr.amountFen), other: String(blue.amountFen), message: { zh: '原件金额与苏宁记录不符', en: "The file's amount differs from Suning's" } });
  }
  return mismatches.length > 0
    ? { verdict: 'mismatch', fileId: file.id, mismatches, reason: mismatches[0]?.message ?? { zh: '', en: '' } }
    : { verdict: 'match', fileId: file.id, mismatches: [], reason: { zh: '原件与苏宁记录一致', en: "The file matches Suning's record" } };
}
