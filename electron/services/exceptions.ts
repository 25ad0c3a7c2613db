// Main process. The clerk's decisions on exceptions that no automatic action may take (issue 13 §5):
// - a split order (several valid blue invoices): which blue's number to write back, or all numbers joined when
//   they fit Wangdiantong's 40-character invoice_no_out; the choice is written into the record, audited, and
//   makes the plan allow 80 while the record holds it (write-back-plan.ts, row 6b);
// - a note per invoice (what was checked, what was decided): persisted, audited, shown and exported.
import { AppError } from '../../shared/errors';
import type { InvoiceRow } from '../../shared/domain/invoice';
import { normalizeDigits } from '../../shared/domain/invoice-number';
import { codePoints } from '../../shared/domain/wangdian';
import type { Db } from '../db/open';
import type { Repositories } from '../db/repositories';
import { loadOrderContext, reconcileInContext } from '../db/derived';

/** Wangdiantong's invoice_no_out limit, in characters. */
export const INVOICE_NO_OUT_MAX = 40;
/** How the numbers of a split order are joined into one invoice_no_out. */
export const SPLIT_JOINER = ',';

export type SplitPick = { readonly kind: 'one'; readonly invoiceNum: string } | { readonly kind: 'joined' };

function notFound(id: number): AppError {
  return new AppError('not_found', { zh: `发票记录 ${id} 不存在`, en: `Invoice record ${id} does not exist` }, { id });
}

/** The valid blues' numbers joined, and whether that fits invoice_no_out. */
export function joinedNumbers(nums: readonly string[]): { value: string; length: number; fits: boolean } {
  const value = nums.join(SPLIT_JOINER);
  const length = codePoints(value);
  return { value, length, fits: length <= INVOICE_NO_OUT_MAX };
}

/**
 * Writes the chosen blue (or all numbers joined) into the record as 80 with its code and PDF link, records the
 * choice, audits it as `invoice.split_choice`. One transaction. Throws `conflict` when the invoice is not a
 * split order now, `validation` for a number that is not one of its valid blues or a join over 40 characters.
 */
export function chooseSplit(db: Db, repos: Repositories, actor: string, id: number, pick: SplitPick): InvoiceRow {
  return db.transaction(() => {
    const row = repos.invoices.getById(id);
    if (!row) throw notFound(id);
    const { recon } = reconcileInContext(row, loadOrderContext(db, [row.orderNo]));
    if (recon.status !== 'split') {
      throw new AppError('conflict', {
        zh: `发票 ${row.invoiceNo} 不是多张有效蓝票的订单（${recon.explanation.zh}），无需选择`,
        en: `Invoice ${row.invoiceNo} is not an order with several valid blue invoices (${recon.explanation.en}); there is nothing to choose`,
      }, { invoiceNo: row.invoiceNo, status: recon.status });
    }
    const nums = recon.validBlues.map((b) => normalizeDigits(b.invoiceNum));
    let values: { invoiceNum: string; invoiceCode: string; pdfUrl: string };
    if (pick.kind === 'one') {
      const wanted = normalizeDigits(pick.invoiceNum);
      const blue = recon.validBlues.find((b) => normalizeDigits(b.invoiceNum) === wanted);
      if (!blue) {
        throw new AppError('validation', {
          zh: `发票号码 ${pick.invoiceNum} 不是该订单的有效蓝票；可选：${nums.join('、')}`,
          en: `Invoice number ${pick.invoiceNum} is not a valid blue invoice of this order; choose one of ${nums.join(', ')}`,
        }, { field: 'invoiceNum' });
      }
      values = { invoiceNum: wanted, invoiceCode: normalizeDigits(blue.invoiceCode), pdfUrl: blue.pdfUrl.trim() || row.pdfUrl };
    } else {
      const j = joinedNumbers(nums);
      if (!j.fits) {
        throw new AppError('validation', {
          zh: `${nums.length} 个发票号码连起来共 ${j.length} 个字符，超过旺店通发票号码 invoice_no_out 的 ${INVOICE_NO_OUT_MAX} 个字符上限：请选择其中一张`,
          en: `The ${nums.length} invoice numbers joined are ${j.length} characters, over Wangdiantong's ${INVOICE_NO_OUT_MAX}-character invoice_no_out limit: choose one of them`,
        }, { field: 'invoiceNum', length: j.length, max: INVOICE_NO_OUT_MAX });
      }
      const codes = [...new Set(recon.validBlues.map((b) => normalizeDigits(b.invoiceCode)))];
      const pdf = recon.validBlues.map((b) => b.pdfUrl.trim()).find((u) => u !== '');
      values = { invoiceNum: j.value, invoiceCode: codes.length === 1 ? (codes[0] ?? '') : '', pdfUrl: pdf ?? row.pdfUrl };
    }
    const { fields } = repos.invoices.update(id, { ...values, targetStatus: 80, errorInfo: '' });
    repos.appValues.mark(id, fields.map((f) => f.field), 'edit');
    db.prepare('UPDATE invoices SET split_choice = ? WHERE id = ?').run(values.invoiceNum, id);
    repos.audit.append(actor, 'invoice.split_choice', row.invoiceNo, { choice: pick.kind, ...values, validBlues: nums, fields });
    const out = repos.invoices.getById(id);
    if (!out) throw notFound(id);
    return out;
  }).immediate();
}

/** Keeps the clerk's note on the invoice (trimmed; '' clears it), audited as `invoice.note` with the previous text. */
export function setNote(db: Db, repos: Repositories, actor: string, id: number, note: string): InvoiceRow {
  return db.transaction(() => {
    const row = repos.invoices.getById(id);
    if (!row) throw notFound(id);
    const next = note.trim();
    if (next !== row.clerkNote) {
      db.prepare('UPDATE invoices SET clerk_note = ? WHERE id = ?').run(next, id);
      repos.audit.append(actor, 'invoice.note', row.invoiceNo, { before: row.clerkNote, after: next, reconStatus: row.reconStatus });
    }
    const out = repos.invoices.getById(id);
    if (!out) throw notFound(id);
    return out;
  }).immediate();
}
