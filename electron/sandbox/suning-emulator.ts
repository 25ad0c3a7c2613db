// Main process. A local Suning open-platform server answering suning.custom.storage.query like the real one: same
// path and headers, signInfo over the exact body, the Beijing-time window, JSON or XML per Format, several storages
// per request, the seed document's error codes, over a seedable set of invoices per order.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { EmulatorServer, acceptPost, corruptBody, headerRecord, pathOf, send } from './http-kit';
import { badOption, type Faults } from './faults';
import { EmulatorState, type EmulatorControls } from './emulator-state';
import type { ReceivedSuning, SuningWireInvoice } from './types';
import { parseBeijingTime, suningSignInfoValid } from './suning-verify';
import { createFileRoutes, type ReceivedFile } from './einvoice-files';
import type { SeedFile } from './seed';

export const SUNING_STORAGE_METHOD = 'suning.custom.storage.query';
export const SUNING_VERSION = 'v1.2';
/** The platform allows ±10 minutes between its clock and AppRequestTime. */
const TIME_WINDOW_MS = 600_000;
const DEFAULT_SALE_TAX_NO = '91320106773973920L';

export interface SuningEmulatorOptions {
  readonly port?: number;
  readonly appKey: string;
  readonly appSecret: string;
  readonly saleOrg: string;
  /** 销方税号 reported on every bill; a query naming another saleTaxNo finds nothing. */
  readonly saleTaxNo?: string;
  readonly invoicesByOrder?: ReadonlyMap<string, readonly SuningWireInvoice[]>;
  /** Orders whose query answers returnCode 9999. */
  readonly failingOrders?: Iterable<string>;
  readonly faults?: Faults;
  readonly clockOffsetMs?: number;
  /** The files behind the invoices' links (GET /dzfp/<code><number>.pdf), by seed.fileKeyOf. */
  readonly files?: ReadonlyMap<string, SeedFile>;
  /** How long a `slow` file stalls mid-way (default 3 s). faults.latencyMs delays every file answer too. */
  readonly slowFileMs?: number;
}

export interface SuningEmulator extends EmulatorControls<ReceivedSuning> {
  /** Base; the API is at `${url}/suning.custom.storage.query`, or at `${url}` with the method in AppMethod. */
  readonly url: string;
  close(): Promise<void>;
  readonly invoicesByOrder: Map<string, readonly SuningWireInvoice[]>;
  readonly failingOrders: Set<string>;
  /** Adds (or replaces) the invoices of the given orders; marks failing orders. */
  seed(invoicesByOrder: ReadonlyMap<string, readonly SuningWireInvoice[]>, failingOrders?: Iterable<string>): void;
  /** Adds (or replaces) the files served behind the invoices' links. */
  seedFiles(files: ReadonlyMap<string, SeedFile>): void;
  /** Every file request answered (kept apart from `received`, which holds API queries). */
  readonly fileRequests: ReceivedFile[];
  /** The PDF served for a seeded file (tests compare downloads with it). */
  pdfOf(file: SeedFile): Promise<Buffer>;
}

type Format = 'json' | 'xml';
type Tree = Record<string, unknown>;

interface SnError {
  readonly kind: 'error';
  readonly code: string;
  readonly msg: string;
}
interface SnBody {
  readonly kind: 'body';
  readonly queryStorage: Tree;
  readonly returnCode: '0000' | '9999';
}
type Outcome = SnError | SnBody;

const snError = (code: string, msg: string): SnError => ({ kind: 'error', code, msg });

const ERR = {
  headerNull: snError('sys.check.header-param:null', 'header参数为空'),
  userKey: snError('sys.check.user-permission:inexistence', '用户key不存在'),
  version: snError('sys.check.missing-parameter:apiversion', 'API版本号未指定'),
  time: snError('sys.check.app-time:error', '请求参数错误api请求时间误差大'),
  requestTime: snError('sys.check.request-apprequesttime:error', '请求时间戳误差太大'),
  sign: snError('sys.check.app-sign:error', '签名信息错误'),
  method: snError('sys.check.api-permission:inexistence', 'Api方法不存在'),
  frequency: snError('sys.controller.api-frequency:limit', '访问频率限制'),
  params: snError('sys.check.request-params:error', '请求报文结构错误'),
  snBody: snError('sys.check.missing-nestElement:sn_body', '缺少sn_body节点'),
  noResult: snError('biz.handler.data-get:no-result', '查询没结果'),
} as const;

const missingParam = (field: string): SnError => snError(`biz.custom.querystorage.missing-parameter:${field}`, '参数必填');
const overlong = (field: string): SnError => snError(`biz.custom.querystorage.length-overlong:${field}`, '参数的值超过规定长度');

const REQUIRED_HEADERS = ['appmethod', 'apprequesttime', 'appkey', 'versionno', 'signinfo'] as const;
const MAX_LENGTHS = [
  ['billNo', 64],
  ['saleOrg', 32],
  ['saleTaxNo', 32],
] as const;

const xmlParser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, ignoreDeclaration: true, trimValues: true });
const xmlBuilder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false, format: false });
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';

