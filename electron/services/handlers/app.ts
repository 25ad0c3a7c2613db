// Main process. Handlers of the app:* channels.
import type { ChannelOutput, HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';

type AppHandlers = Pick<HandlerTable, 'app:info'>;

export function appInfo(s: CoreServices): ChannelOutput<'app:info'> {
  const settings = s.settings.get();
  const practice = s.practice.endpoints();
  const usesPractice = settings.wangdian.env === 'practice' || settings.suning.env === 'practice';
  const mode = usesPractice ? (practice ? 'practice' : 'unconfigured') : 'real';
  return {
    version: s.version,
    host: s.host,
    mode,
    dataDir: s.dataDir,
    practice: practice ? { wangdianUrl: practice.wangdian.url, suningUrl: practice.suning.url } : null,
    workspace: s.workspace,
  };
}

export function appHandlers(s: CoreServices): AppHandlers {
  return {
    async 'app:info'() {
      return appInfo(s);
    },
  };
}
