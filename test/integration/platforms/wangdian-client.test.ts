import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { PlatformError } from '../../../electron/http/errors';
import { createWangdianClient, type WangdianClient, type WangdianClientOptions } from '../../../electron/platforms/wangdian/client';
import { startWangdianEmulator, type WangdianEmulator } from '../../../electron/sandbox/wangdian-emulator';
import { erpRecord, instantRetry, rejection } from './helpers';

const CREDS = { sid: 'wdt-sid', appkey: 'wdt-appkey', appsecret: 'wdt-secret-7f3a9c' };
const SEVEN_MIN = 7 * 60_000;

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

async function emulator(extra: Partial<Parameters<typeof startWangdianEmulator>[0]> = {}): Promise<WangdianEmulator> {
  const emu = await startWangdianEmulator({ ...CREDS, records: ['INV1', 'INV2', 'INV3', 'INV4', 'INV5', 'INV6'].map((n) => erpRecord(n)), ...extra });
  open.push(emu);
  return emu;
}

function client(emu: WangdianEmulator, extra: Partial<WangdianClientOptions> = {}): WangdianClient {
  const c = createWangdianClient({ baseUrl: emu.url, ...CREDS, rateLimit: { rps: 1000, concurrency: 8 }, ...extra });
  open.push(c);
  return c;
}

const success = { invoice_no: 'INV1', invoice_no_out: '88093702', invoice_code: '032001700211', file_path: 'https://example.invalid/a.pdf' };

function platformError(e: unknown): PlatformError {
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}

describe('Wangdiantong client ↔ emulator: success', () => {
  it('writes an issued invoice back; the emulator verifies sid, appkey, timestamp and sign', async () => {
    const emu = await emulator();
    const c = client(emu);
    await expect(c.updateInvoice(success)).resolves.toEqual({ code: 0, message: 'OK' });
    expect(emu.received).toHaveLength(1);
    const p = emu.received[0]?.params ?? {};
    expect(p).toMatchObject({ sid: CREDS.sid, appkey: CREDS.appkey, invoice_no: 'INV1', status: '80', invoice_no_out: '88093702', invoice_code: '032001700211' });
    expect(p['timestamp']).toMatch(/^\d{10}$/);
    expect(p['sign']).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.values(p).join(' ')).not.toContain(CREDS.appsecret);
    expect(emu.store.get('INV1')).toMatchObject({ status: 80, invoiceNum: '88093702', invoiceCode: '032001700211', pdfUrl: 'https://example.invalid/a.pdf', updateCount: 1 });
  });

  it('signs 4-byte characters by code points (the emulator would answer 1020 otherwise) and takes status as text', async () => {
    const emu = await emulator();
    const c = client(emu);
    await c.updateInvoice({ invoice_no: 'INV2', status: '75', invoice_code: '', error_info: '购方名称含生僻字𠀋𠀋，税局拒绝' });
    expect(emu.received.map((r) => r.code)).toEqual([0]);
    expect(emu.store.get('INV2')).toMatchObject({ status: 75, errorInfo: '购方名称含生僻字𠀋𠀋，税局拒绝' });
  });

  it('leaves empty error_info and file_path out of the request and the signature; invoice_code stays, empty', async () => {
    const emu = await emulator();
    const c = client(emu);
    await c.updateInvoice({ invoice_no: 'INV4', status: 80, invoice_no_out: '24322000000012345678', invoice_code: '', error_info: '', file_path: '' });
    expect(emu.received.map((r) => r.code)).toEqual([0]);
    const p = emu.received[0]?.params ?? {};
    expect(Object.keys(p).sort()).toEqual(['appkey', 'invoice_code', 'invoice_no', 'invoice_no_out', 'sid', 'sign', 'status', 'timestamp']);
    expect(p['invoice_code']).toBe('');
    expect(emu.store.get('INV4')).toMatchObject({ status: 80, invoiceNum: '24322000000012345678', invoiceCode: '', pdfUrl: '', errorInfo: '' });
  });

  it('sends the scheme-less www.suning.com as https://www.suning.com', async () => {
    const emu = await emulator();
    await client(emu).updateInvoice({ ...success, file_path: 'www.suning.com' });
    expect(emu.received[0]?.params['file_path']).toBe('https://www.suning.com');
    expect(emu.store.get('INV1')?.pdfUrl).toBe('https://www.suning.com');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x'])('never sends the file_path %j: refused before any request', async (file_path) => {
    const emu = await emulator();
    const e = platformError(await rejection(client(emu).updateInvoice({ ...success, file_path })));
    expect(e).toMatchObject({ kind: 'validation', retryable: false });
    expect(e.messageEn).toContain('file_path');
    expect(e.messageEn).toContain('only http:// or https://');
    expect(emu.requestCount()).toBe(0);
  });

  it('never sends an invoice number hiding a U+202E', async () => {
    const emu = await emulator();
    const e = platformError(await rejection(client(emu).updateInvoice({ ...success, invoice_no_out: '8809\u202E3702' })));
    expect(e.messageZh).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(e.messageEn).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(emu.requestCount()).toBe(0);
  });

  it('a 数电票 with an empty code, sent twice, is accepted twice (idempotent)', async () => {
    const emu = await emulator();
    const c = client(emu);
    const req = { invoice_no: 'INV3', invoice_no_out: '24322000000012345678', invoice_code: '' };
    await c.updateInvoice(req);
    await c.updateInvoice(req);
    expect(emu.store.get('INV3')).toMatchObject({ invoiceCode: '', invoiceNum: '24322000000012345678', updateCount: 2 });
  });

  it('many updates in parallel all land, bounded by the limiter', async () => {
    const emu = await emulator();
    const c = client(emu, { rateLimit: { rps: 1000, concurrency: 3 } });
    const ids = ['INV1', 'INV2', 'INV3', 'INV4', 'INV5', 'INV6'];
    const results = await Promise.all(ids.map((id, i) => c.updateInvoice({ invoice_no: id, invoice_no_out: String(10_000_000 + i) })));
    expect(results.every((r) => r.code === 0)).toBe(true);
    expect(emu.received).toHaveLength(6);
    expect(c.transport.limiter.stats).toEqual({ active: 0, queued: 0 });
    for (const [i, id] of ids.entries()) expect(emu.store.get(id)?.invoiceNum).toBe(String(10_000_000 + i));
  });
});

