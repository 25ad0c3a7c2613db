// Main process. A local Wangdiantong openapi2 server answering vip_invoice_info_update.php like the real one: same
// path, form encoding, check order and {code, message} answers, over a seedable store of ERP invoice records.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { EmulatorServer, acceptPost, corruptBody, pathOf, send } from './http-kit';
import { badOption, type Faults } from './faults';
import { EmulatorState, type EmulatorControls } from './emulator-state';
import type { ErpRecord, ErpRecordState, ReceivedWdt } from './types';
import { wdtSignatureValid } from './wangdian-verify';

export const WDT_UPDATE_PATH = '/openapi2/vip_invoice_info_update.php';

/** Answer codes, as the platform sends them. */
export const WDT_CODES = {
  ok: 0,
  badParam: 1000,
  badAccount: 1010,
  badSign: 1020,
  badTimestamp: 1030,
  rateLimit: 1040,
  unknownInvoice: 30000,
} as const;

/** The server allows ±5 minutes between its clock and `timestamp`. */
const TIMESTAMP_WINDOW_S = 300;

export interface WangdianEmulatorOptions {
  readonly port?: number;
  readonly sid: string;
  readonly appkey: string;
  readonly appsecret: string;
  readonly records?: Iterable<ErpRecord>;
  readonly faults?: Faults;
  readonly clockOffsetMs?: number;
}

export interface WangdianEmulator extends EmulatorControls<ReceivedWdt> {
  /** Base, e.g. http://127.0.0.1:PORT; the API is at `${url}/openapi2/vip_invoice_info_update.php`. */
  readonly url: string;
  close(): Promise<void>;
  /** ERP records by invoice_no. */
  readonly store: Map<string, ErpRecordState>;
  seed(records: Iterable<ErpRecord>): void;
}

interface Answer {
  readonly code: number;
  readonly message: string;
}

function chars(s: string): number {
  return Array.from(s).length;
}

function toState(r: ErpRecord): ErpRecordState {
  return {
    invoiceNo: r.invoiceNo,
    orderNo: r.orderNo,
    amountFen: r.amountFen,
    status: r.status,
    invoiceCode: r.invoiceCode,
    invoiceNum: r.invoiceNum,
    pdfUrl: r.pdfUrl,
    errorInfo: r.errorInfo,
    updateCount: 0,
    updatedAt: null,
  };
}

function answer(code: number, message: string): Answer {
  return { code, message };
}

/** Business limits of vip_invoice_info_update (characters). */
const LIMITS = [
  ['invoice_no', 20],
  ['invoice_no_out', 40],
  ['invoice_code', 20],
  ['error_info', 255],
  ['file_path', 1024],
] as const;

function validateBusiness(p: Readonly<Record<string, string>>): Answer | { status: 65 | 75 | 80 } {
  const invoiceNo = p['invoice_no'];
  if (invoiceNo === undefined || invoiceNo.trim() === '') return answer(WDT_CODES.badParam, '参数错误:invoice_no不能为空');
  const rawStatus = p['status'];
  let status: 65 | 75 | 80 = 80;
  if (rawStatus !== undefined && rawStatus !== '') {
    if (rawStatus === '65' || rawStatus === '75' || rawStatus === '80') status = Number(rawStatus) as 65 | 75 | 80;
    else return answer(WDT_CODES.badParam, `参数错误:status取值无效(${rawStatus}),只能是65、75或80`);
  }
  if (p['invoice_code'] === undefined) return answer(WDT_CODES.badParam, '参数错误:缺少invoice_code');
  if (status === 80 && (p['invoice_no_out'] ?? '').trim() === '') {
    return answer(WDT_CODES.badParam, '参数错误:status为80时invoice_no_out不能为空');
  }
  for (const [field, max] of LIMITS) {
    const v = p[field];
    if (v !== undefined && chars(v) > max) return answer(WDT_CODES.badParam, `参数错误:${field}长度不能超过${max}个字符`);
  }
  return { status };
}

