// Main process. Wangdiantong vip_invoice_info_update client: validate, sign, POST form, classify the answer.
import { validationError } from '../../../shared/errors';
import {
  wangdianResponseSchema,
  wangdianUpdateRequestSchema,
  type WangdianUpdateInput,
} from '../../../shared/domain/wangdian';
import { KIND_TEXT, PlatformError, describeUnparseable, parseRetryAfter, protocolError } from '../../http/errors';
import { createTransport, type HttpOptions, type PlatformTransport } from '../../http/transport';
import type { HttpResponse } from '../../http/request';
import type { RateLimit } from '../../http/rate-limiter';
import { signWangdianParams } from './sign';
import { classifyWangdianCode } from './errors';

export const WANGDIAN_UPDATE_PATH = '/openapi2/vip_invoice_info_update.php';

export interface WangdianClientOptions extends HttpOptions {
  /** e.g. https://api.wangdian.cn or an emulator's url; the path is appended. */
  readonly baseUrl: string;
  readonly sid: string;
  readonly appkey: string;
  readonly appsecret: string;
}

export interface WangdianUpdateResult {
  readonly code: 0;
  readonly message: string;
}

export interface WangdianClient {
  /** Sends one update; resolves only on code 0, otherwise throws PlatformError (or AppError 'cancelled'). */
  updateInvoice(req: WangdianUpdateInput, signal?: AbortSignal): Promise<WangdianUpdateResult>;
  /** Changes requests/second and concurrency while running. */
  setRateLimit(limit: RateLimit): void;
  readonly transport: PlatformTransport;
  close(): Promise<void>;
}

function endpoint(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/openapi2$/, '') + WANGDIAN_UPDATE_PATH;
}

export function createWangdianClient(opts: WangdianClientOptions): WangdianClient {
  const secrets = [opts.appsecret];
  const transport = createTransport('wangdian', opts, secrets);
  const url = endpoint(opts.baseUrl);

  function interpret(res: HttpResponse): WangdianUpdateResult {
    const body = res.body;
    const fail = (kind: 'server' | 'rate_limit', retryable: boolean, zh: string, en: string): PlatformError =>
      new PlatformError({
        platform: 'wangdian', kind, retryable, httpStatus: res.status, rawBody: body, secrets, message: { zh, en },
        retryAfterMs: parseRetryAfter(res.headers['retry-after'], res.receivedAtLocal),
      });
    if (res.status === 429) throw fail('rate_limit', true, '旺店通：请求过于频繁（HTTP 429）', 'Wangdiantong: too many requests (HTTP 429)');
    if (res.status >= 500) {
      throw fail('server', true, `旺店通服务暂时不可用（HTTP ${res.status}）`, `Wangdiantong is temporarily unavailable (HTTP ${res.status})`);
    }
    let tree: unknown;
    try {
      tree = JSON.parse(body.replace(/^\uFEFF/, ''));
    } catch {
      throw protocolError('wangdian', describeUnparseable(body, 'JSON'), body, res.status, secrets);
    }
    const parsed = wangdianResponseSchema.safeParse(tree);
    if (!parsed.success) {
      // The schema's own reason ("code … exactly 0 …") is bilingual already: "zh / en".
      const why = parsed.error.issues.find((i) => i.code === 'custom')?.message.split(' / ');
      throw protocolError(
        'wangdian',
        why && why.length === 2
          ? { zh: `响应不是 {code, message} 结构：${why[0]}`, en: `the response is not the {code, message} shape: ${why[1]}` }
          : { zh: '响应不是 {code, message} 结构', en: 'the response is not the {code, message} shape' },
        body,
        res.status,
        secrets,
      );
    }
    const { code, message } = parsed.data;
    if (code === 0) {
      if (res.status < 200 || res.status >= 300) {
        throw protocolError('wangdian', { zh: `HTTP ${res.status} 却返回成功`, en: `success body with HTTP ${res.status}` }, body, res.status, secrets);
      }
      return { code: 0, message };
    }
    const cls = classifyWangdianCode(code, message);
    const t = KIND_TEXT[cls.kind];
    throw new PlatformError({
      platform: 'wangdian',
      kind: cls.kind,
      retryable: cls.retryable,
      platformCode: String(code),
      httpStatus: res.status,
      rawBody: body,
      secrets,
      message: { zh: `旺店通：${t.zh}（代码 ${code}：${message}）`, en: `Wangdiantong: ${t.en} (code ${code}: ${message})` },
    });
  }

  return {
    transport,
    async updateInvoice(input, signal) {
      const checked = wangdianUpdateRequestSchema.safeParse(input);
      if (!checked.success) {
        const v = validationError(checked.error, { zh: '回传旺店通的参数不合规，未发送', en: 'Wangdiantong update not sent: invalid parameters' });
        throw new PlatformError({
          platform: 'wangdian',
          kind: 'validation',
          message: { zh: v.messageZh, en: v.messageEn },
          secrets,
        });
      }
      const req = checked.data;
      const business: Record<string, string> = {
        invoice_no: req.invoice_no,
        status: String(req.status),
        invoice_code: req.invoice_code,
      };
      if (req.invoice_no_out !== undefined) business['invoice_no_out'] = req.invoice_no_out;
      // Empty optional values are left out of the body and so of the signature (as the public SDKs do);
      // invoice_code is required on the wire and stays, empty for 数电票.
      if (req.error_info !== undefined && req.error_info !== '') business['error_info'] = req.error_info;
      if (req.file_path !== undefined && req.file_path !== '') business['file_path'] = req.file_path;
      const build = (serverNowMs: number) => {
        const params: Record<string, string> = {
          ...business,
          sid: opts.sid,
          appkey: opts.appkey,
          timestamp: String(Math.floor(serverNowMs / 1000)),
        };
        params['sign'] = signWangdianParams(params, opts.appsecret);
        return {
          url,
          method: 'POST' as const,
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
          body: new URLSearchParams(params).toString(),
        };
      };
      return transport.execute(build, interpret, signal);
    },
    setRateLimit(limit) {
      transport.limiter.update(limit);
    },
    close: () => transport.close(),
  };
}
