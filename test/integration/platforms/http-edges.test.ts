// Edge answers the emulators do not produce, from a scripted loopback server (still real HTTP over 127.0.0.1).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../electron/http/errors';
import { createWangdianClient } from '../../../electron/platforms/wangdian/client';
import { createSuningClient } from '../../../electron/platforms/suning/client';
import { instantRetry, rejection } from './helpers';

interface Scripted {
  readonly url: string;
  readonly requests: number;
  readonly connections: number;
  close(): Promise<void>;
}

type Reply = (req: IncomingMessage, res: ServerResponse, n: number) => void;

async function scripted(reply: Reply): Promise<Scripted> {
  let requests = 0;
  let connections = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => reply(req, res, requests));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const s: Scripted = {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  open.push(s);
  return s;
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

const json = (body: string, status = 200, headers: Record<string, string> = {}): Reply => (_req, res) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body);
};

const CREDS = { sid: 's', appkey: 'k', appsecret: 'wdt-secret-value' };
const REQ = { invoice_no: 'INV1', invoice_no_out: '1' };

function wdt(url: string, retry = instantRetry(3)) {
  const c = createWangdianClient({ baseUrl: url, ...CREDS, retry: retry.retry });
  open.push(c);
  return c;
}

function err(e: unknown): PlatformError {
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}

describe('Wangdiantong answers the emulator does not give', () => {
  it('reuses keep-alive connections for sequential requests', async () => {
    const s = await scripted(json('{"code":0,"message":"OK"}'));
    const c = createWangdianClient({ baseUrl: s.url, ...CREDS, rateLimit: { rps: 1000, concurrency: 1 } });
    open.push(c);
    for (let i = 0; i < 10; i++) await c.updateInvoice(REQ);
    expect(s.requests).toBe(10);
    // undici may open a second socket while the first is still settling its previous response; never one per request.
    expect(s.connections).toBeLessThanOrEqual(2);
  });

  it('code as a string "0" is success', async () => {
    const s = await scripted(json('{"code":"0","message":"OK"}'));
    await expect(wdt(s.url).updateInvoice(REQ)).resolves.toEqual({ code: 0, message: 'OK' });
  });

  it.each(['"00"', '" 0 "', '"0 "', '"-0"', '"000"'])('code %s is not success: a protocol error naming it, sent once', async (code) => {
    const s = await scripted(json(`{"code":${code},"message":"OK"}`));
    const e = err(await rejection(wdt(s.url).updateInvoice(REQ)));
    expect(e).toMatchObject({ kind: 'protocol', retryable: false });
    expect(e.messageEn).toContain('exactly 0');
    expect(e.messageZh).toContain('恰好为 0');
    expect(s.requests).toBe(1);
  });

  it('an undocumented code is classified by its message words', async () => {
    const s = await scripted(json('{"code":"2001","message":"签名不正确"}'));
    expect(err(await rejection(wdt(s.url).updateInvoice(REQ)))).toMatchObject({ kind: 'signature', platformCode: '2001', retryable: false });
    const s2 = await scripted(json('{"code":77,"message":"库存同步中"}'));
    expect(err(await rejection(wdt(s2.url).updateInvoice(REQ)))).toMatchObject({ kind: 'server', platformCode: '77', retryable: false });
  });

  it('HTTP 429 → rate_limit, waiting at least Retry-After (capped by maxDelay)', async () => {
    const s = await scripted(json('{"code":429}', 429, { 'Retry-After': '1' }));
    const r = instantRetry(3);
    const e = err(await rejection(wdt(s.url, r).updateInvoice(REQ)));
    expect(e).toMatchObject({ kind: 'rate_limit', retryable: true, httpStatus: 429, retryAfterMs: 1000 });
    expect(s.requests).toBe(3);
    expect(r.sleeps).toEqual([1000, 1000]);
  });

  it.each([
    ['an HTML page with 200', '<!DOCTYPE html><html><body>维护中</body></html>', 200, 'HTML'],
    ['the wrong JSON shape', '{"result":"ok"}', 200, 'shape'],
    ['a bare JSON string', '"OK"', 200, 'shape'],
    ['a 404 page', '<html><body>404 Not Found</body></html>', 404, 'HTML'],
    ['success with a 4xx status', '{"code":0,"message":"OK"}', 403, 'HTTP 403'],
  ])('%s → protocol error, sent once', async (_l, body, status, word) => {
    const s = await scripted(json(body, status));
    const e = err(await rejection(wdt(s.url).updateInvoice(REQ)));
    expect(e).toMatchObject({ kind: 'protocol', retryable: false, httpStatus: status });
    expect(e.messageEn).toContain(word);
    expect(s.requests).toBe(1);
  });

  it('a body larger than the limit is refused as protocol', async () => {
    const s = await scripted(json(`{"code":0,"message":"${'x'.repeat(100_000)}"}`));
    const c = createWangdianClient({ baseUrl: s.url, ...CREDS, connection: { maxResponseBytes: 10_000 } });
    open.push(c);
    const e = err(await rejection(c.updateInvoice(REQ)));
    expect(e.kind).toBe('protocol');
    expect(e.messageEn).toContain('10000 bytes');
  });

  it('a body echoing credentials keeps them out of the snippet', async () => {
    const s = await scripted(json(`{"code":1,"message":"bad","debug":"appsecret=${CREDS.appsecret}&sign=0123abcd"}`));
    const e = err(await rejection(wdt(s.url).updateInvoice(REQ)));
    expect(e.rawSnippet).not.toContain(CREDS.appsecret);
    expect(e.rawSnippet).not.toContain('0123abcd');
    expect(e.rawSnippet).toContain('"code":1');
  });
});

