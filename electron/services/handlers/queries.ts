// Main process. Handlers of the queries:* channels.
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';

type QueryHandlers = Pick<HandlerTable, 'queries:list'>;

export function queryHandlers(s: CoreServices): QueryHandlers {
  const { repos } = s;
  return {
    async 'queries:list'(input) {
      return repos.suning.listQueries({ search: input.search, cursor: input.cursor, limit: input.limit });
    },
  };
}
