// Main process. "测试连接": one harmless real request per platform, turned into a clear verdict.
import { AppError } from '../../shared/errors';
import type { z } from 'zod';
import type { connectionVerdictSchema } from '../../shared/api/schemas';
import { isPlatformError, type PlatformErrorKind } from '../http/errors';
import type { PlatformClients } from './platform-clients';

export type ConnectionVerdict = z.infer<typeof connectionVerdictSchema>;

/**
 * An ERP invoice number no real record carries: Wangdiantong answers 30000 (unknown invoice) only after it
 * has accepted sid, appkey, timestamp and sign, so that answer proves the whole chain without changing data.
 */
export const PROBE_INVOICE_NO = '__IR_CONN_TEST__';

const KIND_VERDICT: Readonly<Record<PlatformErrorKind, ConnectionVerdict['verdict']>> = {
  auth: 'auth',
  signature: 'signature',
  clock: 'clock',
  rate_limit: 'ok',
  validation: 'other',
  not_found: 'ok',
  server: 'other',
  network: 'unreachable',
  protocol: 'protocol',
};

/**
 * The probe's expected refusals, explained: the clerk sees "连接正常" beside a platform code and must not wonder
 * whether that code is a failure.
 */
function okDespiteError(kind: PlatformErrorKind, code: string | null): { zh: string; en: string } {
  const c = code ?? '—';
  if (kind === 'rate_limit') {
    return {
      zh: `连接正常：服务器可以连通，签名和时间正确；平台暂时限制了请求频率（代码 ${c}），稍后即可正常使用`,
      en: `Connected: the server is reachable and the request was signed correctly; the platform is briefly limiting the request rate (code ${c}), which passes by itself`,
    };
  }
  return {
    zh: `连接正常：服务器可以连通，签名和时间正确。测试用的是一张不存在的发票，平台按预期回复“找不到该发票”（代码 ${c}），没有改动任何数据`,
    en: `Connected: the server is reachable and the request was signed correctly. The test uses an invoice that does not exist, and the platform answered "no such invoice" as expected (code ${c}); no data was changed`,
  };
}

function skewSeconds(offsetMs: number): number {
  return Math.round(offsetMs / 1000);
}

export async function testConnection(platform: 'wangdian' | 'suning', clients: PlatformClients): Promise<ConnectionVerdict> {
  const started = performance.now();
  let offsetMs = 0;
  try {
    if (platform === 'wangdian') {
      const client = await clients.wangdian();
      try {
        await client.updateInvoice({ invoice_no: PROBE_INVOICE_NO, status: 80, invoice_no_out: '00000000', invoice_code: '' });
      } finally {
        offsetMs = client.transport.clock.offsetMs;
      }
    } else {
      const { client, saleOrg } = await clients.suning();
      try {
        await client.queryStorage([{ billNo: '0', billType: '01', saleOrg }]);
      } finally {
        offsetMs = client.transport.clock.offsetMs;
      }
    }
    return verdict('ok', null, offsetMs, started, { zh: '连接正常：签名和时间均被平台接受', en: 'Connected: the platform accepted the signature and the time' });
  } catch (error) {
    if (isPlatformError(error)) {
      const v = KIND_VERDICT[error.kind];
      if (v === 'ok') return verdict('ok', error.platformCode, offsetMs, started, okDespiteError(error.kind, error.platformCode));
      return verdict(v, error.platformCode ?? error.code, offsetMs, started, { zh: error.messageZh, en: error.messageEn });
    }
    if (error instanceof AppError && error.code === 'not_configured') {
      return verdict('not_configured', error.code, null, started, { zh: error.messageZh, en: error.messageEn });
    }
    throw error;
  }
}

function verdict(v: ConnectionVerdict['verdict'], code: string | null, offsetMs: number | null, started: number, msg: { zh: string; en: string }): ConnectionVerdict {
  const skew = offsetMs === null ? null : skewSeconds(offsetMs);
  const skewNote = skew !== null && Math.abs(skew) >= 60
    ? { zh: `（本机时钟与平台相差 ${skew} 秒，已自动校正）`, en: ` (this PC's clock is ${skew} s off the platform's; corrected automatically)` }
    : { zh: '', en: '' };
  return {
    ok: v === 'ok',
    verdict: v,
    message: msg.zh + skewNote.zh,
    messageEn: msg.en + skewNote.en,
    code,
    skewSeconds: skew,
    latencyMs: Math.round(performance.now() - started),
  };
}
