import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/sandbox';
import { runSandboxCli } from '../../../electron/hosts/cli/sandbox-main';
import { jsonBody, snPost, wdtPost } from './signing';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const address = srv.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe('startSandbox', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    // 300 orders of seed 1 include one of the rare 9999 orders.
    sb = await startSandbox({ orders: 300, seed: 1 });
  });
  afterAll(() => sb.close());

  it('serves the seeded orders on Suning and the seeded records on Wangdiantong with the practice credentials', async () => {
    const fillable = [...sb.data.caseByOrder].find(([, c]) => c === 'fillable')?.[0] ?? '';
    const res = await snPost(sb.suning, jsonBody([{ billNo: fillable, billType: '01', saleOrg: sb.suning.saleOrg }]));
    const body = (await res.json()) as { sn_responseContent: { sn_body?: { queryStorage: { returnCode: string; retrunInv: Array<{ orderItem: Array<{ invItems: Array<{ invoiceNum: string; invoiceCode: string }> }> }> } } } };
    const qs = body.sn_responseContent.sn_body?.queryStorage;
    expect(qs?.returnCode).toBe('0000');
    const inv = qs?.retrunInv[0]?.orderItem[0]?.invItems[0];
    expect(inv?.invoiceNum).toBe(sb.data.invoicesByOrder.get(fillable)?.[0]?.invoiceNum);

    const record = sb.erpRecords.find((r) => r.orderNo === fillable);
    const update = await wdtPost(sb.wangdian, { invoice_no: record?.invoiceNo ?? '', status: '80', invoice_no_out: inv?.invoiceNum ?? '', invoice_code: inv?.invoiceCode ?? '' });
    expect(await update.json()).toEqual({ code: 0, message: 'OK' });
    expect(sb.wangdianEmulator.store.get(record?.invoiceNo ?? '')?.invoiceNum).toBe(inv?.invoiceNum);
  });

  it('answers 9999 for the seeded failing order', async () => {
    expect(sb.data.failingOrders.size).toBeGreaterThan(0);
    const failing = [...sb.data.failingOrders][0] ?? '';
    const res = await snPost(sb.suning, jsonBody([{ billNo: failing, billType: '01', saleOrg: sb.suning.saleOrg }]));
    expect(await res.text()).toContain('"returnCode":"9999"');
  });

  it('closes the first emulator when the second cannot take its port', async () => {
    const taken = Number(new URL(sb.suning.url).port);
    const free = await freePort();
    await expect(startSandbox({ orders: 1, portWangdian: free, portSuning: taken })).rejects.toThrow(/EADDRINUSE/);
    // The Wangdiantong emulator got `free` and must have let it go again.
    const again = createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen(free, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });
});

describe('runSandboxCli in-process', () => {
  it('prints one JSON line once listening, writes the ERP CSV, and stops on its signal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-cli-'));
    try {
      const csv = path.join(dir, 'erp.csv');
      const stop = new AbortController();
      const out: string[] = [];
      const err: string[] = [];
      let listening: (line: string) => void = () => undefined;
      const firstLine = new Promise<string>((resolve) => {
        listening = resolve;
      });
      const run = runSandboxCli(['--json', '--orders', '12', '--seed', '5', '--erp-csv', csv], {
        out: (l) => {
          out.push(l);
          listening(l);
        },
        err: (l) => err.push(l),
        stopSignal: stop.signal,
      });
      const line = JSON.parse(await firstLine) as { wangdian: { url: string; sid: string; appkey: string; appsecret: string }; suning: { url: string; appKey: string; appSecret: string; saleOrg: string } };
      expect(Object.keys(line.wangdian)).toEqual(['url', 'sid', 'appkey', 'appsecret']);
      expect(Object.keys(line.suning)).toEqual(['url', 'appKey', 'appSecret', 'saleOrg']);
      const text = readFileSync(csv, 'utf8');
      expect(text.split('\r\n').filter((l) => l !== '')).toHaveLength(13);
      const invoiceNo = text.split('\r\n')[1]?.split(',')[0] ?? '';
      const res = await wdtPost(line.wangdian, { invoice_no: invoiceNo, status: '65', invoice_code: '', error_info: '练习' });
      expect(await res.json()).toEqual({ code: 0, message: 'OK' });
      stop.abort();
      expect(await run).toBe(0);
      expect(out).toHaveLength(1);
      expect(err).toEqual([]);
      await expect(fetch(`${line.wangdian.url}/`)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with a clear message when a port is taken', async () => {
    const sb = await startSandbox({ orders: 1 });
    try {
      const err: string[] = [];
      const code = await runSandboxCli(['--port-wangdian', new URL(sb.wangdian.url).port], { out: () => undefined, err: (l) => err.push(l) });
      expect(code).toBe(1);
      expect(err.join('\n')).toContain('端口已被占用 / the port is already in use');
    } finally {
      await sb.close();
    }
  });
});
