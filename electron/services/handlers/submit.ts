// Main process. Handlers of submit:* — what a bulk submit would send (before anything is sent) and the
// per-invoice override of the write-back plan — and auto:plan, the plan screen of 自动处理.
import { AppError } from '../../../shared/errors';
import type { HandlerTable } from '../../../shared/api/contract';
import { planAuto, planClock, planOfRow, previewSubmit } from '../plan';
import { planOutcomes, submitDecision } from '../jobs/submit-guard';
import type { CoreServices } from '../core-services';
import { writes } from './behaviour';
import { markFailed } from '../mark-failed';

type SubmitHandlers = Pick<HandlerTable, 'submit:preview' | 'submit:override' | 'submit:markFailed' | 'auto:plan' | 'submit:outcomes'>;

export function submitHandlers(s: CoreServices): SubmitHandlers {
  const { repos, jobs } = s;
  return {
    async 'submit:preview'(input) {
      return previewSubmit(s.db, repos.invoices.idsForSelection(input.selection), planClock(s.settings.get()));
    },
    async 'submit:outcomes'(input) {
      repos.jobs.progress(input.jobId); // not_found for a job that does not exist
      return planOutcomes(s.db, input.jobId);
    },
    async 'auto:plan'(input) {
      return planAuto(s.db, repos.invoices.idsForSelection(input.selection), planClock(s.settings.get()));
    },
    'submit:override': writes(async (input) => {
      const invoice = repos.invoices.getById(input.id);
      if (!invoice) throw new AppError('not_found', { zh: `发票记录 ${input.id} 不存在`, en: `Invoice record ${input.id} does not exist` }, { id: input.id });
      const settings = s.settings.get();
      const d = submitDecision(invoice, settings, false);
      if (d.send) {
        throw new AppError('conflict', {
          zh: `发票 ${invoice.invoiceNo} 的回传计划允许按记录回传，无需强制`,
          en: `The write-back plan of invoice ${invoice.invoiceNo} already allows sending it as it stands; no override is needed`,
        }, { invoiceNo: invoice.invoiceNo });
      }
      if (d.skip) {
        throw new AppError('conflict', d.reason, { invoiceNo: invoice.invoiceNo, refusal: d.refusal });
      }
      await s.clients.wangdian();
      const plan = planOfRow(invoice, planClock(settings));
      repos.audit.append(s.actor, 'submit.override', invoice.invoiceNo, {
        reason: input.reason, plan: plan.plan, refusal: d.refusal, reconStatus: invoice.reconStatus, status: invoice.targetStatus,
      });
      return jobs.start('wangdian_submit', [invoice.id], { selection: 'ids', override: { invoiceId: invoice.id, reason: input.reason } });
    }),
    'submit:markFailed': writes(async (input) => {
      await s.clients.wangdian(); // a missing secret fails here, before anything is marked
      const r = markFailed(s.db, repos, s.actor, s.settings.get(), input);
      s.emit('invoices:changed', { reason: 'edit' });
      const job = await jobs.start('wangdian_submit', r.ids, { selection: 'ids' });
      return { ...job, skipped: r.skipped };
    }),
  };
}
