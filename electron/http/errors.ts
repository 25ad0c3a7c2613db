// Main process. Every failure talking to Wangdiantong or Suning becomes one typed PlatformError (the transport's error type, below http/ and platforms/).
import { AppError, type Bilingual, type ErrorCode } from '../../shared/errors';
import { redactAndCut } from '../logging/redact';

export type PlatformName = 'wangdian' | 'suning';
export const PLATFORM_ERROR_KINDS = [
  'auth',
  'signature',
  'clock',
  'rate_limit',
  'validation',
  'not_found',
  'server',
  'network',
  'protocol',
] as const;
export type PlatformErrorKind = (typeof PLATFORM_ERROR_KINDS)[number];

export const PLATFORM_LABEL: Readonly<Record<PlatformName, Bilingual>> = {
  wangdian: { zh: '旺店通', en: 'Wangdiantong' },
  suning: { zh: '苏宁', en: 'Suning' },
};

export interface PlatformErrorInit {
  readonly platform: PlatformName;
  readonly kind: PlatformErrorKind;
  readonly message: Bilingual;
  readonly platformCode?: string | null;
  readonly retryable?: boolean;
  /** The response body; it is redacted and cut to 500 characters here. */
  readonly rawBody?: string | null;
  readonly httpStatus?: number | null;
  /** From a Retry-After header: the least the server asked us to wait. */
  readonly retryAfterMs?: number | null;
  /** Values that must never appear in the snippet or message (appsecret, token…). */
  readonly secrets?: readonly string[];
  readonly cause?: unknown;
}

/** What each kind means, for the start of a message. */
export const KIND_TEXT: Readonly<Record<PlatformErrorKind, { zh: string; en: string }>> = {
  auth: { zh: '账号或权限错误', en: 'credentials or permission rejected' },
  signature: { zh: '签名错误', en: 'signature rejected' },
  clock: { zh: '时间戳被拒绝（电脑时间与平台相差太大）', en: 'timestamp rejected (PC clock too far from the platform)' },
  rate_limit: { zh: '请求过于频繁', en: 'too many requests' },
  validation: { zh: '参数不合规', en: 'parameters rejected' },
  not_found: { zh: '记录不存在', en: 'record not found' },
  server: { zh: '平台服务错误', en: 'platform service error' },
  network: { zh: '网络错误', en: 'network error' },
  protocol: { zh: '响应无法识别', en: 'unrecognised response' },
};

export const SNIPPET_MAX = 500;

export class PlatformError extends AppError {
  readonly platform: PlatformName;
  readonly kind: PlatformErrorKind;
  readonly platformCode: string | null;
  readonly retryable: boolean;
  /** ≤ 500 characters of the response body, redacted; never the request. */
  readonly rawSnippet: string | null;
  readonly httpStatus: number | null;
  readonly retryAfterMs: number | null;

  constructor(init: PlatformErrorInit) {
    const secrets = init.secrets ?? [];
    const message = { zh: redactAndCut(init.message.zh, secrets, 1000), en: redactAndCut(init.message.en, secrets, 1000) };
    const rawSnippet = init.rawBody === undefined || init.rawBody === null ? null : redactAndCut(init.rawBody, secrets, SNIPPET_MAX);
    const platformCode = init.platformCode ?? null;
    const retryable = init.retryable ?? false;
    const httpStatus = init.httpStatus ?? null;
    super(`platform.${init.kind}` satisfies ErrorCode, message, {
      platform: init.platform,
      kind: init.kind,
      platformCode,
      retryable,
      httpStatus,
      rawSnippet,
    });
    this.name = 'PlatformError';
    this.platform = init.platform;
    this.kind = init.kind;
    this.platformCode = platformCode;
    this.retryable = retryable;
    this.rawSnippet = rawSnippet;
    this.httpStatus = httpStatus;
    this.retryAfterMs = init.retryAfterMs ?? null;
    if (init.cause !== undefined) this.cause = init.cause;
  }
}

/** Retry-After as seconds or an HTTP date → ms from `nowMs`; null when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | null {
  if (header === undefined || header.trim() === '') return null;
  const t = header.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

export function isPlatformError(e: unknown): e is PlatformError {
  return e instanceof PlatformError;
}

/** A body that is not what the protocol promises: HTML page, empty, truncated, wrong shape. */
export function protocolError(
  platform: PlatformName,
  why: Bilingual,
  body: string,
  httpStatus: number,
  secrets: readonly string[],
): PlatformError {
  const p = PLATFORM_LABEL[platform];
  return new PlatformError({
    platform,
    kind: 'protocol',
    message: { zh: `${p.zh}返回了无法识别的响应：${why.zh}`, en: `${p.en} sent an unrecognised response: ${why.en}` },
    rawBody: body,
    httpStatus,
    secrets,
  });
}

/** Looks at an unparseable body and says, in both languages, what it is. */
export function describeUnparseable(body: string, expected: 'JSON' | 'XML'): Bilingual {
  const t = body.replace(/^\uFEFF/, '').trim();
  if (t === '') return { zh: '响应内容为空', en: 'the response body is empty' };
  if (/^<!doctype\s+html|^<html[\s>]/i.test(t) || /<body[\s>]/i.test(t.slice(0, 2000))) {
    return { zh: '收到的是 HTML 网页而不是接口数据（可能是网关错误页）', en: 'got an HTML page instead of API data (probably a gateway error page)' };
  }
  return { zh: `响应不是完整的 ${expected}（可能被截断）`, en: `the response is not complete ${expected} (possibly truncated)` };
}