function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function chars(s: string): number {
  return Array.from(s).length;
}

interface Storage {
  readonly billNo: string;
  readonly billType: string;
  readonly saleOrg: string;
  readonly saleTaxNo: string;
}

/**
 * Parses the body into the list of storages, or the error the platform answers. The body's own syntax decides
 * how it is read (Format only chooses the answer's format), so a JSON query asking for an XML answer works.
 */
function parseStorages(body: Buffer): Storage[] | SnError {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  let tree: unknown;
  if (first === '{') {
    try {
      tree = JSON.parse(text);
    } catch (e) {
      if (e instanceof SyntaxError) return ERR.params;
      throw e;
    }
  } else if (first === '<') {
    if (XMLValidator.validate(text) !== true) return ERR.params;
    tree = xmlParser.parse(text);
  } else {
    return ERR.params;
  }
  if (!isTree(tree) || !isTree(tree['sn_request'])) return ERR.params;
  const snBody = tree['sn_request']['sn_body'];
  if (!isTree(snBody)) return ERR.snBody;
  const qs = snBody['queryStorage'];
  if (!isTree(qs)) return missingParam('storage');
  const raw = qs['storage'];
  const list: unknown[] = raw === undefined || raw === '' ? [] : Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return missingParam('storage');
  const out: Storage[] = [];
  for (const item of list) {
    if (!isTree(item)) return ERR.params;
    const fields: Record<string, string> = {};
    for (const key of ['billNo', 'billType', 'saleOrg', 'saleTaxNo']) {
      const v = item[key];
      if (v === undefined || v === null) fields[key] = '';
      else if (typeof v === 'string') fields[key] = v.trim();
      else if (typeof v === 'number' && Number.isFinite(v)) fields[key] = String(v);
      else return ERR.params;
    }
    for (const key of ['billNo', 'billType', 'saleOrg']) if (fields[key] === '') return missingParam(key);
    for (const [key, max] of MAX_LENGTHS) if (chars(fields[key] ?? '') > max) return overlong(key);
    out.push({ billNo: fields['billNo'] ?? '', billType: fields['billType'] ?? '', saleOrg: fields['saleOrg'] ?? '', saleTaxNo: fields['saleTaxNo'] ?? '' });
  }
  return out;
}

function wireItem(inv: SuningWireInvoice): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(inv)) if (k !== 'orderItemId' && v !== undefined) out[k] = v;
  return out;
}

function serialize(outcome: Outcome, format: Format): string {
  const content =
    outcome.kind === 'error'
      ? { sn_responseContent: { sn_error: { error_code: outcome.code, error_msg: outcome.msg } } }
      : { sn_responseContent: { sn_body: { queryStorage: outcome.queryStorage } } };
  return format === 'json' ? JSON.stringify(content) : XML_DECL + (xmlBuilder.build(content) as string);
}

const MALFORMED: Readonly<Record<Format, string>> = {
  json: '{"sn_responseContent":{"sn_body":{"queryStorage":{"returnCode":"0000",,"retrunInv":[}}}',
  xml: `${XML_DECL}<sn_responseContent><sn_body><queryStorage><returnCode>0000</returnCode></sn_body></sn_responseContent>`,
};

