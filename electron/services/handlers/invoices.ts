// Main process. Handlers of the invoices:* channels.
import { AppError } from '../../../shared/errors';
import { checkInvoiceFile } from '../../domain/einvoice-check';
import type { InvoiceRow } from '../../../shared/domain/invoice';
import type { FileMismatch } from '../../../shared/domain/einvoice-file';
import type { HandlerTable } from '../../../shared/api/contract';
import { classifyInvoice, describeInvoiceProblems } from '../../../shared/domain/invoice-number';
import { reconcile } from '../../domain/reconcile';
import type { CoreServices } from '../core-services';
import { applySuningBatch, applySuningOne, previewApplySuning, undoApplySuning } from '../apply-suning';
import { planClock, withPlan } from '../plan';
import { withOverrideReasons } from '../jobs/submit-guard';
import { writes } from './behaviour';
import { chooseSplit, setNote } from '../exceptions';

type InvoiceHandlers = Pick<HandlerTable, 'invoices:list' | 'invoices:counts' | 'invoices:get' | 'invoices:update' | 'invoices:applySuning' | 'invoices:countSelection' | 'invoices:totals'
  | 'invoices:applySuningPreview' | 'invoices:applySuningBulk' | 'invoices:undoApplySuning' | 'invoices:chooseSplit' | 'invoices:setNote'>;

function notFound(id: number): AppError {
  return new AppError('not_found', { zh: `发票记录 ${id} 不存在`, en: `Invoice record ${id} does not exist` }, { id });
}

export function invoiceHandlers(s: CoreServices): InvoiceHandlers {
  const { repos } = s;

  /** What differs, for a row whose file differs (few per page): the 原件 column's hint names the fields. */
  function withFileMismatches<R extends InvoiceRow>(row: R): R & { fileMismatches?: { field: FileMismatch['field']; against: FileMismatch['against'] }[] } {
    if (row.fileVerdict !== 'mismatch') return row;
    const check = checkInvoiceFile({ local: row, suning: repos.suning.listForOrder(row.orderNo), files: repos.files.forOrder(row.orderNo) });
    return { ...row, fileMismatches: check.mismatches.map((m) => ({ field: m.field, against: m.against })) };
  }

  function detail(id: number) {
    const invoice = repos.invoices.getById(id);
    if (!invoice) throw notFound(id);
    const suning = repos.suning.listForOrder(invoice.orderNo);
    const last = repos.suning.lastQuery(invoice.orderNo);
    // A failed re-query keeps the last successful answer in effect (electron/db/derived.ts); the row carries the flag.
    const answer = last?.outcome === 'error' ? (repos.suning.lastAnswer(invoice.orderNo) ?? last) : last;
    const recon = reconcile({ local: invoice, suning, lastQuery: answer ? { outcome: answer.outcome } : null });
    const files = repos.files.forOrder(invoice.orderNo);
    return {
      invoice: withPlan(invoice, planClock(s.settings.get())),
      suning,
      validBlue: recon.validBlue,
      validBlues: [...recon.validBlues],
      explanation: recon.explanation,
      diffs: [...recon.diffs],
      submissions: withOverrideReasons(repos, repos.submissions.listForInvoice(id).slice(0, 50)),
      lastQuery: last ? { at: last.at, outcome: last.outcome, code: last.code, message: last.message } : null,
      undoableApply: repos.applyBatches.undoableFor(invoice.invoiceNo),
      files,
      fileCheck: checkInvoiceFile({ local: invoice, suning, files }),
    };
  }

  return {
    async 'invoices:list'(input) {
      const page = repos.invoices.list(input.filter, input.sort, input.limit, input.cursor);
      const clock = planClock(s.settings.get());
      return { ...page, rows: page.rows.map((r) => withFileMismatches(withPlan(r, clock))) };
    },
    async 'invoices:counts'(input) {
      return repos.invoices.counts(input);
    },
    async 'invoices:totals'(input) {
      return repos.invoices.totals(input.selection);
    },
    async 'invoices:get'(input) {
      return detail(input.id);
    },
    'invoices:update': writes(async (input) => {
      const current = repos.invoices.getById(input.id);
      if (!current) throw notFound(input.id);
      const next = { ...current, ...input.patch };
      if (next.targetStatus === 80 && next.invoiceNum.trim() !== '') {
        const c = classifyInvoice(next.invoiceCode, next.invoiceNum);
        if (!c.ok) {
          const d = describeInvoiceProblems(c.problems);
          throw new AppError('validation', d, { fields: c.problems.map((p) => p.field) });
        }
      }
      // One transaction with the provenance: a re-import must see these fields as the clerk's (conflicts.ts).
      const { row, fields } = s.db.transaction(() => {
        const r = repos.invoices.update(input.id, input.patch);
        repos.appValues.mark(input.id, r.fields.map((f) => f.field), 'edit');
        return r;
      })();
      if (fields.length > 0) {
        repos.audit.append(s.actor, 'invoice.edit', row.invoiceNo, { fields });
        s.emit('invoices:changed', { reason: 'edit' });
      }
      return row;
    }),
    'invoices:applySuning': writes(async (input) => {
      const d = detail(input.id);
      if (!d.validBlue) {
        throw new AppError('conflict', {
          zh: `不能采用苏宁结果：${d.explanation.zh}`,
          en: `Cannot use Suning's values: ${d.explanation.en}`,
        }, { status: d.invoice.reconStatus });
      }
      // A batch of one (services/apply-suning.ts): audited with the exact previous values, so it can be undone.
      const { row, batch } = applySuningOne(s.db, repos, s.actor, input.id);
      if (!row) throw notFound(input.id);
      if (batch !== null) s.emit('invoices:changed', { reason: 'edit' });
      return row;
    }),
    async 'invoices:countSelection'(input) {
      const count = input.selection.kind === 'filter'
        ? repos.invoices.count(input.selection.filter)
        : repos.invoices.idsForSelection(input.selection).length;
      return { count };
    },
    // Bulk 采用苏宁结果: preview, apply (one transaction bound to the preview's token), undo (batch or one invoice).
    async 'invoices:applySuningPreview'(input) {
      return previewApplySuning(s.db, repos, input.selection);
    },
    'invoices:applySuningBulk': writes(async (input) => {
      const r = applySuningBatch(s.db, repos, s.actor, input.selection, input.token);
      if (r.changed > 0) s.emit('invoices:changed', { reason: 'edit' });
      return r;
    }),
    'invoices:chooseSplit': writes(async (input) => {
      const row = chooseSplit(s.db, repos, s.actor, input.id, input.pick);
      s.emit('invoices:changed', { reason: 'edit' });
      return row;
    }),
    'invoices:setNote': writes(async (input) => {
      const row = setNote(s.db, repos, s.actor, input.id, input.note);
      s.emit('invoices:changed', { reason: 'edit' });
      return row;
    }),
    'invoices:undoApplySuning': writes(async (input) => {
      const r = undoApplySuning(s.db, repos, s.actor, input.batch, input.invoiceId);
      if (r.restored > 0) s.emit('invoices:changed', { reason: 'edit' });
      return r;
    }),
  };
}
