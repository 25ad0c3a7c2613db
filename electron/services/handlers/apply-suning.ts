// Main process. Handlers of bulk 采用苏宁结果: preview, apply (one transaction), undo (batch or one invoice).
import type { HandlerTable } from '../../../shared/api/contract';
import { applySuningBatch, previewApplySuning, undoApplySuning } from '../apply-suning';
import type { CoreServices } from './services';

type ApplyHandlers = Pick<HandlerTable, 'invoices:applySuningPreview' | 'invoices:applySuningBulk' | 'invoices:undoApplySuning'>;

export function applySuningHandlers(s: CoreServices): ApplyHandlers {
  return {
    async 'invoices:applySuningPreview'(input) {
      return previewApplySuning(s.db, s.repos, input.selection);
    },
    async 'invoices:applySuningBulk'(input) {
      const r = applySuningBatch(s.db, s.repos, s.actor, input.selection, input.token);
      if (r.changed > 0) s.emit('invoices:changed', { reason: 'edit' });
      return r;
    },
    async 'invoices:undoApplySuning'(input) {
      const r = undoApplySuning(s.db, s.repos, s.actor, input.batch, input.invoiceId);
      if (r.restored > 0) s.emit('invoices:changed', { reason: 'edit' });
      return r;
    },
  };
}
