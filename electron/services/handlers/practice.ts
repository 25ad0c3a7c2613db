// Main process. Handlers of the practice:* channels.
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';
import { writes } from './behaviour';
import { appInfo } from './app';

type PracticeHandlers = Pick<HandlerTable, 'practice:start'>;

export function practiceHandlers(s: CoreServices): PracticeHandlers {
  return {
    'practice:start': writes(async (input) => {
      await s.practice.start(input, s.actor);
      const cur = s.settings.get();
      if (cur.wangdian.env !== 'practice' || cur.suning.env !== 'practice') {
        s.settings.update({ wangdian: { env: 'practice' }, suning: { env: 'practice' } });
      }
      s.clients.reset();
      s.emit('invoices:changed', { reason: 'practice' });
      return appInfo(s);
    }),
  };
}
