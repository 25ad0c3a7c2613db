// Main process. Handlers of jobs:*, submissions:*, queries:* and audit:*.
import { AppError } from '../../../shared/errors';
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from './services';
import { refuseSingle, withOverrideReasons } from '../jobs/submit-guard';

type JobHandlers = Pick<HandlerTable,
  'jobs:startQuery' | 'jobs:startSubmit' | 'jobs:get' | 'jobs:active' | 'jobs:cancel' |
  'submissions:list' | 'submissions:resend' | 'queries:list' | 'audit:list'>;

export function jobHandlers(s: CoreServices): JobHandlers {
  const { repos, jobs } = s;
  return {
    async 'jobs:startQuery'(input) {
      // Fail before creating a job when the platform is not configured.
      await s.clients.suning();
      return jobs.start('suning_query', repos.invoices.idsForSelection(input.selection), { selection: input.selection.kind });
    },
    async 'jobs:startSubmit'(input) {
      await s.clients.wangdian();
      const ids = repos.invoices.idsForSelection(input.selection);
      // One invoice the plan forbids is refused at once with the reason (the job's guard would refuse it too).
      const single = input.selection.kind === 'ids' && ids.length === 1 ? repos.invoices.getById(ids[0] ?? 0) : null;
      if (single) refuseSingle(single, s.settings.get());
      return jobs.start('wangdian_submit', ids, { selection: input.selection.kind });
    },
    async 'jobs:get'(input) {
      return jobs.get(input.jobId);
    },
    async 'jobs:active'() {
      return jobs.active();
    },
    async 'jobs:cancel'(input) {
      return jobs.cancel(input.jobId);
    },
    async 'submissions:list'(input) {
      const page = repos.submissions.list({ state: input.state, search: input.search, cursor: input.cursor, limit: input.limit });
      return { rows: withOverrideReasons(repos, page.rows.map(({ sentAt: _sentAt, ...rest }) => rest)), nextCursor: page.nextCursor };
    },
    async 'submissions:resend'(input) {
      const sub = repos.submissions.get(input.id);
      if (!sub) throw new AppError('not_found', { zh: `提交记录 ${input.id} 不存在`, en: `Submission ${input.id} does not exist` });
      if (sub.state === 'accepted' || sub.state === 'sending' || sub.state === 'queued') {
        throw new AppError('conflict', {
          zh: `提交记录 ${input.id} 状态为 ${sub.state}，无需重新发送`,
          en: `Submission ${input.id} is ${sub.state}; there is nothing to re-send`,
        });
      }
      // Re-sending means sending what the record says now: the clerk may have corrected it. The plan may have
      // changed since the first send (a re-query): a re-send it forbids is refused at once, with the reason.
      await s.clients.wangdian();
      const invoice = repos.invoices.getById(sub.invoiceId);
      if (invoice) refuseSingle(invoice, s.settings.get());
      return jobs.start('wangdian_submit', [sub.invoiceId], { resendOf: sub.id });
    },
    async 'queries:list'(input) {
      return repos.suning.listQueries({ search: input.search, cursor: input.cursor, limit: input.limit });
    },
    async 'audit:list'(input) {
      return repos.audit.list({ action: input.action, cursor: input.cursor, limit: input.limit });
    },
  };
}
