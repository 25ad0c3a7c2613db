// Main process. Handlers of the jobs:* channels.
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';
import { refuseSingle } from '../jobs/submit-guard';
import { writes } from './behaviour';

type JobHandlers = Pick<HandlerTable, 'jobs:startQuery' | 'jobs:startSubmit' | 'jobs:get' | 'jobs:active' | 'jobs:cancel'>;

export function jobHandlers(s: CoreServices): JobHandlers {
  const { repos, jobs } = s;
  return {
    'jobs:startQuery': writes(async (input) => {
      // Fail before creating a job when the platform is not configured.
      await s.clients.suning();
      return jobs.start('suning_query', repos.invoices.idsForSelection(input.selection), { selection: input.selection.kind });
    }),
    'jobs:startSubmit': writes(async (input) => {
      await s.clients.wangdian();
      const ids = repos.invoices.idsForSelection(input.selection);
      // One invoice the plan forbids is refused at once with the reason (the job's guard would refuse it too).
      const single = input.selection.kind === 'ids' && ids.length === 1 ? repos.invoices.getById(ids[0] ?? 0) : null;
      if (single) refuseSingle(single, s.settings.get());
      return jobs.start('wangdian_submit', ids, { selection: input.selection.kind });
    }),
    async 'jobs:get'(input) {
      return jobs.get(input.jobId);
    },
    async 'jobs:active'() {
      return jobs.active();
    },
    'jobs:cancel': writes(async (input) => {
      return jobs.cancel(input.jobId);
    }),
  };
}
