// Main process. Handler of `overview:get` (the 概览 page): a read over the whole store, no writes.
import type { HandlerTable } from '../../../shared/api/contract';
import { overviewRepo } from '../../db/repositories/overview';
import type { CoreServices } from '../core-services';

export function overviewHandlers(s: CoreServices): Pick<HandlerTable, 'overview:get'> {
  // Statements prepared once per core (the repository holds them).
  const repo = overviewRepo(s.db);
  return {
    async 'overview:get'() {
      return repo.get();
    },
  };
}
