// Main process. Builds the platform clients from settings + secrets, reusing them until the config changes.
import { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/api/schemas';
import { createWangdianClient } from '../platforms/wangdian/client';
import { createSuningClient } from '../platforms/suning/client';
import type { SecretSource } from '../secrets/vault';
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

function missing(zh: string, en: string): AppError {
  return new AppError('not_configured', { zh, en });
}

export function createPlatformClients(deps: PlatformClientDeps): PlatformClients {
  let wdt: { key: string; client: WangdianClient } | null = null;
  let sn: { key: string; client: SuningClient; saleOrg: string; saleTaxNo: string } | null = null;

  return {
    async wangdian() {
      const s = deps.settings();
      const o = deps.overrides?.wangdian;
      const practice = !o && s.wangdian.env === 'practice' ? deps.practice() : null;
      const baseUrl = o?.baseUrl ?? resolveBaseUrl('wangdian', s, deps.practice());
      const sid = o?.sid ?? (practice ? practice.wangdian.sid : s.wangdian.sid);
      const appkey = o?.appkey ?? (practice ? practice.wangdian.appkey : s.wangdian.appkey);
      const appsecret = practice ? practice.wangdian.appsecret : await deps.secrets.get('wangdian.appsecret');
      if (!sid || !appkey) throw missing('请在设置中填写旺店通卖家账号 (sid) 和接口账号 (appkey)', 'Enter the Wangdiantong sid and appkey in Settings');
      if (!appsecret) throw missing('请在设置中填写旺店通 appsecret', 'Enter the Wangdiantong appsecret in Settings');
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
      const s = deps.settings();
      const o = deps.overrides?.suning;
      const practice = !o && s.suning.env === 'practice' ? deps.practice() : null;
      const baseUrl = o?.baseUrl ?? resolveBaseUrl('suning', s, deps.practice());
      const appKey = o?.appKey ?? (practice ? practice.suning.appKey : s.suning.appKey);
      const saleOrg = o?.saleOrg ?? (practice ? practice.suning.saleOrg : s.suning.saleOrg);
      const format = o?.format ?? s.suning.format;
      const appSecret = practice ? practice.suning.appSecret : await deps.secrets.get('suning.appSecret');
      if (!appKey || !saleOrg) throw missing('请在设置中填写苏宁 AppKey 和商户编码', 'Enter the Suning AppKey and merchant code (saleOrg) in Settings');
      if (!appSecret) throw missing('请在设置中填写苏宁 AppSecret', 'Enter the Suning AppSecret in Settings');
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
