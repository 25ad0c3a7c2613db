// Runs everywhere. Suning suning.custom.storage.query: the request storage and the response normaliser.
// The normaliser takes the tree that JSON.parse or fast-xml-parser produced, so it must cope with both:
// in XML a list of one is a single element and every value is text; in JSON values may be numbers.
import { z } from 'zod';
import type { Bilingual } from '../errors';
import { parseYuanToFen } from './money';
import { billTypeSchema, type SuningInvoice } from './invoice';
import { codePoints } from './wangdian';
import { identifierCheck, identifierProblem } from './safe-text';
import { readWebLink } from './web-link';

const cleanIdentifier = (field: string) => identifierCheck({ zh: `${field} `, en: field });

export const suningStorageSchema = z
  .object({
    billNo: z
      .string()
      .refine((s) => s.trim() !== '', { error: 'billNo（业务单号）不能为空 / billNo (the order number) must not be empty' })
      .refine((s) => codePoints(s) <= 64, { error: 'billNo 最长 64 个字符 / billNo is at most 64 characters' })
      .superRefine(cleanIdentifier('billNo')),
    billType: z.enum(billTypeSchema.options, {
      error: 'billType 只能是 01 OMS单号、02 OMS行号、03 B2C单号、04 B2C行号 / billType must be 01, 02, 03 or 04',
    }),
    saleOrg: z
      .string()
      .refine((s) => s.trim() !== '', { error: 'saleOrg（商户编码）不能为空 / saleOrg (merchant code) must not be empty' })
      .refine((s) => codePoints(s) <= 32, { error: 'saleOrg 最长 32 个字符 / saleOrg is at most 32 characters' })
      .superRefine(cleanIdentifier('saleOrg')),
    saleTaxNo: z
      .string()
      .refine((s) => codePoints(s) <= 32, { error: 'saleTaxNo 最长 32 个字符 / saleTaxNo is at most 32 characters' })
      .superRefine(cleanIdentifier('saleTaxNo'))
      .optional(),
  })
  .strict();
export type SuningStorage = z.infer<typeof suningStorageSchema>;

/** Field names on the wire, including the platform's own misspelling `retrunInv`. */
export const SUNING_LIST_TAGS = ['storage', 'retrunInv', 'orderItem', 'invItems'] as const;

export interface SuningBill {
  readonly orderNo: string;
  readonly saleOrg: string;
  readonly saleTaxNo: string;
  readonly invoices: readonly SuningInvoice[];
}

export type SuningQueryOutcome =
  | { readonly kind: 'ok'; readonly returnCode: '0000'; readonly returnMsg: string; readonly bills: readonly SuningBill[] }
  /** returnCode 9999 (or anything other than 0000): the query itself failed. */
  | { readonly kind: 'business_failure'; readonly returnCode: string; readonly message: string }
  /** `sn_error`, including `biz.handler.data-get:no-result`. */
  | { readonly kind: 'error'; readonly code: string; readonly message: string }
  | { readonly kind: 'malformed'; readonly reason: Bilingual };

class Malformed extends Error {
  constructor(readonly reason: Bilingual) {
    super(reason.en);
  }
}

function fail(path: string, zh: string, en: string): never {
  throw new Malformed({ zh: `${path}: ${zh}`, en: `${path}: ${en}` });
}

type Obj = Readonly<Record<string, unknown>>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, '缺少或不是对象', 'missing or not an object');
  return v;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A scalar as text; numbers are accepted from JSON. Missing/null → undefined. */
