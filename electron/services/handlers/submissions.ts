// Main process. Handlers of the submissions:* channels.
import { AppError } from '../../../shared/errors';
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';
import { refuseSingle, withOverrideReasons } from '../jobs/submit-guard';
import { writes } from './behaviour';

type SubmissionHandlers = Pick<HandlerTable, 'submissions:list' | 'submissions:resend'>;

export function submissionHandlers(s: CoreServices): SubmissionHandlers {
  const { repos, jobs } = s;
  return {
    async 'submissions:list'(input) {
      const page = repos.submissions.list({ state: input.state, search: input.search, from: input.from, to: input.to, cursor: input.cursor, limit: input.limit });
      const rows = withOverrideReasons(repos, page.rows.map(({ sentAt: _sentAt, ...rest }) => rest));
      return page.total === undefined ? { rows, nextCursor: page.nextCursor } : { rows, nextCursor: page.nextCursor, total: page.total };
    },
    'submissions:resend': writes(async (input) => {
      const sub = repos.submissions.get(input.id);
      if (!sub) throw new AppError('not_found', { zh: `提交记录 ${input.id} 不存在`, en: `Submission ${input.id} does not exist` });
      if (sub.state === 'superseded') {
        // Its invoice has a newer submission: re-sending the old one could only repeat or undo that.
        throw new AppError('conflict', {
          zh: `提交记录 ${input.id} 已被同一发票更新的提交取代，无需重新发送；请查看该发票最新的提交`,
          en: `Submission ${input.id} was superseded by a newer submission of the same invoice; see that invoice's latest submission`,
        }, { id: input.id, state: sub.state });
      }
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
    }),
  };
}
