import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { startSuningEmulator, type SuningEmulator } from '../../../electron/sandbox/suning-emulator';
import type { SuningWireInvoice } from '../../../electron/sandbox/types';
import { jsonBody, snPost, xmlBody, type SnCreds } from './signing';

const blue: SuningWireInvoice = {
  orderItemId: '3228142124401',
  invoiceFlag: '04',
  invoiceType: '1',
  invoiceCode: '032001700211',
  invoiceNum: '08093702',
  invoiceAmount: '100.5',
  invoiceNoTaxAmount: '88.94',
  invoiceDate: '2026-11-11',
  invoiceSecurityCode: '59888 37763 38108 76652',
  invoiceStatus: '2',
  invoicePdfUrl: 'https://fp.example.cn/a.pdf?x=1&y=2',
};
const red: SuningWireInvoice = { ...blue, invoiceType: '-1', invoiceNum: '08093703', invoiceAmount: '-100.50', oldInvoiceCode: '032001700211', oldInvoiceNum: '08093702' };
const split2: SuningWireInvoice = { ...blue, orderItemId: '3228142124402', invoiceNum: '08093704', invoiceAmount: '20' };

interface SnJson {
  sn_responseContent: {
    sn_error?: { error_code: string; error_msg: string };
    sn_body?: { queryStorage: { returnCode: string; returnMsg: string; retrunInv?: Array<{ orderNo: string; saleOrg: string; saleTaxNo: string; orderItem: Array<{ orderItemId: string; invItems: Array<Record<string, string>> }> }> } };
  };
}

const st = (billNo: string, extra: Record<string, string> = {}) => ({ billNo, billType: '01', saleOrg: '70066253', ...extra });

async function js(res: Response): Promise<SnJson> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as SnJson;
}

const errorCode = async (res: Response): Promise<string | undefined> => (await js(res)).sn_responseContent.sn_error?.error_code;

