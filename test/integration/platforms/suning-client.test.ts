import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../electron/http/errors';
import { createSuningClient, type SuningClient, type SuningClientOptions } from '../../../electron/platforms/suning/client';
import { startSuningEmulator, type SuningEmulator } from '../../../electron/sandbox/suning-emulator';
import type { SuningWireInvoice } from '../../../electron/sandbox/types';
import type { SuningStorage } from '../../../shared/domain/suning';
import { instantRetry, rejection } from './helpers';

const CREDS = { appKey: 'sn-app-key-01', appSecret: 'sn-secret-b81e44' };
const SALE_ORG = '70066253';
const FORMATS = ['json', 'xml'] as const;

const blue = (orderItemId: string, num: string, amount: string, extra: Partial<SuningWireInvoice> = {}): SuningWireInvoice => ({
  orderItemId,
  invoiceFlag: '04',
  invoiceType: '1',
  invoiceCode: '032001700211',
  invoiceNum: num,
  invoiceAmount: amount,
  invoiceNoTaxAmount: '88.50',
  invoiceDate: '2026-11-20',
  invoiceSecurityCode: '59888 37763 38108 76652',
  invoiceStatus: '2',
  invoicePdfUrl: `https://example.invalid/${num}.pdf`,
  ...extra,
});

const INVOICES = new Map<string, readonly SuningWireInvoice[]>([
  ['A100', [blue('A100-1', '88093701', '100')]],
  [
    'B200',
    [
      blue('B200-1', '11110001', '200'),
      // Red comes unsigned on the wire here: the client must still make it negative.
      { ...blue('B200-1', '11110002', '200'), invoiceType: '-1', oldInvoiceCode: '032001700211', oldInvoiceNum: '11110001' },
      blue('B200-1', '11110003', '180.5'),
    ],
  ],
  ['C300', [blue('C300-1', '24322000000012345678', '66.6', { invoiceCode: '' })]],
  ['D400', [blue('D400-1', '22220001', '50'), blue('D400-2', '22220002', '30')]],
  ['F900', [blue('F900-1', '99990001', '1')]],
]);

const storage = (billNo: string, billType: SuningStorage['billType'] = '01'): SuningStorage => ({ billNo, billType, saleOrg: SALE_ORG });

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

async function emulator(extra: Partial<Parameters<typeof startSuningEmulator>[0]> = {}): Promise<SuningEmulator> {
  const emu = await startSuningEmulator({ ...CREDS, saleOrg: SALE_ORG, invoicesByOrder: INVOICES, failingOrders: ['F900'], ...extra });
  open.push(emu);
  return emu;
}

function client(emu: SuningEmulator, format: 'json' | 'xml', extra: Partial<SuningClientOptions> = {}): SuningClient {
  const c = createSuningClient({ baseUrl: emu.url, ...CREDS, format, rateLimit: { rps: 1000, concurrency: 8 }, ...extra });
  open.push(c);
  return c;
}

function platformError(e: unknown): PlatformError {
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}