export async function startWangdianEmulator(opts: WangdianEmulatorOptions): Promise<WangdianEmulator> {
  if (!opts.sid || !opts.appkey || !opts.appsecret) {
    throw badOption('旺店通模拟器需要 sid、appkey 和 appsecret', 'The Wangdiantong emulator needs sid, appkey and appsecret');
  }
  const state = new EmulatorState<ReceivedWdt>(opts.faults, opts.clockOffsetMs);
  const { faults, received, now } = state;
  const store = new Map<string, ErpRecordState>();

  const seed = (records: Iterable<ErpRecord>): void => {
    for (const r of records) store.set(r.invoiceNo, toState(r));
  };
  if (opts.records) seed(opts.records);

  function check(p: Readonly<Record<string, string>>): Answer {
    for (const field of ['sid', 'appkey', 'timestamp', 'sign'] as const) {
      if (p[field] === undefined || p[field] === '') return answer(WDT_CODES.badParam, `参数错误:缺少${field}`);
    }
    if (p['sid'] !== opts.sid || p['appkey'] !== opts.appkey) return answer(WDT_CODES.badAccount, '卖家账号或接口账号不存在');
    const ts = p['timestamp'] ?? '';
    if (!/^\d{10}$/.test(ts) || Math.abs(Number(ts) - now() / 1000) > TIMESTAMP_WINDOW_S) {
      return answer(WDT_CODES.badTimestamp, '时间戳超出允许范围');
    }
    if (!wdtSignatureValid(p, opts.appsecret)) return answer(WDT_CODES.badSign, '签名错误');
    if (faults.rateLimited(performance.now())) return answer(WDT_CODES.rateLimit, '请求频率超限');
    const business = validateBusiness(p);
    if ('code' in business) return business;
    const invoiceNo = p['invoice_no'] ?? '';
    const record = store.get(invoiceNo);
    if (!record) return answer(WDT_CODES.unknownInvoice, '发票编号在系统中不存在,请检查invoice_no字段值');
    // Same values twice leave the record as it was: the update is idempotent, as on the ERP side.
    record.status = business.status;
    record.invoiceCode = p['invoice_code'] ?? '';
    if (p['invoice_no_out'] !== undefined) record.invoiceNum = p['invoice_no_out'];
    // Our client leaves empty error_info/file_path out (as the public SDKs do), so absent means empty here.
    record.pdfUrl = p['file_path'] ?? '';
    record.errorInfo = p['error_info'] ?? '';
    record.updateCount += 1;
    record.updatedAt = now();
    return answer(WDT_CODES.ok, 'OK');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    state.countRequest();
    const body = await acceptPost(req, res, pathOf(req) === WDT_UPDATE_PATH, now);
    if (body === null) return;
    // PHP fills $_POST only from a form-encoded body; anything else arrives as "no parameters".
    const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    // No prototype: a parameter named "constructor" or "__proto__" is just a parameter.
    const params = Object.create(null) as Record<string, string>;
    if (isForm) {
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) if (!(k in params)) params[k] = v;
    }
    const entry: ReceivedWdt = { time: now(), params, code: null, fault: null };
    received.push(entry);
    if (await state.delayOrFault(server, res, entry)) return;
    const result = check(params);
    entry.code = result.code;
    const json = JSON.stringify({ code: result.code, message: result.message });
    const bodyFault = faults.body();
    if (bodyFault) entry.fault = bodyFault;
    // The seed document's own sample answer is this not-quite-JSON.
    const out = bodyFault ? corruptBody(json, bodyFault, `{'code':'${result.code}','message':'${result.message}'`) : json;
    send(res, 200, 'application/json; charset=utf-8', out, now());
  }

  const server = new EmulatorServer(handle);
  const url = await server.listen(opts.port ?? 0);

  return { url, close: () => server.close(), store, seed, ...state.controls() };
}