function text(parent: Obj, key: string, path: string): string | undefined {
  const v = parent[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return fail(join(path, key), '不是文本值', 'is not a text value');
}

/** text() of an identifier: refused (the whole answer is malformed) when it hides a character. */
function ident(parent: Obj, key: string, path: string): string | undefined {
  const v = text(parent, key, path);
  if (v === undefined) return undefined;
  const p = identifierProblem({ zh: '', en: 'the value' }, v);
  if (p) fail(join(path, key), p.zh, p.en);
  return v;
}

function required(parent: Obj, key: string, path: string): string {
  const v = ident(parent, key, path);
  if (v === undefined || v === '') fail(join(path, key), '缺少必填值', 'required value is missing');
  return v;
}

/**
 * One element or many → an array. An empty XML element (`<invItems/>`) arrives as '' and means "none":
 * XML cannot tell an empty list from an empty element.
 */
function list(parent: Obj, key: string, path: string): Array<{ value: Obj; path: string }> {
  const v = parent[key];
  if (v === undefined || v === null || v === '') return [];
  const items = Array.isArray(v) ? (v as readonly unknown[]) : [v];
  const out: Array<{ value: Obj; path: string }> = [];
  items.forEach((item, i) => {
    const p = `${join(path, key)}[${i}]`;
    if (item === '' || item === null) return;
    out.push({ value: obj(item, p), path: p });
  });
  return out;
}

function money(raw: string, path: string, sign: 1 | -1): number {
  const r = parseYuanToFen(raw);
  if (!r.ok) fail(path, r.reason.zh.replace(/[“”]/g, '"'), r.reason.en);
  const abs = Math.abs(r.fen);
  return sign === -1 ? (abs === 0 ? 0 : -abs) : abs;
}

function isoDate(raw: string, path: string): string {
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(raw);
  if (m) {
    const [, y, mo, d] = m;
    const t = Date.UTC(Number(y), Number(mo) - 1, Number(d));
    const back = new Date(t);
    if (back.getUTCFullYear() === Number(y) && back.getUTCMonth() === Number(mo) - 1 && back.getUTCDate() === Number(d)) {
      return `${y}-${mo}-${d}`;
    }
  }
  return fail(path, `"${raw}" 不是日期（应为 YYYY-MM-DD）`, `"${raw}" is not a date (expected YYYY-MM-DD)`);
}

function invoiceFlag(raw: string, path: string): SuningInvoice['invoiceFlag'] {
  const padded = raw.length === 1 ? `0${raw}` : raw;
  if (padded === '01' || padded === '02' || padded === '04') return padded;
  return fail(path, `"${raw}" 不是发票标识（01 专票 / 02 普票 / 04 电子发票）`, `"${raw}" is not an invoice flag (01, 02 or 04)`);
}

function invoiceType(raw: string, path: string): 1 | -1 {
  if (raw === '1' || raw === '+1') return 1;
  if (raw === '-1') return -1;
  return fail(path, `"${raw}" 不是发票类型（1 蓝票 / -1 红票）`, `"${raw}" is not an invoice type (1 blue, -1 red)`);
}

function parseInvoice(item: Obj, path: string, orderNo: string, orderItemId: string, saleOrg: string, saleTaxNo: string): SuningInvoice {
  const type = invoiceType(required(item, 'invoiceType', path), join(path, 'invoiceType'));
  const amount = required(item, 'invoiceAmount', path);
  const noTax = text(item, 'invoiceNoTaxAmount', path);
  const date = text(item, 'invoiceDate', path);
  const opt = (key: string): string => text(item, key, path) ?? '';
  const optId = (key: string): string => ident(item, key, path) ?? '';
  const pdf = readWebLink(opt('invoicePdfUrl'));
  if (!pdf.ok) fail(join(path, 'invoicePdfUrl'), pdf.reason.zh, pdf.reason.en);
  return {
    orderNo,
    orderItemId,
    saleOrg,
    saleTaxNo,
    invoiceFlag: invoiceFlag(required(item, 'invoiceFlag', path), join(path, 'invoiceFlag')),
    invoiceType: type,
    invoiceCode: optId('invoiceCode'),
    invoiceNum: optId('invoiceNum'),
    amountFen: money(amount, join(path, 'invoiceAmount'), type),
    noTaxAmountFen: noTax === undefined || noTax === '' ? null : money(noTax, join(path, 'invoiceNoTaxAmount'), type),
    invoiceDate: date === undefined || date === '' ? null : isoDate(date, join(path, 'invoiceDate')),
    securityCode: optId('invoiceSecurityCode').replace(/\s+/g, ''),
    oldInvoiceCode: optId('oldInvoiceCode'),
    oldInvoiceNum: optId('oldInvoiceNum'),
    logisticsOrderId: optId('logisticsOrderId'),
    logisticsComp: opt('logisticsComp'),
    invoiceStatus: opt('invoiceStatus'),
    pdfUrl: pdf.url,
  };
}

function parseBills(queryStorage: Obj): SuningBill[] {
  return list(queryStorage, 'retrunInv', '').map(({ value: inv, path }) => {
    const orderNo = required(inv, 'orderNo', path);
    const saleOrg = ident(inv, 'saleOrg', path) ?? '';
    const saleTaxNo = ident(inv, 'saleTaxNo', path) ?? '';
    const invoices: SuningInvoice[] = [];
    for (const { value: oi, path: oiPath } of list(inv, 'orderItem', path)) {
      const orderItemId = ident(oi, 'orderItemId', oiPath) ?? '';
      for (const { value: it, path: itPath } of list(oi, 'invItems', oiPath)) {
        invoices.push(parseInvoice(it, itPath, orderNo, orderItemId, saleOrg, saleTaxNo));
      }
    }
    return { orderNo, saleOrg, saleTaxNo, invoices };
  });
}

/** Normalises a parsed suning.custom.storage.query response (JSON or XML tree) without throwing. */
export function normalizeQueryStorageResponse(tree: unknown): SuningQueryOutcome {
  try {
    const root = obj(tree, '(root)');
    const content = obj(root['sn_responseContent'], 'sn_responseContent');
    if (content['sn_error'] !== undefined) {
      const err = obj(content['sn_error'], 'sn_responseContent.sn_error');
      const code = required(err, 'error_code', 'sn_error');
      return { kind: 'error', code, message: text(err, 'error_msg', 'sn_error') ?? '' };
    }
    const body = obj(content['sn_body'], 'sn_responseContent.sn_body');
    const qs = obj(body['queryStorage'], 'sn_body.queryStorage');
    const returnCode = required(qs, 'returnCode', 'queryStorage');
    const returnMsg = text(qs, 'returnMsg', 'queryStorage') ?? '';
    // Success is exactly "0000" as sent (XML element text comes trimmed by the parser). " 0000", "00000" or a
    // JSON number 0 look like success and are not: an unrecognised answer, neither success nor failure.
    if (qs['returnCode'] !== '0000' && /^\d+$/.test(returnCode) && Number(returnCode) === 0) {
      fail('queryStorage.returnCode', `${JSON.stringify(qs['returnCode'])} 不是恰好的 "0000"，不当作成功`, `${JSON.stringify(qs['returnCode'])} is not exactly "0000"; not taken as success`);
    }
    if (returnCode !== '0000') return { kind: 'business_failure', returnCode, message: returnMsg };
    return { kind: 'ok', returnCode, returnMsg, bills: parseBills(qs) };
  } catch (e) {
    if (e instanceof Malformed) return { kind: 'malformed', reason: e.reason };
    throw e;
  }
}
