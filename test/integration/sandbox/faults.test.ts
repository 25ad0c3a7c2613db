import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWangdianEmulator, type WangdianEmulator } from '../../../electron/sandbox/wangdian-emulator';
import { startSuningEmulator, type SuningEmulator } from '../../../electron/sandbox/suning-emulator';
import { parseFaults } from '../../../electron/sandbox/faults';
import type { ErpRecord } from '../../../electron/sandbox/types';
import { jsonBody, snPost, wdtPost, xmlBody, type SnCreds, type WdtCreds } from './signing';

const rec: ErpRecord = {
  invoiceNo: 'FP1',
  orderNo: '1',
  billType: '01',
  shop: 's',
  saleOrg: '70066253',
  buyerTitle: '个人',
  amountFen: 100,
  taxAmountFen: 12,
  invoiceDate: '2026-11-01',
  invoiceCode: '',
  invoiceNum: '',
  pdfUrl: '',
  status: 80,
  errorInfo: '',
};
const update = { invoice_no: 'FP1', status: '80', invoice_no_out: '00000001', invoice_code: '032001900111' };
const storage = [{ billNo: '32281421244', billType: '01', saleOrg: '70066253' }];
const wire = { orderItemId: '1', invoiceFlag: '04', invoiceType: '1', invoiceCode: '032001900111', invoiceNum: '00000001', invoiceAmount: '1' };

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

describe('fault injection', () => {
  let wdt: WangdianEmulator;
  let sn: SuningEmulator;
  let w: WdtCreds;
  let s: SnCreds;

  beforeAll(async () => {
    wdt = await startWangdianEmulator({ sid: 's', appkey: 'k', appsecret: 'x', records: [rec] });
    sn = await startSuningEmulator({ appKey: 'k', appSecret: 'x', saleOrg: '70066253', invoicesByOrder: new Map([['32281421244', [wire]]]) });
    w = { url: wdt.url, sid: 's', appkey: 'k', appsecret: 'x' };
    s = { url: sn.url, appKey: 'k', appSecret: 'x', saleOrg: '70066253' };
  });
  afterAll(async () => {
    await wdt.close();
    await sn.close();
  });
  beforeEach(() => {
    for (const e of [wdt, sn]) {
      e.setFaults({});
      e.resetCounters();
    }
  });

  it('adds latency before answering', async () => {
    wdt.setFaults({ latencyMs: 150 });
    const t0 = performance.now();
    const res = await wdtPost(w, update);
    // A lower bound only: setTimeout never fires meaningfully early.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    expect(((await res.json()) as { code: number }).code).toBe(0);
  });

  it('answers a fixed 5xx with an HTML page, without applying the update', async () => {
    wdt.setFaults({ http5xx: 503 });
    const before = wdt.store.get('FP1')?.updateCount;
    const res = await wdtPost(w, update);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('503');
    expect(wdt.store.get('FP1')?.updateCount).toBe(before);
    expect(wdt.received[0]).toMatchObject({ fault: 'http5xx', code: null });
  });

  it('answers a 502 nginx page', async () => {
    sn.setFaults({ htmlErrorPage: true });
    const res = await snPost(s, jsonBody(storage));
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<center>nginx</center>');
  });

  it('fails a seeded share of requests with 500, the same way after a reset', async () => {
    sn.setFaults({ errorRate: 0.5, seed: 42 });
    const run = async (): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < 16; i++) {
        const res = await snPost(s, jsonBody(storage));
        await res.arrayBuffer();
        out.push(res.status);
      }
      return out;
    };
    const first = await run();
    sn.resetCounters();
    expect(await run()).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
    sn.setFaults({ errorRate: 1 });
    expect((await snPost(s, jsonBody(storage))).status).toBe(500);
  });

  it('sends a malformed body after applying the update', async () => {
    wdt.setFaults({ malformedBody: true });
    const before = wdt.store.get('FP1')?.updateCount ?? 0;
    const res = await wdtPost(w, update);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(wdt.store.get('FP1')?.updateCount).toBe(before + 1);
    expect(wdt.received[0]).toMatchObject({ code: 0, fault: 'malformed_body' });
  });

  it('sends a truncated body: a strict prefix of the real answer', async () => {
    const full = await (await snPost(s, jsonBody(storage))).text();
    sn.setFaults({ truncatedBody: true });
    const cut = await (await snPost(s, jsonBody(storage))).text();
    expect(cut.length).toBeLessThan(full.length);
    expect(full.startsWith(cut)).toBe(true);
    expect(() => JSON.parse(cut) as unknown).toThrow(SyntaxError);
    const xmlCut = await (await snPost(s, xmlBody(storage), { format: 'xml' })).text();
    expect(xmlCut).not.toContain('</sn_responseContent>');
  });

  it('sends an empty body', async () => {
    wdt.setFaults({ emptyBody: true });
    const res = await wdtPost(w, update);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    sn.setFaults({ malformedBody: true });
    const xml = await (await snPost(s, xmlBody(storage), { format: 'xml' })).text();
    expect(xml).toContain('<sn_responseContent>');
    expect(xml).not.toContain('</queryStorage>');
  });

  it('hangs until closed, and close() ends the hanging connection', async () => {
    const hanging = await startSuningEmulator({ appKey: 'k', appSecret: 'x', saleOrg: '70066253', faults: { hang: true } });
    const pending = snPost({ ...s, url: hanging.url }, jsonBody(storage));
    await until(() => hanging.received.length === 1);
    expect(hanging.received[0]?.fault).toBe('hang');
    await hanging.close();
    await expect(pending).rejects.toThrow();
  });

  it('closes cleanly while a latency timer is pending', async () => {
    const slow = await startWangdianEmulator({ sid: 's', appkey: 'k', appsecret: 'x', faults: { latencyMs: 60_000 } });
    const pending = wdtPost({ ...w, url: slow.url }, update);
    await until(() => slow.received.length === 1);
    await slow.close();
    await expect(pending).rejects.toThrow();
  });

  it('refuses nonsensical fault options with a bilingual message', () => {
    expect(() => parseFaults({ errorRate: 2 })).toThrow(/故障注入参数无效.*Invalid fault-injection options/);
    expect(() => parseFaults({ latency: 5 })).toThrow(/latency/);
  });
});
