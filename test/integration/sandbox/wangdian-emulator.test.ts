import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWangdianEmulator, type WangdianEmulator } from '../../../electron/sandbox/wangdian-emulator';
import type { ErpRecord } from '../../../electron/sandbox/types';
import { wdtPost, type WdtCreds } from './signing';

const record = (invoiceNo: string, orderNo: string): ErpRecord => ({
  invoiceNo,
  orderNo,
  billType: '01',
  shop: '测试店',
  saleOrg: '70066253',
  buyerTitle: '个人',
  amountFen: 10000,
  taxAmountFen: 1150,
  invoiceDate: '2026-11-01',
  invoiceCode: '',
  invoiceNum: '',
  pdfUrl: '',
  status: 80,
  errorInfo: '',
});

const ok = { invoice_no: 'DZ202611010001', status: '80', invoice_no_out: '00412345', invoice_code: '032001900111', file_path: 'https://fp.example.cn/a.pdf' };

async function json(res: Response): Promise<{ code: number; message: string }> {
  expect(res.status).toBe(200);
  return (await res.json()) as { code: number; message: string };
}

describe('Wangdiantong emulator over loopback', () => {
  let emu: WangdianEmulator;
  let c: WdtCreds;

  beforeAll(async () => {
    emu = await startWangdianEmulator({ sid: 'sid01', appkey: 'key01', appsecret: 'secret01', records: [record('DZ202611010001', '30000000001')] });
    c = { url: emu.url, sid: 'sid01', appkey: 'key01', appsecret: 'secret01' };
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.setFaults({});
    emu.setClockOffset(0);
    emu.resetCounters();
  });

  it('applies a signed update, answers code 0 as a number, and records what it received', async () => {
    const body = await json(await wdtPost(c, ok));
    expect(body).toEqual({ code: 0, message: 'OK' });
    const state = emu.store.get('DZ202611010001');
    expect(state).toMatchObject({ status: 80, invoiceNum: '00412345', invoiceCode: '032001900111', pdfUrl: 'https://fp.example.cn/a.pdf', updateCount: 1 });
    expect(emu.received).toHaveLength(1);
    expect(emu.received[0]?.params['invoice_code']).toBe('032001900111');
    expect(emu.received[0]?.params['sign']).toMatch(/^[0-9a-f]{32}$/);
    expect(emu.received[0]?.code).toBe(0);
  });

  it('takes an absent error_info or file_path (the client leaves empty ones out) as empty, verifying the sign without them', async () => {
    await json(await wdtPost(c, { ...ok, status: '75', error_info: '税号错误' }));
    expect(emu.store.get('DZ202611010001')).toMatchObject({ pdfUrl: 'https://fp.example.cn/a.pdf', errorInfo: '税号错误' });
    const { file_path: _omitted, ...withoutLink } = ok;
    expect(await json(await wdtPost(c, withoutLink))).toEqual({ code: 0, message: 'OK' });
    expect(emu.received[1]?.params).not.toHaveProperty('file_path');
    expect(emu.received[1]?.params).not.toHaveProperty('error_info');
    expect(emu.store.get('DZ202611010001')).toMatchObject({ status: 80, pdfUrl: '', errorInfo: '' });
  });

  it('is idempotent: the same update twice leaves the same record', async () => {
    await json(await wdtPost(c, ok));
    const again = await json(await wdtPost(c, ok));
    expect(again.code).toBe(0);
    expect(emu.store.get('DZ202611010001')).toMatchObject({ invoiceNum: '00412345', status: 80 });
  });

  it('accepts Chinese error_info and 4-byte characters counted as code points', async () => {
    const body = await json(await wdtPost(c, { invoice_no: 'DZ202611010001', status: '75', invoice_code: '', error_info: '购方税号校验不通过𠀋'.padEnd(255, '𠀋') }));
    expect(body.code).toBe(0);
    expect(emu.store.get('DZ202611010001')?.status).toBe(75);
  });

  it('decodes the form exactly: + , %2B, spaces and Chinese in file_path survive', async () => {
    const filePath = 'https://inv.example.cn/pdf?id=9f8e&sig=a%2Bb==&name=发票 1+2.pdf';
    expect((await json(await wdtPost(c, { ...ok, file_path: filePath }))).code).toBe(0);
    expect(emu.store.get('DZ202611010001')?.pdfUrl).toBe(filePath);
  });

  it('treats parameters named like Object members as plain signed parameters', async () => {
    expect((await json(await wdtPost(c, { ...ok, constructor: 'x', toString: 'y' }))).code).toBe(0);
    expect((await json(await wdtPost(c, { ...ok, toString: 'y' }, { override: { toString: 'z' } }))).code).toBe(1020);
  });

  it('accepts a 数电票 with an empty invoice_code', async () => {
    const body = await json(await wdtPost(c, { ...ok, invoice_code: '', invoice_no_out: '26320000000000412345' }));
    expect(body.code).toBe(0);
    expect(emu.store.get('DZ202611010001')).toMatchObject({ invoiceCode: '', invoiceNum: '26320000000000412345' });
  });

  it.each(['sid', 'appkey', 'timestamp', 'sign'])('answers 1000 when %s is missing', async (field) => {
    const body = await json(await wdtPost(c, ok, { override: { [field]: undefined } }));
    expect(body.code).toBe(1000);
    expect(body.message).toContain(field);
  });

  it('answers 1010 for an unknown sid or appkey', async () => {
    expect((await json(await wdtPost({ ...c, sid: 'other' }, ok))).code).toBe(1010);
    expect((await json(await wdtPost({ ...c, appkey: 'other' }, ok))).code).toBe(1010);
  });

  it('answers 1030 outside ±300 s and for a timestamp that is not 10 digits', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    expect((await json(await wdtPost(c, ok, { timestamp: nowS - 400 }))).code).toBe(1030);
    expect((await json(await wdtPost(c, ok, { timestamp: nowS + 400 }))).code).toBe(1030);
    const body = await json(await wdtPost(c, ok, { timestamp: nowS * 1000 }));
    expect(body).toEqual({ code: 1030, message: '时间戳超出允许范围' });
  });

  it('answers 1020 for a sign made with another secret or over other values', async () => {
    const before = emu.store.get('DZ202611010001')?.updateCount;
    expect(await json(await wdtPost(c, ok, { secret: 'wrong' }))).toEqual({ code: 1020, message: '签名错误' });
    expect((await json(await wdtPost(c, ok, { override: { invoice_no_out: '00412346' } }))).code).toBe(1020);
    expect(emu.store.get('DZ202611010001')?.updateCount).toBe(before);
  });

  it.each([
    [{ ...ok, invoice_no: '' }, 'invoice_no'],
    [{ ...ok, invoice_no: 'X'.repeat(21) }, 'invoice_no'],
    [{ ...ok, status: '70' }, 'status'],
    [{ ...ok, invoice_no_out: '' }, 'invoice_no_out'],
    [{ ...ok, invoice_no_out: '1'.repeat(41) }, 'invoice_no_out'],
    [{ invoice_no: 'DZ202611010001', status: '80', invoice_no_out: '00412345' }, 'invoice_code'],
    [{ ...ok, invoice_code: '0'.repeat(21) }, 'invoice_code'],
    [{ ...ok, error_info: '错'.repeat(256) }, 'error_info'],
    [{ ...ok, file_path: 'h'.repeat(1025) }, 'file_path'],
  ])('answers 1000 naming the field for invalid business params (%#)', async (business, field) => {
    const body = await json(await wdtPost(c, business));
    expect(body.code).toBe(1000);
    expect(body.message).toContain(field);
  });

  it('defaults status to 80, so invoice_no_out is then required', async () => {
    const { status: _s, ...noStatus } = ok;
    expect((await json(await wdtPost(c, noStatus))).code).toBe(0);
    const { invoice_no_out: _n, ...noNumber } = noStatus;
    expect((await json(await wdtPost(c, noNumber))).code).toBe(1000);
  });

  it('answers 30000 for an unknown invoice_no', async () => {
    expect(await json(await wdtPost(c, { ...ok, invoice_no: 'NOPE' }))).toEqual({ code: 30000, message: '发票编号在系统中不存在,请检查invoice_no字段值' });
  });

  it('answers like a web server for other paths and methods', async () => {
    const notFound = await fetch(`${c.url}/openapi2/other.php`, { method: 'POST' });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toContain('text/html');
    await notFound.text();
    const get = await fetch(`${c.url}/openapi2/vip_invoice_info_update.php`);
    expect(get.status).toBe(405);
    expect(await get.text()).toContain('<html>');
    expect(emu.requestCount()).toBe(2);
    expect(emu.received).toHaveLength(0);
  });

  it('treats a JSON body as missing parameters, as PHP would', async () => {
    const res = await fetch(`${c.url}/openapi2/vip_invoice_info_update.php`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ok) });
    expect((await json(res)).code).toBe(1000);
  });

  it('stamps Date from its own clock and judges timestamps by it', async () => {
    const offset = 7 * 60_000;
    emu.setClockOffset(offset);
    const res = await wdtPost(c, ok);
    const serverMs = Date.parse(res.headers.get('date') ?? '');
    // The skew a client would see is the offset, give or take the request's own second.
    expect(Math.abs(serverMs - Date.now() - offset)).toBeLessThan(60_000);
    expect((await json(res)).code).toBe(1030);
    const skewed = await wdtPost(c, ok, { timestamp: Math.floor((Date.now() + offset) / 1000) });
    expect((await json(skewed)).code).toBe(0);
  });

  it('answers 1040 after K signed requests within a second', async () => {
    emu.setFaults({ rateLimitPerSecond: 2 });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await json(await wdtPost(c, ok))).code);
    // Only the third of three back-to-back requests can be over the limit.
    expect(codes.slice(0, 2)).toEqual([0, 0]);
    emu.setFaults({ rateLimitPerSecond: 0 });
    expect(await json(await wdtPost(c, ok))).toEqual({ code: 1040, message: '请求频率超限' });
  });

  it('seeds more records later', async () => {
    emu.seed([record('DZ202611010002', '30000000002')]);
    expect((await json(await wdtPost(c, { ...ok, invoice_no: 'DZ202611010002' }))).code).toBe(0);
  });
});