describe.each(FORMATS)('Suning client ↔ emulator (%s): answers', (format) => {
  it('several storages in one request: results in request order, normalised', async () => {
    const emu = await emulator();
    const c = client(emu, format);
    const res = await c.queryStorage([storage('B200'), storage('NONE-1'), storage('A100'), storage('C300'), storage('D400-2', '02')]);
    expect(emu.received).toHaveLength(1);
    expect(emu.received[0]?.outcome).toBe('0000');
    expect(res.map((r) => [r.billNo, r.billType, r.outcome, r.code])).toEqual([
      ['B200', '01', 'found', '0000'],
      ['NONE-1', '01', 'no_result', '0000'],
      ['A100', '01', 'found', '0000'],
      ['C300', '01', 'found', '0000'],
      ['D400-2', '02', 'found', '0000'],
    ]);
    expect(res[0]?.invoices.map((i) => [i.invoiceType, i.invoiceNum, i.amountFen, i.noTaxAmountFen])).toEqual([
      [1, '11110001', 20000, 8850],
      [-1, '11110002', -20000, -8850],
      [1, '11110003', 18050, 8850],
    ]);
    expect(res[0]?.invoices[1]).toMatchObject({ oldInvoiceCode: '032001700211', oldInvoiceNum: '11110001' });
    expect(res[2]?.invoices).toEqual([
      {
        orderNo: 'A100', orderItemId: 'A100-1', saleOrg: SALE_ORG, saleTaxNo: '91320106773973920L', invoiceFlag: '04', invoiceType: 1,
        invoiceCode: '032001700211', invoiceNum: '88093701', amountFen: 10000, noTaxAmountFen: 8850, invoiceDate: '2026-11-20',
        securityCode: '59888377633810876652', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '', logisticsComp: '',
        invoiceStatus: '2', pdfUrl: 'https://example.invalid/88093701.pdf',
      },
    ]);
    expect(res[3]?.invoices[0]).toMatchObject({ invoiceCode: '', invoiceNum: '24322000000012345678', amountFen: 6660 });
    expect(res[4]?.invoices.map((i) => [i.orderItemId, i.invoiceNum])).toEqual([['D400-2', '22220002']]);
  });

  it('sends the documented headers and a body whose signInfo the emulator verified', async () => {
    const emu = await emulator();
    const c = client(emu, format, { accessToken: 'tok-123456' });
    await c.queryStorage([storage('A100')]);
    const h = emu.received[0]?.headers ?? {};
    expect(h).toMatchObject({ appmethod: 'suning.custom.storage.query', format, appkey: CREDS.appKey, versionno: 'v1.2', access_token: 'tok-123456' });
    expect(h['apprequesttime']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(h['signinfo']).toMatch(/^[0-9a-f]{32}$/);
    expect(h['content-type']).toContain(format === 'json' ? 'application/json' : 'xml');
    const body = emu.received[0]?.body ?? '';
    expect(body).toContain(format === 'json' ? '"sn_request":{"sn_body":{"queryStorage":{"storage":[' : '<?xml version="1.0" encoding="UTF-8"?><sn_request><sn_body><queryStorage><storage>');
    expect(emu.received[0]?.outcome).toBe('0000');
  });

  it('no invoices for any bill (biz.handler.data-get:no-result) → every bill no_result, not an exception', async () => {
    const emu = await emulator();
    const c = client(emu, format);
    const res = await c.queryStorage([storage('X1'), storage('X2', '03')]);
    expect(emu.received[0]?.outcome).toBe('biz.handler.data-get:no-result');
    expect(res).toEqual([
      { billNo: 'X1', billType: '01', outcome: 'no_result', invoices: [], code: 'biz.handler.data-get:no-result', message: '查询没结果' },
      { billNo: 'X2', billType: '03', outcome: 'no_result', invoices: [], code: 'biz.handler.data-get:no-result', message: '查询没结果' },
    ]);
  });

  it('returnCode 9999 → every bill of the request is an error with the platform message', async () => {
    const emu = await emulator();
    const c = client(emu, format);
    const res = await c.queryStorage([storage('A100'), storage('F900')]);
    expect(res.map((r) => [r.billNo, r.outcome, r.code, r.invoices.length])).toEqual([
      ['A100', 'error', '9999', 0],
      ['F900', 'error', '9999', 0],
    ]);
    expect(res[0]?.message).toContain('系统繁忙');
    expect(emu.received).toHaveLength(1);
  });
});

describe('Suning client ↔ emulator: sn_error codes', () => {
  it('a bad storage is refused locally: nothing is sent', async () => {
    const emu = await emulator();
    const c = client(emu, 'json');
    const e = platformError(await rejection(c.queryStorage([storage('A100'), { billNo: '', billType: '01', saleOrg: SALE_ORG }])));
    expect(e.kind).toBe('validation');
    expect(e.messageEn).toContain('1.billNo');
    const e2 = platformError(await rejection(c.queryStorage([])));
    expect(e2.kind).toBe('validation');
    expect(emu.requestCount()).toBe(0);
  });

  it('sys.check.user-permission:inexistence (unknown appKey) → auth', async () => {
    const emu = await emulator();
    const c = client(emu, 'xml', { appKey: 'unknown-key' });
    const e = platformError(await rejection(c.queryStorage([storage('A100')])));
    expect(e).toMatchObject({ kind: 'auth', platformCode: 'sys.check.user-permission:inexistence', retryable: false, platform: 'suning' });
    expect(emu.received).toHaveLength(1);
  });

  it.each(FORMATS)('sys.check.app-sign:error (wrong appSecret, %s) → signature; the secret is not in the error', async (format) => {
    const emu = await emulator();
    const wrong = 'wrong-secret-value';
    const c = client(emu, format, { appSecret: wrong });
    const e = platformError(await rejection(c.queryStorage([storage('A100')])));
    expect(e).toMatchObject({ kind: 'signature', platformCode: 'sys.check.app-sign:error', retryable: false });
    expect(e.messageZh).toContain('签名信息错误');
    expect(e.rawSnippet).toContain('sys.check.app-sign:error');
    expect(JSON.stringify(e.toShape())).not.toContain(wrong);
    expect(emu.received).toHaveLength(1);
  });

  it('sys.controller.api-frequency:limit → rate_limit, retried and bounded', async () => {
    const emu = await emulator({ faults: { rateLimitPerSecond: 0 } });
    const r = instantRetry(4);
    const c = client(emu, 'json', { retry: r.retry });
    const e = platformError(await rejection(c.queryStorage([storage('A100')])));
    expect(e).toMatchObject({ kind: 'rate_limit', platformCode: 'sys.controller.api-frequency:limit', retryable: true });
    expect(emu.received.map((x) => x.outcome)).toEqual(Array(4).fill('sys.controller.api-frequency:limit'));
    expect(r.sleeps).toEqual([50, 100, 200]);
  });

  it('rate limit after K requests/second: the excess waits for the window and then lands', async () => {
    const emu = await emulator({ faults: { rateLimitPerSecond: 2 } });
    const c = client(emu, 'xml', {
      rateLimit: { rps: 1000, concurrency: 4, burst: 1000 },
      retry: { maxAttempts: 3, sleep: () => new Promise((res) => setTimeout(res, 1_100)) },
    });
    const res = await Promise.all(['A100', 'B200', 'C300', 'D400'].map((b) => c.queryStorage([storage(b)])));
    expect(res.map((r) => r[0]?.outcome)).toEqual(['found', 'found', 'found', 'found']);
    const outcomes = emu.received.map((x) => x.outcome);
    expect(outcomes.filter((o) => o === '0000')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'sys.controller.api-frequency:limit')).toHaveLength(2);
  });
});

