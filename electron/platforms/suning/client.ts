// Main process. Suning suning.custom.storage.query client: several storages per request, JSON or XML,
// signInfo over the exact body bytes, one result per requested bill in request order.
import { z } from 'zod';
import { validationError } from '../../../shared/errors';
import type { SuningInvoice } from '../../../shared/domain/invoice';
import {
  normalizeQueryStorageResponse,
  suningStorageSchema,
  type SuningBill,
  type SuningStorage,
} from '../../../shared/domain/suning';
import { KIND_TEXT, PlatformError, parseRetryAfter, protocolError } from '../../http/errors';
import { createTransport, type HttpOptions, type PlatformTransport } from '../../http/transport';
import type { HttpResponse } from '../../http/request';
import type { RateLimit } from '../../http/rate-limiter';
import { formatSuningTime, signSuning } from './sign';
import { SUNING_NO_RESULT, classifySuningCode } from './errors';
import { buildQueryStorageBody, parseSuningBody, type SuningFormat } from './wire';

export const SUNING_METHOD = 'suning.custom.storage.query';
export const SUNING_VERSION = 'v1.2';
/** Bills per request the client accepts; settings allow up to 50. */
export const SUNING_MAX_STORAGES = 50;

export interface SuningClientOptions extends HttpOptions {
  /** e.g. https://open.suning.com/api/http/sopRequest or an emulator's url; the method is appended. */
  readonly baseUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly format: SuningFormat;
  readonly accessToken?: string;
}

export interface SuningBillResult {
  readonly billNo: string;
  readonly billType: SuningStorage['billType'];
  /** found: Suning listed invoices; no_result: nothing invoiced (yet); error: returnCode 9999 for this query. */
  readonly outcome: 'found' | 'no_result' | 'error';
  readonly invoices: readonly SuningInvoice[];
  /** '0000', '9999' or the sn_error code; null when there is nothing to say. */
  readonly code: string | null;
  readonly message: string | null;
}

export interface SuningClient {
  /** One result per storage, in request order. Throws PlatformError for anything that is not an answer. */
  queryStorage(storages: readonly SuningStorage[], signal?: AbortSignal): Promise<SuningBillResult[]>;
  setRateLimit(limit: RateLimit): void;
  readonly transport: PlatformTransport;
  close(): Promise<void>;
}

const storagesSchema = z
  .array(suningStorageSchema)
  .min(1, { error: '至少查询一个单号 / at least one bill is required' })
  .max(SUNING_MAX_STORAGES, { error: `每次最多查询 ${SUNING_MAX_STORAGES} 个单号 / at most ${SUNING_MAX_STORAGES} bills per request` });

function endpoint(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return base.endsWith(`/${SUNING_METHOD}`) ? base : `${base}/${SUNING_METHOD}`;
}

/** Invoices of the bills that answer a storage: by orderNo, or for line-number queries by orderItemId. */
function invoicesFor(storage: SuningStorage, bills: readonly SuningBill[]): SuningInvoice[] | null {
  const byOrder = bills.filter((b) => b.orderNo === storage.billNo);
  if (byOrder.length > 0) return byOrder.flatMap((b) => b.invoices);
  if (storage.billType === '02' || storage.billType === '04') {
    const byLine = bills.flatMap((b) => b.invoices).filter((i) => i.orderItemId === storage.billNo);
    if (byLine.length > 0) return byLine;
  }
  return null;
}

