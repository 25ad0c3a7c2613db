// Main process. Handlers of the jobs:* channels.
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';
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
      return jobs.start('wangdian_submit', repos.invoices.idsForSelection(input.selection), { selection: input.selection.kind });
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
