// Runs in tests. Hand-signs requests for the emulator tests, independently of both the client's signer and the
// emulators' verifiers, so a shared bug cannot make the tests pass.
import { createHash } from 'node:crypto';

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

export function wdtSign(params: Record<string, string>, secret: string): string {
  const packed = Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => {
      const v = params[k] ?? '';
      return `${String([...k].length).padStart(2, '0')}-${k}:${String([...v].length).padStart(4, '0')}-${v}`;
    })
    .join(';');
  return md5(packed + secret);
}

export interface WdtCreds {
  readonly url: string;
  readonly sid: string;
  readonly appkey: string;
  readonly appsecret: string;
}

/** POSTs a signed form like the real SDKs; `override` replaces public params after signing (to break them). */
export async function wdtPost(
  c: WdtCreds,
  business: Record<string, string>,
  opts: { timestamp?: number; override?: Record<string, string | undefined>; secret?: string } = {},
): Promise<Response> {
  const params: Record<string, string> = {
    sid: c.sid,
    appkey: c.appkey,
    timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
    ...business,
  };
  params['sign'] = wdtSign(params, opts.secret ?? c.appsecret);
  for (const [k, v] of Object.entries(opts.override ?? {})) {
    if (v === undefined) delete params[k];
    else params[k] = v;
  }
  return fetch(`${c.url}/openapi2/vip_invoice_info_update.php`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  });
}

export function beijingTime(epochMs: number): string {
  const d = new Date(epochMs + 8 * 3600_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export interface SnCreds {
  readonly url: string;
  readonly appKey: string;
  readonly appSecret: string;
  readonly saleOrg: string;
}

export interface SnStorage {
  billNo?: string;
  billType?: string;
  saleOrg?: string;
  saleTaxNo?: string;
}

export function jsonBody(storages: readonly SnStorage[]): string {
  return JSON.stringify({ sn_request: { sn_body: { queryStorage: { storage: storages } } } });
}

export function xmlBody(storages: readonly SnStorage[]): string {
  const items = storages
    .map((s) => `<storage>${Object.entries(s).map(([k, v]) => `<${k}>${v ?? ''}</${k}>`).join('')}</storage>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><sn_request><sn_body><queryStorage>${items}</queryStorage></sn_body></sn_request>`;
}

/** POSTs a signed query; headers in `override` replace (or with undefined, remove) the signed ones. */
export async function snPost(
  c: SnCreds,
  body: string,
  opts: { format?: 'json' | 'xml' | null; timeMs?: number; secret?: string; method?: string; toBase?: boolean; override?: Record<string, string | undefined> } = {},
): Promise<Response> {
  const appMethod = opts.method ?? 'suning.custom.storage.query';
  const appRequestTime = beijingTime(opts.timeMs ?? Date.now());
  const versionNo = 'v1.2';
  const signInfo = md5((opts.secret ?? c.appSecret) + appMethod + appRequestTime + c.appKey + versionNo + Buffer.from(body, 'utf8').toString('base64'));
  const headers: Record<string, string> = {
    AppMethod: appMethod,
    AppRequestTime: appRequestTime,
    AppKey: c.appKey,
    VersionNo: versionNo,
    signInfo,
    'Content-Type': opts.format === 'xml' || opts.format === null ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8',
  };
  const format = opts.format === undefined ? 'json' : opts.format;
  if (format !== null) headers['Format'] = format;
  for (const [k, v] of Object.entries(opts.override ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return fetch(opts.toBase ? c.url : `${c.url}/suning.custom.storage.query`, { method: 'POST', headers, body });
}