export function createSuningClient(opts: SuningClientOptions): SuningClient {
  const secrets = [opts.appSecret, ...(opts.accessToken ? [opts.accessToken] : [])];
  const transport = createTransport('suning', opts, secrets);
  const url = endpoint(opts.baseUrl);

  function interpret(storages: readonly SuningStorage[], res: HttpResponse): SuningBillResult[] {
    const body = res.body;
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], res.receivedAtLocal);
    const parsed = parseSuningBody(body, opts.format);
    if (!parsed.ok) {
      if (res.status === 429) {
        throw new PlatformError({
          platform: 'suning', kind: 'rate_limit', retryable: true, httpStatus: res.status, rawBody: body, secrets, retryAfterMs,
          message: { zh: '苏宁：请求过于频繁（HTTP 429）', en: 'Suning: too many requests (HTTP 429)' },
        });
      }
      if (res.status >= 500) {
        throw new PlatformError({
          platform: 'suning', kind: 'server', retryable: true, httpStatus: res.status, rawBody: body, secrets, retryAfterMs,
          message: { zh: `苏宁服务暂时不可用（HTTP ${res.status}）`, en: `Suning is temporarily unavailable (HTTP ${res.status})` },
        });
      }
      throw protocolError('suning', parsed.reason, body, res.status, secrets);
    }
    const outcome = normalizeQueryStorageResponse(parsed.tree);
    switch (outcome.kind) {
      case 'malformed':
        if (res.status >= 500) {
          throw new PlatformError({
            platform: 'suning', kind: 'server', retryable: true, httpStatus: res.status, rawBody: body, secrets, retryAfterMs,
            message: { zh: `苏宁服务暂时不可用（HTTP ${res.status}）`, en: `Suning is temporarily unavailable (HTTP ${res.status})` },
          });
        }
        throw protocolError('suning', outcome.reason, body, res.status, secrets);
      case 'error': {
        if (outcome.code === SUNING_NO_RESULT) {
          return storages.map((s) => ({
            billNo: s.billNo, billType: s.billType, outcome: 'no_result', invoices: [], code: outcome.code, message: outcome.message || null,
          }));
        }
        const cls = classifySuningCode(outcome.code);
        const t = KIND_TEXT[cls.kind];
        const retryable = cls.retryable || (cls.kind === 'server' && res.status >= 500);
        throw new PlatformError({
          platform: 'suning', kind: cls.kind, retryable, platformCode: outcome.code, httpStatus: res.status, rawBody: body, secrets, retryAfterMs,
          message: {
            zh: `苏宁：${t.zh}（${outcome.code}：${outcome.message}）`,
            en: `Suning: ${t.en} (${outcome.code}: ${outcome.message})`,
          },
        });
      }
      case 'business_failure':
        return storages.map((s) => ({
          billNo: s.billNo, billType: s.billType, outcome: 'error', invoices: [], code: outcome.returnCode, message: outcome.message || null,
        }));
      case 'ok':
        return storages.map((s) => {
          const invoices = invoicesFor(s, outcome.bills);
          return invoices !== null && invoices.length > 0
            ? { billNo: s.billNo, billType: s.billType, outcome: 'found', invoices, code: outcome.returnCode, message: null }
            : { billNo: s.billNo, billType: s.billType, outcome: 'no_result', invoices: [], code: outcome.returnCode, message: null };
        });
      default: {
        const never: never = outcome;
        return never;
      }
    }
  }

  return {
    transport,
    async queryStorage(input, signal) {
      const checked = storagesSchema.safeParse(input);
      if (!checked.success) {
        const v = validationError(checked.error, { zh: '苏宁查询参数不合规，未发送', en: 'Suning query not sent: invalid parameters' });
        throw new PlatformError({ platform: 'suning', kind: 'validation', message: { zh: v.messageZh, en: v.messageEn }, secrets });
      }
      const storages = checked.data;
      const body = buildQueryStorageBody(storages, opts.format);
      const build = (serverNowMs: number) => {
        const appRequestTime = formatSuningTime(serverNowMs);
        const signInfo = signSuning({
          appSecret: opts.appSecret, appMethod: SUNING_METHOD, appRequestTime, appKey: opts.appKey, versionNo: SUNING_VERSION, body,
        });
        const headers: Record<string, string> = {
          AppMethod: SUNING_METHOD,
          AppRequestTime: appRequestTime,
          Format: opts.format,
          AppKey: opts.appKey,
          VersionNo: SUNING_VERSION,
          signInfo,
          'Content-Type': opts.format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
        };
        if (opts.accessToken) headers['access_token'] = opts.accessToken;
        return { url, method: 'POST' as const, headers, body };
      };
      return transport.execute(build, (res) => interpret(storages, res), signal);
    },
    setRateLimit(limit) {
      transport.limiter.update(limit);
    },
    close: () => transport.close(),
  };
}