describe('Suning emulator over loopback', () => {
  let emu: SuningEmulator;
  let c: SnCreds;

  beforeAll(async () => {
    emu = await startSuningEmulator({
      appKey: 'ak01',
      appSecret: 'as01',
      saleOrg: '70066253',
      invoicesByOrder: new Map([
        ['32281421244', [blue, red, split2]],
        ['32281421245', [{ ...blue, orderItemId: '3228142124501', invoiceNum: '00000001', invoiceAmount: '90' }]],
        ['32281421246', [{ ...blue, orderItemId: '3228142124601' }]],
      ]),
      failingOrders: ['32281421246'],
    });
    c = { url: emu.url, appKey: 'ak01', appSecret: 'as01', saleOrg: '70066253' };
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.setFaults({});
    emu.setClockOffset(0);
    emu.resetCounters();
  });

  it('answers a JSON query like the seed sample, values as strings, lists as arrays', async () => {
    const body = await js(await snPost(c, jsonBody([st('32281421244')])));
    const qs = body.sn_responseContent.sn_body?.queryStorage;
    expect(qs?.returnCode).toBe('0000');
    expect(qs?.retrunInv).toHaveLength(1);
    const bill = qs?.retrunInv?.[0];
    expect(bill).toMatchObject({ orderNo: '32281421244', saleOrg: '70066253', saleTaxNo: '91320106773973920L' });
    expect(bill?.orderItem.map((o) => o.orderItemId)).toEqual(['3228142124401', '3228142124402']);
    const items = bill?.orderItem[0]?.invItems ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ invoiceCode: '032001700211', invoiceNum: '08093702', invoiceAmount: '100.5', invoiceType: '1' });
    expect(items[0]).not.toHaveProperty('oldInvoiceNum');
    expect(items[1]).toMatchObject({ invoiceType: '-1', invoiceAmount: '-100.50', oldInvoiceNum: '08093702' });
    expect(emu.received[0]?.outcome).toBe('0000');
  });

  it('honours several storages per request and leaves out bills without data', async () => {
    const body = await js(await snPost(c, jsonBody([st('32281421244'), st('99999999999'), st('32281421245')])));
    expect(body.sn_responseContent.sn_body?.queryStorage.retrunInv?.map((b) => b.orderNo)).toEqual(['32281421244', '32281421245']);
  });

  it('answers XML by default, a list of one as a single element, leading zeros intact', async () => {
    const res = await snPost(c, xmlBody([st('32281421245')]), { format: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    const text = await res.text();
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('<invoiceNum>00000001</invoiceNum>');
    const tree = new XMLParser({ parseTagValue: false }).parse(text) as { sn_responseContent: { sn_body: { queryStorage: { retrunInv: { orderItem: { invItems: Record<string, string> } } } } } };
    const inv = tree.sn_responseContent.sn_body.queryStorage.retrunInv;
    expect(Array.isArray(inv)).toBe(false);
    expect(inv.orderItem.invItems.invoiceCode).toBe('032001700211');
  });

  it('repeats XML elements for lists of several and escapes URLs', async () => {
    const text = await (await snPost(c, xmlBody([st('32281421244'), st('32281421245')]), { format: 'xml' })).text();
    expect(text.match(/<retrunInv>/g)).toHaveLength(2);
    expect(text).toContain('<invoicePdfUrl>https://fp.example.cn/a.pdf?x=1&amp;y=2</invoicePdfUrl>');
  });

  it('answers errors in XML when Format is xml', async () => {
    const text = await (await snPost(c, xmlBody([st('1')]), { format: 'xml' })).text();
    expect(text).toContain('<sn_error><error_code>biz.handler.data-get:no-result</error_code>');
  });

  it('reads a JSON query that asks for an XML answer, and refuses a body that is neither', async () => {
    const xml = await (await snPost(c, jsonBody([st('32281421245')]), { format: 'xml' })).text();
    expect(xml).toContain('<returnCode>0000</returnCode>');
    expect(await errorCode(await snPost(c, 'sn_request=1'))).toBe('sys.check.request-params:error');
    expect(await errorCode(await snPost(c, ''))).toBe('sys.check.request-params:error');
  });

  it('takes the method from AppMethod on a POST to the base URL', async () => {
    const body = await js(await snPost(c, jsonBody([st('32281421245')]), { toBase: true }));
    expect(body.sn_responseContent.sn_body?.queryStorage.returnCode).toBe('0000');
  });

  it('queries one order line by line number (billType 02)', async () => {
    const body = await js(await snPost(c, jsonBody([st('3228142124402', { billType: '02' })])));
    const bill = body.sn_responseContent.sn_body?.queryStorage.retrunInv?.[0];
    expect(bill?.orderNo).toBe('3228142124402');
    expect(bill?.orderItem).toHaveLength(1);
    expect(bill?.orderItem[0]?.invItems[0]?.invoiceNum).toBe('08093704');
  });

  it.each(['AppMethod', 'AppRequestTime', 'AppKey', 'VersionNo', 'signInfo'])('answers header-param:null without %s', async (h) => {
    expect(await errorCode(await snPost(c, jsonBody([st('32281421244')]), { override: { [h]: undefined } }))).toBe('sys.check.header-param:null');
  });

  it('answers the seed codes for key, time, sign and method', async () => {
    const body = jsonBody([st('32281421244')]);
    expect(await errorCode(await snPost({ ...c, appKey: 'other' }, body))).toBe('sys.check.user-permission:inexistence');
    expect(await errorCode(await snPost(c, body, { timeMs: Date.now() - 11 * 60_000 }))).toBe('sys.check.app-time:error');
    expect(await errorCode(await snPost(c, body, { override: { AppRequestTime: '2026/11/23 10:00:00' } }))).toBe('sys.check.app-time:error');
    expect(await errorCode(await snPost(c, body, { secret: 'wrong' }))).toBe('sys.check.app-sign:error');
    // Signed over other bytes than those sent (e.g. re-serialised body).
    expect(await errorCode(await snPost(c, body, { override: { signInfo: '0'.repeat(32) } }))).toBe('sys.check.app-sign:error');
    expect(await errorCode(await snPost(c, body, { method: 'suning.custom.order.query' }))).toBe('sys.check.api-permission:inexistence');
    const err = (await js(await snPost(c, body, { secret: 'wrong' }))).sn_responseContent.sn_error;
    expect(err?.error_msg).toBe('签名信息错误');
  });

  it('answers a time outside the window with request-apprequesttime:error when told to (the other code real gateways use)', async () => {
    emu.setFaults({ suningTimeErrorCode: 'sys.check.request-apprequesttime:error' });
    const body = jsonBody([st('32281421244')]);
    const res = await js(await snPost(c, body, { timeMs: Date.now() - 11 * 60_000 }));
    expect(res.sn_responseContent.sn_error).toEqual({ error_code: 'sys.check.request-apprequesttime:error', error_msg: '请求时间戳误差太大' });
    expect(await errorCode(await snPost(c, body, { override: { AppRequestTime: '2026/11/23 10:00:00' } }))).toBe('sys.check.request-apprequesttime:error');
    expect((await js(await snPost(c, body))).sn_responseContent.sn_body?.queryStorage.returnCode).toBe('0000');
  });

  it('judges AppRequestTime as Beijing time against its own (offset) clock, and says so in Date', async () => {
    const offset = 12 * 60_000;
    emu.setClockOffset(offset);
    const body = jsonBody([st('32281421244')]);
    const res = await snPost(c, body);
    const serverMs = Date.parse(res.headers.get('date') ?? '');
    expect(Math.abs(serverMs - Date.now() - offset)).toBeLessThan(60_000);
    expect(await errorCode(res)).toBe('sys.check.app-time:error');
    const fixed = await js(await snPost(c, body, { timeMs: Date.now() + offset }));
    expect(fixed.sn_responseContent.sn_body?.queryStorage.returnCode).toBe('0000');
  });

  it('verifies signInfo over the UTF-8 bytes of a non-ASCII body and ignores an access_token', async () => {
    const body = jsonBody([st('订单32281421244')]);
    expect(await errorCode(await snPost(c, body, { override: { access_token: 'a1c5c62b08df3a3cbf7efd' } }))).toBe('biz.handler.data-get:no-result');
  });

  it('answers missing apiversion for a VersionNo other than v1.2', async () => {
    const body = jsonBody([st('32281421244')]);
    expect(await errorCode(await snPost(c, body, { override: { VersionNo: 'v1.1' } }))).toBe('sys.check.missing-parameter:apiversion');
  });

  it('answers frequency limit after K requests within a second', async () => {
    emu.setFaults({ rateLimitPerSecond: 0 });
    expect(await errorCode(await snPost(c, jsonBody([st('32281421244')])))).toBe('sys.controller.api-frequency:limit');
  });

  it('answers request-params:error / missing sn_body for bodies it cannot use', async () => {
    expect(await errorCode(await snPost(c, '{"sn_request":'))).toBe('sys.check.request-params:error');
    const xml = await (await snPost(c, '<sn_request><sn_body>', { format: 'xml' })).text();
    expect(xml).toContain('<error_code>sys.check.request-params:error</error_code>');
    expect(await errorCode(await snPost(c, '{"sn_request":{}}'))).toBe('sys.check.missing-nestElement:sn_body');
    expect(await errorCode(await snPost(c, '{"sn_request":{"sn_body":{"queryStorage":{}}}}'))).toBe('biz.custom.querystorage.missing-parameter:storage');
  });

  it.each(['billNo', 'billType', 'saleOrg'])('answers missing-parameter:%s', async (field) => {
    const s: Record<string, string> = st('32281421244');
    delete s[field];
    expect(await errorCode(await snPost(c, jsonBody([st('32281421245'), s])))).toBe(`biz.custom.querystorage.missing-parameter:${field}`);
  });

  it.each([
    ['billNo', st('1'.repeat(65))],
    ['saleOrg', st('32281421244', { saleOrg: '7'.repeat(33) })],
    ['saleTaxNo', st('32281421244', { saleTaxNo: 'X'.repeat(33) })],
  ])('answers length-overlong:%s', async (field, storage) => {
    expect(await errorCode(await snPost(c, jsonBody([storage])))).toBe(`biz.custom.querystorage.length-overlong:${field}`);
  });

  it('answers no-result when none of the bills has data, including another merchant’s', async () => {
    expect(await errorCode(await snPost(c, jsonBody([st('1'), st('32281421244', { saleOrg: '70000000' })])))).toBe('biz.handler.data-get:no-result');
  });

  it('answers returnCode 9999 for a failing order and at businessFailureRate 1', async () => {
    const failing = await js(await snPost(c, jsonBody([st('32281421246')])));
    expect(failing.sn_responseContent.sn_body?.queryStorage).toMatchObject({ returnCode: '9999' });
    expect(failing.sn_responseContent.sn_body?.queryStorage.returnMsg).not.toBe('');
    emu.setFaults({ businessFailureRate: 1 });
    const all = await js(await snPost(c, jsonBody([st('32281421244')])));
    expect(all.sn_responseContent.sn_body?.queryStorage.returnCode).toBe('9999');
    expect(emu.received.map((r) => r.outcome)).toEqual(['9999', '9999']);
  });

  it('answers like a web server for other paths and methods', async () => {
    const deep = await fetch(`${c.url}/a/b`, { method: 'POST' });
    expect(deep.status).toBe(404);
    await deep.text();
    const get = await fetch(`${c.url}/suning.custom.storage.query`);
    expect(get.status).toBe(405);
    expect(await get.text()).toContain('nginx');
  });
});