describe('Suning client ↔ emulator: clock (±10 min window, Beijing time)', () => {
  it.each([
    ['ahead', 7],
    ['behind', -7],
  ])('server 7 minutes %s: inside the window, accepted at once, and the offset is learned', async (_l, minutes) => {
    const emu = await emulator({ clockOffsetMs: minutes * 60_000 });
    const c = client(emu, 'json');
    await c.queryStorage([storage('A100')]);
    expect(emu.received.map((x) => x.outcome)).toEqual(['0000']);
    expect(Math.abs(c.transport.clock.offsetMs - minutes * 60_000)).toBeLessThan(60_000);
  });

  it.each([
    ['ahead', 15],
    ['behind', -15],
  ])('server 15 minutes %s: app-time:error, corrected from Date, re-signed once', async (_l, minutes) => {
    const emu = await emulator({ clockOffsetMs: minutes * 60_000 });
    const r = instantRetry(1);
    const c = client(emu, 'xml', { retry: r.retry });
    const res = await c.queryStorage([storage('A100')]);
    expect(res[0]?.outcome).toBe('found');
    expect(emu.received.map((x) => x.outcome)).toEqual(['sys.check.app-time:error', '0000']);
    await c.queryStorage([storage('B200')]);
    expect(emu.received).toHaveLength(3);
  });

  it('request-apprequesttime:error is the same clock error: corrected from Date, re-signed once', async () => {
    const emu = await emulator({ clockOffsetMs: 15 * 60_000, faults: { suningTimeErrorCode: 'sys.check.request-apprequesttime:error' } });
    const events: string[] = [];
    const c = client(emu, 'json', { retry: instantRetry(1).retry, onEvent: (ev) => events.push(ev.type) });
    const res = await c.queryStorage([storage('A100')]);
    expect(res[0]?.outcome).toBe('found');
    expect(emu.received.map((x) => x.outcome)).toEqual(['sys.check.request-apprequesttime:error', '0000']);
    expect(events).toContain('clock_retry');
  });

  it('still rejected after correcting → clock error after exactly two requests', async () => {
    const emu = await emulator({ clockOffsetMs: 15 * 60_000 });
    const c = client(emu, 'json', {
      retry: instantRetry(4).retry,
      onEvent: (ev) => {
        if (ev.type === 'clock_retry') emu.setClockOffset(-15 * 60_000);
      },
    });
    const e = platformError(await rejection(c.queryStorage([storage('A100')])));
    expect(e).toMatchObject({ kind: 'clock', platformCode: 'sys.check.app-time:error', retryable: false });
    expect(emu.received).toHaveLength(2);
  });
});

