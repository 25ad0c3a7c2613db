// Renderer. The submit form's rules: the Wangdiantong request schema the main process sends, mapped onto form fields.
import { wangdianUpdateRequestSchema } from '../../../../shared/domain/wangdian';
import { classifyInvoice, INVOICE_KIND_LABELS } from '../../../../shared/domain/invoice-number';
import type { WdtStatus } from '../../../../shared/domain/invoice';

export interface SubmitFormValues {
  readonly targetStatus: WdtStatus;
  readonly invoiceNum: string;
  readonly invoiceCode: string;
  readonly pdfUrl: string;
  readonly errorInfo: string;
}

export type FormField = keyof SubmitFormValues;
export interface FieldProblem {
  readonly field: FormField;
  readonly zh: string;
  readonly en: string;
}

const WIRE_TO_FORM: Readonly<Record<string, FormField>> = {
  status: 'targetStatus',
  invoice_no_out: 'invoiceNum',
  invoice_code: 'invoiceCode',
  error_info: 'errorInfo',
  file_path: 'pdfUrl',
};

/** Schema messages are "中文 / English"; split them so each language shows its own half. */
export function splitBilingual(message: string): { zh: string; en: string } {
  const i = message.indexOf(' / ');
  return i === -1 ? { zh: message, en: message } : { zh: message.slice(0, i), en: message.slice(i + 3) };
}

/** Errors that block sending: exactly the rules of the Wangdiantong request. */
export function submitErrors(invoiceNo: string, v: SubmitFormValues): FieldProblem[] {
  const r = wangdianUpdateRequestSchema.safeParse({
    invoice_no: invoiceNo,
    status: v.targetStatus,
    invoice_no_out: v.invoiceNum.trim(),
    invoice_code: v.invoiceCode.trim(),
    error_info: v.errorInfo,
    file_path: v.pdfUrl.trim(),
  });
  if (r.success) return [];
  return r.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    return { field: WIRE_TO_FORM[key] ?? 'invoiceNum', ...splitBilingual(issue.message) };
  });
}

/** Warnings that do not block: the number does not look like any known invoice shape. */
export function numberWarnings(v: SubmitFormValues): FieldProblem[] {
  if (v.targetStatus !== 80 || v.invoiceNum.trim() === '') return [];
  const c = classifyInvoice(v.invoiceCode, v.invoiceNum);
  return c.ok ? [] : c.problems.map((p) => ({ field: p.field, zh: p.zh, en: p.en }));
}

export function invoiceKindLabel(v: SubmitFormValues): { zh: string; en: string } | null {
  if (v.invoiceNum.trim() === '') return null;
  const c = classifyInvoice(v.invoiceCode, v.invoiceNum);
  return c.ok ? INVOICE_KIND_LABELS[c.kind] : null;
}