export async function startSuningEmulator(opts: SuningEmulatorOptions): Promise<SuningEmulator> {
  if (!opts.appKey || !opts.appSecret || !opts.saleOrg) {
    throw badOption('苏宁模拟器需要 appKey、appSecret 和 saleOrg', 'The Suning emulator needs appKey, appSecret and saleOrg');
  }
  const saleTaxNo = opts.saleTaxNo ?? DEFAULT_SALE_TAX_NO;
  const state = new EmulatorState<ReceivedSuning>(opts.faults, opts.clockOffsetMs);
  const { faults, received, now } = state;
  const invoicesByOrder = new Map<string, readonly SuningWireInvoice[]>();
  /** orderItemId → orderNo, for queries by line number (billType 02/04). */
  const orderOfItem = new Map<string, string>();
  const failingOrders = new Set<string>();

  const seed = (orders: ReadonlyMap<string, readonly SuningWireInvoice[]>, failing?: Iterable<string>): void => {
    for (const [orderNo, invoices] of orders) {
      invoicesByOrder.set(orderNo, invoices);
      for (const inv of invoices) orderOfItem.set(inv.orderItemId, orderNo);
    }
    if (failing) for (const o of failing) failingOrders.add(o);
  };
  seed(opts.invoicesByOrder ?? new Map(), opts.failingOrders);

  /** The order a storage names and the invoices it asks for (line types ask for one order line). */
  function lookup(s: Storage): { orderNo: string; invoices: readonly SuningWireInvoice[] } {
    const none = { orderNo: '', invoices: [] };
    if (s.saleOrg !== opts.saleOrg) return none;
    if (s.saleTaxNo !== '' && s.saleTaxNo !== saleTaxNo) return none;
    switch (s.billType) {
      case '01':
      case '03':
        return { orderNo: s.billNo, invoices: invoicesByOrder.get(s.billNo) ?? [] };
      case '02':
      case '04': {
        const orderNo = orderOfItem.get(s.billNo);
        if (orderNo === undefined) return none;
        return { orderNo, invoices: (invoicesByOrder.get(orderNo) ?? []).filter((i) => i.orderItemId === s.billNo) };
      }
      default:
        return none;
    }
  }

  function query(storages: readonly Storage[]): Outcome {
    const found = storages.map((s) => ({ storage: s, ...lookup(s) }));
    if (found.some((f) => f.orderNo !== '' && failingOrders.has(f.orderNo)) || faults.businessFailure()) {
      return { kind: 'body', returnCode: '9999', queryStorage: { returnCode: '9999', returnMsg: '查询发票信息失败:系统繁忙,请稍后重试' } };
    }
    const withData = found.filter((f) => f.invoices.length > 0);
    if (withData.length === 0) return ERR.noResult;
    const retrunInv = withData.map((f) => {
      const byItem = new Map<string, Tree[]>();
      for (const inv of f.invoices) {
        const list = byItem.get(inv.orderItemId) ?? [];
        list.push(wireItem(inv));
        byItem.set(inv.orderItemId, list);
      }
      return {
        saleTaxNo,
        // For line types the platform echoes the line number it was asked for.
        orderNo: f.storage.billNo,
        orderItem: [...byItem].map(([orderItemId, invItems]) => ({ invItems, orderItemId })),
        saleOrg: opts.saleOrg,
      };
    });
    return { kind: 'body', returnCode: '0000', queryStorage: { returnCode: '0000', returnMsg: '查询成功', retrunInv } };
  }

  function answerFor(pathMethod: string | null, h: Readonly<Record<string, string>>, body: Buffer): Outcome {
    for (const name of REQUIRED_HEADERS) if ((h[name] ?? '').trim() === '') return ERR.headerNull;
    const appMethod = h['appmethod'] ?? '';
    const appRequestTime = h['apprequesttime'] ?? '';
    const appKey = h['appkey'] ?? '';
    const versionNo = h['versionno'] ?? '';
    if (appKey !== opts.appKey) return ERR.userKey;
    if (versionNo !== SUNING_VERSION) return ERR.version;
    const t = parseBeijingTime(appRequestTime);
    if (t === null || Math.abs(t - now()) > TIME_WINDOW_MS) {
      return faults.suningTimeErrorCode === 'sys.check.request-apprequesttime:error' ? ERR.requestTime : ERR.time;
    }
    if (!suningSignInfoValid({ appSecret: opts.appSecret, appMethod, appRequestTime, appKey, versionNo, body }, h['signinfo'] ?? '')) return ERR.sign;
    if (appMethod !== SUNING_STORAGE_METHOD || (pathMethod !== null && pathMethod !== appMethod)) return ERR.method;
    if (faults.rateLimited(performance.now())) return ERR.frequency;
    const storages = parseStorages(body);
    if (!Array.isArray(storages)) return storages;
    return query(storages);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    state.countRequest();
    const path = pathOf(req);
    if (fileRoutes.handles(path)) {
      await fileRoutes.serve(req, res, path, headerRecord(req));
      return;
    }
    const m = /^\/([A-Za-z0-9_.]+)\/?$/.exec(path);
    const body = await acceptPost(req, res, path === '/' || m !== null, now);
    if (body === null) return;
    const headers = headerRecord(req);
    const entry: ReceivedSuning = { time: now(), headers, body: body.toString('utf8'), outcome: null, fault: null };
    received.push(entry);
    if (await state.delayOrFault(server, res, entry)) return;
    const format = formatOf(headers);
    const outcome = answerFor(m?.[1] ?? null, headers, body);
    entry.outcome = outcome.kind === 'error' ? outcome.code : outcome.returnCode;
    const text = serialize(outcome, format);
    const bodyFault = faults.body();
    if (bodyFault) entry.fault = bodyFault;
    const out = bodyFault ? corruptBody(text, bodyFault, MALFORMED[format]) : text;
    send(res, 200, format === 'json' ? 'application/json;charset=UTF-8' : 'text/xml;charset=UTF-8', out, now());
  }

  const server = new EmulatorServer(handle);
  const fileRoutes = createFileRoutes({ server, saleTaxNo, latencyMs: () => faults.latencyMs, slowFileMs: opts.slowFileMs, now });
  const seedFiles = (files: ReadonlyMap<string, SeedFile>): void => {
    for (const [k, f] of files) fileRoutes.files.set(k, f);
  };
  if (opts.files) seedFiles(opts.files);
  const url = await server.listen(opts.port ?? 0);

  return {
    url,
    close: () => server.close(),
    invoicesByOrder,
    failingOrders,
    seed,
    seedFiles,
    fileRequests: fileRoutes.received,
    pdfOf: fileRoutes.pdfOf,
    ...state.controls(),
  };
}

/** The answer format: `json` when asked, otherwise the platform default xml. */
function formatOf(h: Readonly<Record<string, string>>): Format {
  return (h['format'] ?? '').trim().toLowerCase() === 'json' ? 'json' : 'xml';
}
