// Main process. Builds the platform clients from settings + secrets, reusing them until the config changes.
import { AppError, type Bilingual } from '../../shared/errors';
import type { Settings } from '../../shared/api/schemas';
import { createWangdianClient } from '../platforms/wangdian/client';
import { createSuningClient } from '../platforms/suning/client';
import type { SecretName, SecretSource } from '../secrets/vault';
import { resolveBaseUrl, type PracticeEndpoints } from './settings';

export type WangdianClient = ReturnType<typeof createWangdianClient>;
export type SuningClient = ReturnType<typeof createSuningClient>;

/** Explicit endpoints (CLI environment variables) that win over the stored settings. */
export interface EndpointOverrides {
  readonly wangdian?: { readonly baseUrl: string; readonly sid: string; readonly appkey: string };
  readonly suning?: { readonly baseUrl: string; readonly appKey: string; readonly saleOrg: string; readonly format: 'json' | 'xml' };
}

export interface PlatformClients {
  wangdian(): Promise<WangdianClient>;
  suning(): Promise<{ client: SuningClient; saleOrg: string; saleTaxNo: string }>;
  /** Drops cached clients (settings, secrets or practice endpoints changed). */
  reset(): void;
  close(): void;
}

export interface PlatformClientDeps {
  settings(): Settings;
  secrets: SecretSource;
  practice(): PracticeEndpoints | null;
  overrides?: EndpointOverrides;
}

/** Where one platform's identifiers and secret come from: CLI overrides, else practice endpoints, else settings + vault. */
interface CredentialSpec<F extends string> {
  readonly platform: 'wangdian' | 'suning';
  readonly fields: readonly F[];
  readonly secretName: SecretName;
  readonly stored: (s: Settings) => Readonly<Record<F, string>>;
  readonly override: (o: EndpointOverrides | undefined) => (Readonly<Record<F, string>> & { readonly baseUrl: string }) | undefined;
  readonly practice: (p: PracticeEndpoints) => { readonly values: Readonly<Record<F, string>>; readonly secret: string };
  readonly missingFields: Bilingual;
  readonly missingSecret: Bilingual;
}

interface Credentials<F extends string> {
  readonly settings: Settings;
  readonly baseUrl: string;
  readonly values: Readonly<Record<F, string>>;
  readonly secret: string;
}

// One record per platform; the resolution itself is resolveCredentials below.
const WANGDIAN: CredentialSpec<'sid' | 'appkey'> = {
  platform: 'wangdian', fields: ['sid', 'appkey'], secretName: 'wangdian.appsecret', stored: (s) => s.wangdian, override: (o) => o?.wangdian,
  practice: (p) => ({ values: p.wangdian, secret: p.wangdian.appsecret }),
  missingFields: { zh: '请在设置中填写旺店通卖家账号 (sid) 和接口账号 (appkey)', en: 'Enter the Wangdiantong sid and appkey in Settings' },
  missingSecret: { zh: '请在设置中填写旺店通 appsecret', en: 'Enter the Wangdiantong appsecret in Settings' } };

const SUNING: CredentialSpec<'appKey' | 'saleOrg'> = {
  platform: 'suning', fields: ['appKey', 'saleOrg'], secretName: 'suning.appSecret', stored: (s) => s.suning, override: (o) => o?.suning,
  practice: (p) => ({ values: p.suning, secret: p.suning.appSecret }),
  missingFields: { zh: '请在设置中填写苏宁 AppKey 和商户编码', en: 'Enter the Suning AppKey and merchant code (saleOrg) in Settings' },
  missingSecret: { zh: '请在设置中填写苏宁 AppSecret', en: 'Enter the Suning AppSecret in Settings' } };

async function resolveCredentials<F extends string>(deps: PlatformClientDeps, spec: CredentialSpec<F>): Promise<Credentials<F>> {
  const s = deps.settings();
  const o = spec.override(deps.overrides);
  const practice = !o && s[spec.platform].env === 'practice' ? deps.practice() : null;
  const baseUrl = o?.baseUrl ?? resolveBaseUrl(spec.platform, s, deps.practice());
  const fromPractice = practice ? spec.practice(practice) : null;
  const stored = spec.stored(s);
  const values = Object.fromEntries(spec.fields.map((f) => [f, o ? o[f] : fromPractice ? fromPractice.values[f] : stored[f]])) as Record<F, string>;
  const secret = fromPractice ? fromPractice.secret : await deps.secrets.get(spec.secretName);
  if (spec.fields.some((f) => !values[f])) throw new AppError('not_configured', spec.missingFields);
  if (!secret) throw new AppError('not_configured', spec.missingSecret);
  return { settings: s, baseUrl, values, secret };
}

export function createPlatformClients(deps: PlatformClientDeps): PlatformClients {
  let wdt: { key: string; client: WangdianClient } | null = null;
  let sn: { key: string; client: SuningClient; saleOrg: string; saleTaxNo: string } | null = null;

  return {
    async wangdian() {
      const { settings: s, baseUrl, values: { sid, appkey }, secret: appsecret } = await resolveCredentials(deps, WANGDIAN);
      const key = JSON.stringify([baseUrl, sid, appkey, appsecret, s.wangdian.rps, s.wangdian.concurrency]);
      if (wdt?.key !== key) {
        void wdt?.client.close();
        wdt = {
          key,
          client: createWangdianClient({ baseUrl, sid, appkey, appsecret, rateLimit: { rps: s.wangdian.rps, concurrency: s.wangdian.concurrency } }),
        };
      }
      return wdt.client;
    },
    async suning() {
      const { settings: s, baseUrl, values: { appKey, saleOrg }, secret: appSecret } = await resolveCredentials(deps, SUNING);
      const format = deps.overrides?.suning?.format ?? s.suning.format;
      const key = JSON.stringify([baseUrl, appKey, appSecret, format, s.suning.rps, s.suning.concurrency]);
      if (sn?.key !== key) {
        void sn?.client.close();
        sn = {
          key,
          saleOrg,
          saleTaxNo: s.suning.saleTaxNo,
          client: createSuningClient({ baseUrl, appKey, appSecret, format, rateLimit: { rps: s.suning.rps, concurrency: s.suning.concurrency } }),
        };
      }
      return { client: sn.client, saleOrg: sn.saleOrg, saleTaxNo: s.suning.saleTaxNo };
    },
    reset() {
      void wdt?.client.close();
      void sn?.client.close();
      wdt = null;
      sn = null;
    },
    close() {
      this.reset();
    },
  };
}