describe('Wangdiantong client ↔ emulator: error codes', () => {
  it('refuses an invalid request locally: nothing is sent', async () => {
    const emu = await emulator();
    const c = client(emu);
    const e = platformError(await rejection(c.updateInvoice({ invoice_no: 'INV1', status: 80, invoice_no_out: '' })));
    expect(e.kind).toBe('validation');
    expect(e.code).toBe('platform.validation');
    expect(e.messageZh).toContain('invoice_no_out');
    expect(e.messageEn).toContain('invoice_no_out');
    const e2 = platformError(await rejection(c.updateInvoice({ invoice_no: '𠀋'.repeat(21), invoice_no_out: '1' })));
    expect(e2.messageEn).toContain('at most 20 characters, got 21');
    expect(emu.requestCount()).toBe(0);
  });

  it('30000 unknown invoice_no → not_found, not retried', async () => {
    const emu = await emulator();
    const r = instantRetry(4);
    const c = client(emu, { retry: r.retry });
    const e = platformError(await rejection(c.updateInvoice({ ...success, invoice_no: 'NOPE' })));
    expect(e).toMatchObject({ kind: 'not_found', platformCode: '30000', retryable: false, httpStatus: 200, platform: 'wangdian' });
    expect(e.messageZh).toContain('发票编号在系统中不存在');
    expect(e.rawSnippet).toContain('30000');
    expect(emu.received).toHaveLength(1);
    expect(r.sleeps).toEqual([]);
  });

  it('1010 unknown sid/appkey → auth', async () => {
    const emu = await emulator();
    const c = client(emu, { sid: 'someone-else' });
    const e = platformError(await rejection(c.updateInvoice(success)));
    expect(e).toMatchObject({ kind: 'auth', platformCode: '1010', retryable: false });
    expect(emu.received).toHaveLength(1);
  });

  it('1020 wrong appsecret → signature, and the secret appears nowhere in the error', async () => {
    const emu = await emulator();
    const wrong = 'not-the-right-secret';
    const c = client(emu, { appsecret: wrong });
    const e = platformError(await rejection(c.updateInvoice(success)));
    expect(e).toMatchObject({ kind: 'signature', platformCode: '1020', retryable: false });
    expect(JSON.stringify(e.toShape())).not.toContain(wrong);
    expect(emu.received).toHaveLength(1);
    expect(emu.store.get('INV1')?.updateCount).toBe(0);
  });

  it('1040 rate limit → retried with growing backoff, bounded by maxAttempts', async () => {
    const emu = await emulator({ faults: { rateLimitPerSecond: 0 } });
    const r = instantRetry(3);
    const c = client(emu, { retry: r.retry });
    const e = platformError(await rejection(c.updateInvoice(success)));
    expect(e).toMatchObject({ kind: 'rate_limit', platformCode: '1040', retryable: true });
    expect(emu.received.map((x) => x.code)).toEqual([1040, 1040, 1040]);
    expect(r.sleeps).toEqual([50, 100]);
  });

  it('1040 then the limit lifts → succeeds on the retry', async () => {
    const emu = await emulator({ faults: { rateLimitPerSecond: 0 } });
    const r = instantRetry(5, () => emu.setFaults({}));
    const c = client(emu, { retry: r.retry });
    await expect(c.updateInvoice(success)).resolves.toEqual({ code: 0, message: 'OK' });
    expect(emu.received.map((x) => x.code)).toEqual([1040, 0]);
  });

  it('rate limit after K requests/second: the requests over K are retried after the window and all land', async () => {
    const emu = await emulator({ faults: { rateLimitPerSecond: 3 } });
    const sleeps: number[] = [];
    // Waiting 1.1 s guarantees the emulator's one-second window has emptied, whatever the machine's speed.
    const c = client(emu, {
      rateLimit: { rps: 1000, concurrency: 6, burst: 1000 },
      retry: { maxAttempts: 3, sleep: async (ms) => { sleeps.push(ms); await new Promise((res) => setTimeout(res, 1_100)); } },
    });
    const ids = ['INV1', 'INV2', 'INV3', 'INV4', 'INV5', 'INV6'];
    const out = await Promise.all(ids.map((id) => c.updateInvoice({ invoice_no: id, invoice_no_out: `N-${id}` })));
    expect(out).toHaveLength(6);
    const codes = emu.received.map((x) => x.code);
    expect(codes.filter((x) => x === 0)).toHaveLength(6);
    const limited = codes.filter((x) => x === 1040).length;
    expect(limited).toBe(3);
    expect(sleeps).toHaveLength(limited);
    for (const id of ids) expect(emu.store.get(id)?.updateCount).toBe(1);
  });
});

