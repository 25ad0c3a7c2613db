// Benchmark (plain Node). The baseline: a small, honest re-creation of what the platforms' sample SDKs do
// (WdtClient.execute / the Suning open-platform sample client) — one call per invoice or order, one after
// the other, a NEW TCP connection for every request (`Connection: close`, no agent), signed exactly as the
// app signs (the same sign.ts functions), the response read and parsed. No batching, no concurrency, no
// keep-alive, no database: everything the app adds on top of this is its own cost, not the baseline's.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { signWangdianParams } from '../../electron/platforms/wangdian/sign';
import { formatSuningTime, signSuning } from '../../electron/platforms/suning/sign';
import type { Endpoints } from './emulator-protocol';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One POST on a fresh connection (agent: false), closed after the answer, like the SDKs' HTTP helpers. */
function postOnce(url: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, Connection: 'close', 'Content-Length': String(body.length) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface BaselineRun {
  readonly ms: number;
  readonly calls: number;
  readonly ok: number;
  readonly failed: number;
}

/** What WdtClient.execute('vip_invoice_info_update.php', params) does for each invoice, sequentially. */
export interface WdtUpdate {
  readonly invoice_no: string;
  readonly status: string;
  readonly invoice_code: string;
  readonly invoice_no_out: string;
  readonly error_info: string;
  readonly file_path: string;
}

export async function wangdianSdkBaseline(ep: Endpoints['wangdian'], updates: readonly WdtUpdate[]): Promise<BaselineRun> {
  const url = `${ep.url.replace(/\/+$/, '')}/openapi2/vip_invoice_info_update.php`;
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  for (const u of updates) {
    const params: Record<string, string> = {
      ...u,
      sid: ep.sid,
      appkey: ep.appkey,
      timestamp: String(Math.floor(Date.now() / 1000)),
    };
    params['sign'] = signWangdianParams(params, ep.appsecret);
    const res = await postOnce(url, { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, Buffer.from(new URLSearchParams(params).toString(), 'utf8'));
    const parsed = JSON.parse(res.body) as { code?: unknown };
    if (res.status === 200 && Number(parsed.code) === 0) ok++;
    else failed++;
  }
  return { ms: performance.now() - t0, calls: updates.length, ok, failed };
}

/** The Suning sample client: one storage (one order) per suning.custom.storage.query call, sequentially. */
export async function suningSdkBaseline(ep: Endpoints['suning'], orderNos: readonly string[]): Promise<BaselineRun> {
  const method = 'suning.custom.storage.query';
  const version = 'v1.2';
  const url = `${ep.url.replace(/\/+$/, '')}/${method}`;
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  for (const billNo of orderNos) {
    const body = Buffer.from(JSON.stringify({ sn_request: { sn_body: { queryStorage: { storage: [{ billNo, billType: '01', saleOrg: ep.saleOrg }] } } } }), 'utf8');
    const appRequestTime = formatSuningTime(Date.now());
    const signInfo = signSuning({ appSecret: ep.appSecret, appMethod: method, appRequestTime, appKey: ep.appKey, versionNo: version, body });
    const res = await postOnce(url, {
      AppMethod: method,
      AppRequestTime: appRequestTime,
      Format: 'json',
      AppKey: ep.appKey,
      VersionNo: version,
      signInfo,
      'Content-Type': 'application/json; charset=utf-8',
    }, body);
    const parsed = JSON.parse(res.body) as { sn_responseContent?: { sn_body?: { queryStorage?: { returnCode?: string } }; sn_error?: { error_code?: string } } };
    const content = parsed.sn_responseContent;
    const answered = content?.sn_body?.queryStorage?.returnCode === '0000' || content?.sn_error?.error_code === 'biz.handler.data-get:no-result';
    if (res.status === 200 && answered) ok++;
    else failed++;
  }
  return { ms: performance.now() - t0, calls: orderNos.length, ok, failed };
}
