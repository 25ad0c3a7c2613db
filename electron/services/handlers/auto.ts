// Main process. Handlers of auto:* — 自动处理 started, watched and cancelled over the current selection
// (auto:plan, its plan screen, is in submit.ts beside the submit preview it mirrors).
import { AppError } from '../../../shared/errors';
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';
import { writes } from './behaviour';

type AutoHandlers = Pick<HandlerTable, 'auto:start' | 'auto:get' | 'auto:cancel'>;

export function autoHandlers(s: CoreServices): AutoHandlers {
  return {
    'auto:start': writes(async (input) => s.auto.start(input.selection)),
    async 'auto:get'(input) {
      if (input.runId === undefined) return s.auto.latest();
      return s.auto.get(input.runId);
    },
    'auto:cancel': writes(async (input) => {
      const run = s.auto.get(input.runId);
      if (run.state !== 'running' && run.state !== 'paused') {
        throw new AppError('conflict', { zh: `自动处理任务 #${input.runId} 已结束，无法取消`, en: `Auto-processing run #${input.runId} is already over; nothing to cancel` }, { runId: input.runId });
      }
      return s.auto.cancel(input.runId);
    }),
  };
}