describe('Wangdiantong client ↔ emulator: clock', () => {
  it.each([
    ['ahead', SEVEN_MIN],
    ['behind', -SEVEN_MIN],
  ])('server clock 7 minutes %s: the 1030 answer corrects the clock, re-signed once, then right first time', async (_label, offset) => {
    const emu = await emulator({ clockOffsetMs: offset });
    const r = instantRetry(1);
    const c = client(emu, { retry: r.retry });
    await expect(c.updateInvoice(success)).resolves.toEqual({ code: 0, message: 'OK' });
    expect(emu.received.map((x) => x.code)).toEqual([1030, 0]);
    expect(Math.abs(c.transport.clock.offsetMs - offset)).toBeLessThan(60_000);
    await c.updateInvoice({ ...success, invoice_no: 'INV2' });
    expect(emu.received.map((x) => x.code)).toEqual([1030, 0, 0]);
    expect(r.sleeps).toEqual([]);
  });

  it('a clock still rejected after the correction surfaces as a clock error after exactly two requests', async () => {
    const emu = await emulator({ clockOffsetMs: SEVEN_MIN });
    const c = client(emu, {
      retry: instantRetry(4).retry,
      // The server's clock jumps again right after its first answer taught us the offset.
      onEvent: (ev) => {
        if (ev.type === 'clock_retry') emu.setClockOffset(-SEVEN_MIN);
      },
    });
    const e = platformError(await rejection(c.updateInvoice(success)));
    expect(e).toMatchObject({ kind: 'clock', platformCode: '1030', retryable: false });
    expect(emu.received.map((x) => x.code)).toEqual([1030, 1030]);
  });
});

