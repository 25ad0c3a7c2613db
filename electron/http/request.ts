// Main process. One HTTP exchange over undici with a read deadline covering headers and body together.
import { request, type Dispatcher } from 'undici';
import { AppError } from '../../shared/errors';
import { PLATFORM_LABEL, PlatformError, type PlatformName } from './errors';
import type { ResolvedConnection } from './agent';

export interface HttpRequestSpec {
  readonly url: string;
  readonly method: 'POST' | 'GET';
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as is: the bytes that were signed are the bytes on the wire. */
  readonly body?: Uint8Array | string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Decoded as UTF-8 (both platforms answer in UTF-8). */
  readonly body: string;
  /** Local clock (uncorrected) when the request was dispatched and when the body was complete. */
  readonly sentAtLocal: number;
  readonly receivedAtLocal: number;
}

export function cancelledError(): AppError {
  return new AppError('cancelled', { zh: '操作已取消', en: 'The operation was cancelled' });
}

class ReadTimeout extends Error {}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function errorCode(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  if (e instanceof Error) return e.name;
  return 'unknown';
}

function networkError(platform: PlatformName, zh: string, en: string, cause: unknown): PlatformError {
  const p = PLATFORM_LABEL[platform];
  return new PlatformError({
    platform,
    kind: 'network',
    retryable: true,
    message: { zh: `无法连接${p.zh}：${zh}`, en: `Could not reach ${p.en}: ${en}` },
    cause,
  });
}

export interface SendContext {
  readonly platform: PlatformName;
  readonly dispatcher: Dispatcher;
  readonly conn: ResolvedConnection;
  readonly localNow: () => number;
  readonly secrets: readonly string[];
}

/**
 * Sends one request. Throws AppError('cancelled') when `signal` aborts, a retryable `network` PlatformError
 * for timeouts and socket failures, a `protocol` PlatformError for an oversized body. Never interprets status.
 */
export async function sendOnce(ctx: SendContext, spec: HttpRequestSpec, signal?: AbortSignal): Promise<HttpResponse> {
  if (signal?.aborted) throw cancelledError();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new ReadTimeout('read timeout')), ctx.conn.readTimeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  const sentAtLocal = ctx.localNow();
  try {
    const res = await request(spec.url, {
      dispatcher: ctx.dispatcher,
      method: spec.method,
      headers: { ...spec.headers },
      body: spec.body === undefined ? null : typeof spec.body === 'string' ? spec.body : Buffer.from(spec.body),
      signal: combined,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      if (size > ctx.conn.maxResponseBytes) {
        res.body.destroy();
        const p = PLATFORM_LABEL[ctx.platform];
        throw new PlatformError({
          platform: ctx.platform,
          kind: 'protocol',
          httpStatus: res.statusCode,
          message: {
            zh: `${p.zh}的响应超过 ${ctx.conn.maxResponseBytes} 字节，已拒收`,
            en: `${p.en} sent more than ${ctx.conn.maxResponseBytes} bytes; refused`,
          },
        });
      }
      chunks.push(buf);
    }
    return {
      status: res.statusCode,
      headers: flattenHeaders(res.headers),
      body: Buffer.concat(chunks).toString('utf8'),
      sentAtLocal,
      receivedAtLocal: ctx.localNow(),
    };
  } catch (e) {
    if (e instanceof PlatformError) throw e;
    if (signal?.aborted) throw cancelledError();
    if (deadline.signal.aborted) {
      const s = Math.round(ctx.conn.readTimeoutMs / 100) / 10;
      throw networkError(ctx.platform, `${s} 秒内未收到完整响应（读取超时）`, `no complete response within ${s} s (read timeout)`, e);
    }
    const code = errorCode(e);
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      const s = Math.round(ctx.conn.connectTimeoutMs / 100) / 10;
      throw networkError(ctx.platform, `${s} 秒内未能建立连接（连接超时）`, `no connection within ${s} s (connect timeout)`, e);
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      throw networkError(ctx.platform, '等待响应超时', 'timed out waiting for the response', e);
    }
    throw networkError(ctx.platform, `网络错误（${code}）`, `network error (${code})`, e);
  } finally {
    clearTimeout(timer);
  }
}