describe.each(FORMATS)('Suning client ↔ emulator (%s): injected faults', (format) => {
  it('latency is waited out', async () => {
    const emu = await emulator({ faults: { latencyMs: 250 } });
    const res = await client(emu, format).queryStorage([storage('A100')]);
    expect(res[0]?.outcome).toBe('found');
  });

  it.each([
    ['HTTP 500', { http5xx: 500 }, 500],
    ['HTML error page', { htmlErrorPage: true }, 502],
  ])('%s → retryable server error, retried to the bound', async (_l, faults, status) => {
    const emu = await emulator({ faults });
    const r = instantRetry(3);
    const c = client(emu, format, { retry: r.retry });
    const e = platformError(await rejection(c.queryStorage([storage('A100')])));
    expect(e).toMatchObject({ kind: 'server', retryable: true, httpStatus: status });
    expect(emu.received).toHaveLength(3);
    expect(r.sleeps).toHaveLength(2);
  });

  it('a 5xx that clears → answered on the retry', async () => {
    const emu = await emulator({ faults: { http5xx: 503 } });
    const c = client(emu, format, { retry: instantRetry(3, () => emu.setFaults({})).retry });
    const res = await c.queryStorage([storage('A100')]);
    expect(res[0]?.outcome).toBe('found');
    expect(emu.received.map((x) => x.fault)).toEqual(['http5xx', null]);
  });

  it.each([
    ['malformed', { malformedBody: true }],
    ['truncated', { truncatedBody: true }],
    ['empty', { emptyBody: true }],
  ])('%s body → protocol error, not retried', async (_l, faults) => {
    const emu = await emulator({ faults });
    const r = instantRetry(3);
    const c = client(emu, format, { retry: r.retry });
    const e = platformError(await rejection(c.queryStorage([storage('A100')])));
    expect(e).toMatchObject({ kind: 'protocol', retryable: false, httpStatus: 200 });
    expect(emu.received).toHaveLength(1);
    expect(r.sleeps).toEqual([]);
  });

  it('a hanging server is cut by the read timeout, retried to the bound', async () => {
    const emu = await emulator({ faults: { hang: true } });
    const r = instantRetry(2);
    const c = client(emu, format, { retry: r.retry, timeouts: { readMs: 250 } });
    const e = platformError(await rejection(c.queryStorage([storage('A100')])));
    expect(e).toMatchObject({ kind: 'network', retryable: true });
    expect(emu.received).toHaveLength(2);
  });
});

describe('Suning endpoint forms', () => {
  it('accepts a base that already names the method', async () => {
    const emu = await emulator();
    const c = createSuningClient({ baseUrl: `${emu.url}/suning.custom.storage.query/`, ...CREDS, format: 'json' });
    open.push(c);
    const res = await c.queryStorage([storage('A100')]);
    expect(res[0]?.outcome).toBe('found');
  });
});