describe('Wangdiantong client ↔ emulator: injected faults', () => {
  it('added latency is waited out', async () => {
    const emu = await emulator({ faults: { latencyMs: 300 } });
    const c = client(emu);
    await expect(c.updateInvoice(success)).resolves.toEqual({ code: 0, message: 'OK' });
    expect(emu.received).toHaveLength(1);
  });

  it.each([
    ['HTTP 503', { http5xx: 503 }, 503],
    ['HTML error page (502)', { htmlErrorPage: true }, 502],
    ['random 500s at rate 1', { errorRate: 1 }, 500],
  ])('%s → retryable server error, retried to the bound', async (_label, faults, status) => {
    const emu = await emulator({ faults });
    const r = instantRetry(3);
    const c = client(emu, { retry: r.retry });
    const e = platformError(await rejection(c.updateInvoice(success)));
    expect(e).toMatchObject({ kind: 'server', retryable: true, httpStatus: status, platformCode: null });
    expect(e.rawSnippet).toContain('nginx');
    expect(emu.received).toHaveLength(3);
    expect(r.sleeps).toEqual([50, 100]);
    expect(emu.store.get('INV1')?.updateCount).toBe(0);
  });

  it('a 5xx that clears → succeeds on the next attempt', async () => {
    const emu = await emulator({ faults: { http5xx: 502 } });
    const c = client(emu, { retry: instantRetry(4, () => emu.setFaults({})).retry });
    await c.updateInvoice(success);
    expect(emu.received.map((x) => x.fault)).toEqual(['http5xx', null]);
  });

  it.each([
    ['malformed', { malformedBody: true }, 'JSON'],
    ['truncated', { truncatedBody: true }, 'JSON'],
    ['empty', { emptyBody: true }, 'empty'],
  ])('%s body → protocol error, not retried (the update may have gone through)', async (_label, faults, word) => {
    const emu = await emulator({ faults });
    const r = instantRetry(4);
    const c = client(emu, { retry: r.retry });
    const e = platformError(await rejection(c.updateInvoice(success)));
    expect(e).toMatchObject({ kind: 'protocol', retryable: false, httpStatus: 200 });
    expect(e.messageEn).toContain(word);
    expect(emu.received).toHaveLength(1);
    expect(emu.store.get('INV1')?.updateCount).toBe(1);
  });

  it('a hanging connection is cut by the read timeout and retried to the bound', async () => {
    const emu = await emulator({ faults: { hang: true } });
    const r = instantRetry(2);
    const c = client(emu, { retry: r.retry, timeouts: { readMs: 300 } });
    const e = platformError(await rejection(c.updateInvoice(success)));
    expect(e).toMatchObject({ kind: 'network', retryable: true });
    expect(e.messageEn).toContain('read timeout');
    expect(emu.received.map((x) => x.fault)).toEqual(['hang', 'hang']);
  });

  it('cancelling while the server hangs ends the call with a cancelled error', async () => {
    const emu = await emulator({ faults: { hang: true } });
    const c = client(emu, { retry: instantRetry(3).retry });
    const ctl = new AbortController();
    const pending = c.updateInvoice(success, ctl.signal);
    while (emu.received.length === 0) await new Promise((res) => setTimeout(res, 10));
    ctl.abort();
    const e = await rejection(pending);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('cancelled');
    expect(emu.received).toHaveLength(1);
  });

  it('a refused connection is a retryable network error', async () => {
    const emu = await emulator();
    const url = emu.url;
    await emu.close();
    const r = instantRetry(2);
    const c = createWangdianClient({ baseUrl: url, ...CREDS, retry: r.retry });
    open.push(c);
    const e = platformError(await rejection(c.updateInvoice(success)));
    expect(e).toMatchObject({ kind: 'network', retryable: true });
    expect(r.sleeps).toHaveLength(1);
  });
});