describe('Suning answers the emulator does not give', () => {
  const storage = { billNo: 'A1', billType: '01' as const, saleOrg: '70066253' };
  const sn = (url: string, format: 'json' | 'xml', retry = instantRetry(3)) => {
    const c = createSuningClient({ baseUrl: url, appKey: 'ak', appSecret: 'sn-secret-value', format, retry: retry.retry });
    open.push(c);
    return c;
  };

  it('isp.sys.service.unavailable.iips → retryable server error', async () => {
    const s = await scripted(json('{"sn_responseContent":{"sn_error":{"error_code":"isp.sys.service.unavailable.iips","error_msg":"服务不可用"}}}'));
    const r = instantRetry(3);
    const e = err(await rejection(sn(s.url, 'json', r).queryStorage([storage])));
    expect(e).toMatchObject({ kind: 'server', retryable: true, platformCode: 'isp.sys.service.unavailable.iips' });
    expect(s.requests).toBe(3);
  });

  it('a JSON answer to an XML request is still read (format sniffed from the body)', async () => {
    const s = await scripted(json('{"sn_responseContent":{"sn_body":{"queryStorage":{"returnCode":"0000","retrunInv":{"orderNo":"A1","orderItem":{"orderItemId":"1","invItems":{"invoiceFlag":"04","invoiceType":"-1","invoiceAmount":"-5"}}}}}}}'));
    const res = await sn(s.url, 'xml').queryStorage([storage]);
    expect(res).toEqual([
      expect.objectContaining({ billNo: 'A1', outcome: 'found', code: '0000' }),
    ]);
    expect(res[0]?.invoices[0]?.amountFen).toBe(-500);
  });

  it('a successful answer with a bad amount is a protocol error naming the field', async () => {
    const s = await scripted(json('{"sn_responseContent":{"sn_body":{"queryStorage":{"returnCode":"0000","retrunInv":[{"orderNo":"A1","orderItem":[{"invItems":[{"invoiceFlag":"04","invoiceType":"1","invoiceAmount":"1.2.3"}]}]}]}}}}'));
    const e = err(await rejection(sn(s.url, 'json').queryStorage([storage])));
    expect(e.kind).toBe('protocol');
    expect(e.messageEn).toContain('retrunInv[0].orderItem[0].invItems[0].invoiceAmount');
    expect(s.requests).toBe(1);
  });

  it.each(['" 0000"', '"00000"', '0'])('returnCode %s looks like success but is not exactly "0000": a protocol error', async (code) => {
    const s = await scripted(json(`{"sn_responseContent":{"sn_body":{"queryStorage":{"returnCode":${code},"retrunInv":[]}}}}`));
    const e = err(await rejection(sn(s.url, 'json').queryStorage([storage])));
    expect(e).toMatchObject({ kind: 'protocol', retryable: false });
    expect(e.messageEn).toContain('exactly "0000"');
    expect(s.requests).toBe(1);
  });

  it('a javascript: PDF link in an answer is a protocol error naming the field, never stored as a link', async () => {
    const s = await scripted(json('{"sn_responseContent":{"sn_body":{"queryStorage":{"returnCode":"0000","retrunInv":[{"orderNo":"A1","orderItem":[{"invItems":[{"invoiceFlag":"04","invoiceType":"1","invoiceAmount":"1","invoicePdfUrl":"javascript:alert(1)"}]}]}]}}}}'));
    const e = err(await rejection(sn(s.url, 'json').queryStorage([storage])));
    expect(e.kind).toBe('protocol');
    expect(e.messageEn).toContain('invoicePdfUrl');
    expect(e.messageEn).toContain('"javascript:"');
  });

  it('an HTML page with status 200 is a protocol error', async () => {
    const s = await scripted(json('<html><head><title>登录</title></head><body>请登录</body></html>'));
    const e = err(await rejection(sn(s.url, 'xml').queryStorage([storage])));
    expect(e).toMatchObject({ kind: 'protocol', retryable: false });
    expect(e.messageZh).toContain('HTML');
  });
});
