// Main process (CLI host). Credentials and endpoints from environment variables, validated with zod.
import { z } from 'zod';
import { AppError, describeZodIssues } from '../../../shared/errors';
import { httpUrlSchema } from '../../../shared/api/schemas';
import { createEnvSecrets, type SecretSource } from '../../secrets/vault';
import type { EndpointOverrides } from '../../services/platform-clients';

export const ENV_SECRET_NAMES = { 'wangdian.appsecret': 'WDT_APPSECRET', 'suning.appSecret': 'SUNING_APP_SECRET' } as const;

const optional = z.string().trim().min(1).optional();
const envSchema = z.object({
  WDT_BASE_URL: httpUrlSchema.optional(),
  WDT_SID: optional,
  WDT_APPKEY: optional,
  WDT_APPSECRET: optional,
  SUNING_BASE_URL: httpUrlSchema.optional(),
  SUNING_APP_KEY: optional,
  SUNING_APP_SECRET: optional,
  SUNING_SALE_ORG: optional,
  SUNING_FORMAT: z.enum(['json', 'xml']).optional(),
});

export interface EnvConfig {
  readonly overrides: EndpointOverrides | undefined;
  readonly secrets: SecretSource | undefined;
}

/**
 * With WDT_* / SUNING_* set, the CLI talks to those endpoints with those credentials; with none set it uses
 * the data directory's own settings (practice mode included). A half-set platform is a usage error.
 */
export function readEnvConfig(env: Readonly<Record<string, string | undefined>>): EnvConfig {
  const picked = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const d = describeZodIssues(parsed.error);
    throw new AppError('validation', { zh: `环境变量无效：${d.zh}`, en: `Invalid environment variables: ${d.en}` }, { usage: true });
  }
  const e = parsed.data;
  const wdtKeys = [e.WDT_BASE_URL, e.WDT_SID, e.WDT_APPKEY, e.WDT_APPSECRET];
  const snKeys = [e.SUNING_BASE_URL, e.SUNING_APP_KEY, e.SUNING_APP_SECRET, e.SUNING_SALE_ORG];
  const partial = (keys: readonly (string | undefined)[]) => keys.some(Boolean) && !keys.every(Boolean);
  if (partial(wdtKeys)) {
    throw new AppError('validation', {
      zh: '旺店通环境变量需同时设置 WDT_BASE_URL、WDT_SID、WDT_APPKEY、WDT_APPSECRET',
      en: 'Set all of WDT_BASE_URL, WDT_SID, WDT_APPKEY and WDT_APPSECRET, or none',
    }, { usage: true });
  }
  if (partial(snKeys)) {
    throw new AppError('validation', {
      zh: '苏宁环境变量需同时设置 SUNING_BASE_URL、SUNING_APP_KEY、SUNING_APP_SECRET、SUNING_SALE_ORG',
      en: 'Set all of SUNING_BASE_URL, SUNING_APP_KEY, SUNING_APP_SECRET and SUNING_SALE_ORG, or none',
    }, { usage: true });
  }
  const overrides: EndpointOverrides = {
    ...(e.WDT_BASE_URL && e.WDT_SID && e.WDT_APPKEY ? { wangdian: { baseUrl: e.WDT_BASE_URL, sid: e.WDT_SID, appkey: e.WDT_APPKEY } } : {}),
    ...(e.SUNING_BASE_URL && e.SUNING_APP_KEY && e.SUNING_SALE_ORG
      ? { suning: { baseUrl: e.SUNING_BASE_URL, appKey: e.SUNING_APP_KEY, saleOrg: e.SUNING_SALE_ORG, format: e.SUNING_FORMAT ?? 'json' } }
      : {}),
  };
  const any = overrides.wangdian !== undefined || overrides.suning !== undefined;
  return {
    overrides: any ? overrides : undefined,
    secrets: any ? createEnvSecrets(env, ENV_SECRET_NAMES) : undefined,
  };
}
