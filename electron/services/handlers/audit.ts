// Main process. Handlers of the audit:* channels.
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';

type AuditHandlers = Pick<HandlerTable, 'audit:list'>;

export function auditHandlers(s: CoreServices): AuditHandlers {
  const { repos } = s;
  return {
    async 'audit:list'(input) {
      return repos.audit.list({ action: input.action, cursor: input.cursor, limit: input.limit });
    },
  };
}
