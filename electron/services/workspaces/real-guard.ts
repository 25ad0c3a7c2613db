// Main process. What makes a real workspace (kind 'real') real, enforced in the core every host shares: practice
// mode cannot start in it, its settings cannot point at the built-in emulators, and its platform clients refuse
// to work — so nothing is queried or sent — when its store ever held practice demo data (the 'practice' key that
// practice mode writes when it imports its demo rows), however that store got there.
import { AppError } from '../../../shared/errors';
import type { Settings } from '../../../shared/api/schemas';
import type { Repositories } from '../../db/repositories';
import type { EndpointOverrides, PlatformClients } from '../platform-clients';
import type { PracticeController } from '../practice';
import { DEFAULT_SETTINGS, type SettingsService } from '../settings';

/** A real workspace starts on the platforms' production endpoints, never on practice. */
export const REAL_DEFAULTS: Settings = {
  ...DEFAULT_SETTINGS,
  wangdian: { ...DEFAULT_SETTINGS.wangdian, env: 'production' },
  suning: { ...DEFAULT_SETTINGS.suning, env: 'production' },
};

export function practiceInRealError(): AppError {
  return new AppError('workspace.practice_in_real', {
    zh: '这是真实商户的账套：不能在其中使用练习模式或演示数据。请切换到练习账套（左侧“账套”菜单）再试用练习模式。',
    en: 'This is a real merchant’s workspace: practice mode and demo data cannot be used in it. Switch to the practice workspace (the workspace menu at the left) to try practice mode.',
  });
}

function demoDataError(): AppError {
  return new AppError('workspace.practice_in_real', {
    zh: '这个真实账套的数据库中有练习模式的演示数据，为免把演示数据发给真实平台，已拒绝查询和回传。请新建一个空的真实账套并重新导入本商户的数据。',
    en: 'This real workspace’s store holds practice demo data; querying and sending are refused so that no demo data reaches a real platform. Create a new, empty real workspace and import this merchant’s data again.',
  });
}

export function refusingPractice(): PracticeController {
  return {
    endpoints: () => null,
    start: () => Promise.reject(practiceInRealError()),
    restore: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}

export function realWorkspaceSettings(inner: SettingsService): SettingsService {
  return {
    get: () => inner.get(),
    update(patch) {
      if (patch.wangdian?.env === 'practice' || patch.suning?.env === 'practice') throw practiceInRealError();
      return inner.update(patch);
    },
  };
}

export function guardRealClients(inner: PlatformClients, settings: () => Settings, repos: Repositories, overrides: EndpointOverrides | undefined): PlatformClients {
  const check = (platform: 'wangdian' | 'suning'): void => {
    if (repos.settings.get('practice') !== undefined) throw demoDataError();
    if (!overrides?.[platform] && settings()[platform].env === 'practice') throw practiceInRealError();
  };
  return {
    async wangdian() {
      check('wangdian');
      return inner.wangdian();
    },
    async suning() {
      check('suning');
      return inner.suning();
    },
    reset: () => inner.reset(),
    close: () => inner.close(),
  };
}
