// Main process. The clerk's settings: defaults, validated merge of patches, and endpoint resolution.
import { AppError, validationError } from '../../shared/errors';
import { settingsPatchSchema, settingsSchema, type Settings } from '../../shared/api/schemas';
import type { z } from 'zod';
import { DEFAULT_MAX_ANSWER_AGE_HOURS } from '../domain/write-back-plan';
import { DEFAULT_ZIP_NAME_TEMPLATE } from '../../shared/domain/archive-names';

export const DEFAULT_SETTINGS: Settings = {
  language: 'zh-CN',
  wangdian: { env: 'practice', customUrl: '', sid: '', appkey: '', rps: 20, concurrency: 8 },
  suning: { env: 'practice', customUrl: '', appKey: '', saleOrg: '', saleTaxNo: '', format: 'json', batchSize: 20, rps: 20, concurrency: 4, maxAnswerAgeHours: DEFAULT_MAX_ANSWER_AGE_HOURS },
  // File hosts are not the API: a few downloads in flight at a modest rate, 20 MB a file (issue 15).
  archive: { rps: 20, concurrency: 8, maxFileMb: 20, autoAfterQuery: false, zipNameTemplate: DEFAULT_ZIP_NAME_TEMPLATE },
};

/** Public base URLs of the real platforms (see DESIGN.md). Suning publishes no sandbox host. */
export const PLATFORM_BASES = {
  wangdian: { sandbox: 'https://sandbox.wangdian.cn', production: 'https://api.wangdian.cn' },
  suning: { production: 'https://open.suning.com/api/http/sopRequest' },
} as const;

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const KEY = 'settings';

export interface SettingsService {
  get(): Settings;
  update(patch: z.input<typeof settingsPatchSchema>): { before: Settings; after: Settings };
}

/** `defaults`: what a store without saved settings starts from (a real workspace: the real platforms). */
export function createSettingsService(store: KeyValueStore, defaults: Settings = DEFAULT_SETTINGS): SettingsService {
  function get(): Settings {
    const raw = store.get(KEY);
    if (raw === undefined || raw === null) return defaults;
    // Merge over defaults so a settings row written by an older version gains new fields.
    const merged = mergeSettings(defaults, raw as z.input<typeof settingsPatchSchema>);
    const parsed = settingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : defaults;
  }
  return {
    get,
    update(patch) {
      const p = settingsPatchSchema.safeParse(patch);
      if (!p.success) throw validationError(p.error, { zh: '设置无效', en: 'Invalid settings' });
      const before = get();
      const after = settingsSchema.safeParse(mergeSettings(before, p.data));
      if (!after.success) throw validationError(after.error, { zh: '设置无效', en: 'Invalid settings' });
      store.set(KEY, after.data);
      return { before, after: after.data };
    },
  };
}

function mergeSettings(base: Settings, patch: z.input<typeof settingsPatchSchema>): unknown {
  return {
    language: patch.language ?? base.language,
    wangdian: { ...base.wangdian, ...(patch.wangdian ?? {}) },
    suning: { ...base.suning, ...(patch.suning ?? {}) },
    archive: { ...base.archive, ...(patch.archive ?? {}) },
  };
}

/** The running built-in emulators and their (fake, practice-only) credentials. */
export interface PracticeEndpoints {
  readonly wangdian: { readonly url: string; readonly sid: string; readonly appkey: string; readonly appsecret: string };
  readonly suning: { readonly url: string; readonly appKey: string; readonly appSecret: string; readonly saleOrg: string };
}

/** The base URL a platform is reached at under the current settings. */
export function resolveBaseUrl(platform: 'wangdian' | 'suning', settings: Settings, practice: PracticeEndpoints | null): string {
  const env = settings[platform].env;
  switch (env) {
    case 'practice':
      if (!practice) {
        throw new AppError('not_configured', {
          zh: '练习模式尚未启动：请先启动练习模式或在设置中选择正式环境',
          en: 'Practice mode is not running: start it, or choose a real environment in Settings',
        });
      }
      return platform === 'wangdian' ? practice.wangdian.url : practice.suning.url;
    case 'sandbox':
      if (platform === 'wangdian') return PLATFORM_BASES.wangdian.sandbox;
      throw new AppError('not_configured', {
        zh: '苏宁开放平台没有公开的测试环境地址，请选择正式环境或自定义地址',
        en: 'Suning publishes no sandbox host; choose production or a custom URL',
      });
    case 'production':
      return platform === 'wangdian' ? PLATFORM_BASES.wangdian.production : PLATFORM_BASES.suning.production;
    case 'custom':
      if (!settings[platform].customUrl) {
        throw new AppError('not_configured', { zh: '请填写自定义地址', en: 'Enter the custom URL' });
      }
      return settings[platform].customUrl.replace(/\/+$/, '');
    default: {
      const never: never = env;
      throw new Error(`unknown env ${String(never)}`);
    }
  }
}
