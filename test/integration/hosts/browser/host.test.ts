// Integration: the loopback browser host over a real core (SQLite in a temp dir), real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createAppCore, type AppCore } from '../../../../electron/services/app-core';
import { createKeyCipher } from '../../../../electron/secrets/file-key-cipher';
import { startBrowserHost, type BrowserHost } from '../../../../electron/hosts/browser/server';
import type { HandlerTable } from '../../../../shared/api/contract';

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string }

function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

let dir: string;
let core: AppCore;
let host: BrowserHost;

function invoke(channel: string, input: unknown, headers: Record<string, string> = {}) {
  return request(host.port, {
    method: 'POST',
    path: `/api/invoke/${channel}`,
    headers: { 'Content-Type': 'application/json', 'X-Invoice-Recon-Token': host.token, ...headers },
    body: JSON.stringify(input),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ir-host-'));
  const staticDir = path.join(dir, 'static');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  core = await createAppCore({ dataDir: path.join(dir, 'data'), host: 'browser', cipher: createKeyCipher(randomBytes(32), 'test', false), version: '9.9.9' });
  host = await startBrowserHost({ core, staticDir, bodyLimitBytes: 64 * 1024, heartbeatMs: 50 });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser host exports (files travel by path, not through the contract)', () => {
  it('writes the export itself and lets the page download it once, with the token, by its one-time URL', async () => {
    const r = await invoke('export:invoices', { filter: {}, format: 'csv' });
    expect(r.status).toBe(200);
    const out = JSON.parse(r.body) as { ok: true; value: { fileName: string; size: number; rows: number; downloadUrl: string } };
    expect(out.ok).toBe(true);
    expect(Object.keys(out.value).sort()).toEqual(['downloadUrl', 'fileName', 'rows', 'size']);
    expect(out.value.downloadUrl).toMatch(/^\/api\/download\/[A-Za-z0-9_-]{32}$/);

    expect((await request(host.port, { path: out.value.downloadUrl })).status).toBe(401);
    expect((await request(host.port, { path: `${out.value.downloadUrl}?token=wrong` })).status).toBe(401);
    const file = await request(host.port, { path: `${out.value.downloadUrl}?token=${host.token}` });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(out.value.fileName)}`);
    expect(Buffer.byteLength(file.body)).toBe(out.value.size);
    expect(file.body.charCodeAt(0)).toBe(0xfeff);
    expect(file.body).toContain('发票编号');

    const again = await request(host.port, { path: `${out.value.downloadUrl}?token=${host.token}` });
    expect(again.status).toBe(404);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('browser host', () => {
  it('listens on 127.0.0.1 with a URL carrying a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(43);
  });

  it('serves the renderer with the strict CSP, nosniff and the right types', async () => {
    const index = await request(host.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await request(host.port, { path: '/assets/app-1.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log(1)');
  });

  it('refuses path traversal, encoded or not', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%5c..%5c..%5csecret.txt', '/.hidden']) {
      const r = await request(host.port, { path: p });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('outside');
    }
  });

  it('answers channels with the token and refuses them without it (401)', async () => {
    const ok = await invoke('app:info', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { host: 'browser', version: '9.9.9', mode: 'unconfigured' } });
    const none = await request(host.port, { method: 'POST', path: '/api/invoke/app:info', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await invoke('app:info', {}, { 'X-Invoice-Recon-Token': `${host.token}x` });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const rebinding = await request(host.port, { path: '/', headers: { Host: `evil.example:${host.port}` } });
    expect(rebinding.status).toBe(403);
    const cross = await invoke('app:info', {}, { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const own = await invoke('app:info', {}, { Origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });

  it('gives unknown channels the 404 shape, and only after the token check', async () => {
    const r = await invoke('fs:readFile', {});
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const anon = await request(host.port, { method: 'POST', path: '/api/invoke/fs:readFile', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(anon.status).toBe(401);
  });

  it('validates input with the channel schema and answers bilingually', async () => {
    const r = await invoke('invoices:get', { id: 'seven' });
    expect(r.status).toBe(400);
    const body = JSON.parse(r.body) as { ok: boolean; error: { code: string; message: string; messageEn: string } };
    expect(body.error.code).toBe('validation');
    expect(body.error.message).toContain('invoices:get');
    expect(body.error.message).toContain('id');
    expect(body.error.messageEn).toContain('Invalid input for invoices:get');
    const notJson = await request(host.port, { method: 'POST', path: '/api/invoke/app:info', headers: { 'Content-Type': 'application/json', 'X-Invoice-Recon-Token': host.token }, body: '{nope' });
    expect(notJson.status).toBe(400);
  });

  it('passes handler errors through as their AppError shape', async () => {
    const r = await invoke('invoices:get', { id: 999_999 });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('accepts JSON only and refuses bodies over the limit with a clear message', async () => {
    const form = await request(host.port, { method: 'POST', path: '/api/invoke/app:info', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Invoice-Recon-Token': host.token }, body: 'a=1' });
    expect(form.status).toBe(415);
    const big = await invoke('import:preview', { fileName: 'a.csv', contentBase64: 'A'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(JSON.parse(big.body).error.messageEn).toContain('larger than');
  });

  it('streams core events over SSE with the token, with heartbeats, and refuses it without', async () => {
    const anon = await request(host.port, { path: '/api/events' });
    expect(anon.status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${encodeURIComponent(host.token)}`, headers: { Host: `127.0.0.1:${host.port}` } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes('event: invoices:changed') && text.includes(': ping')) {
            req.destroy();
            resolve(text);
          }
        });
        // A real import emits invoices:changed once the stream is open.
        const csv = Buffer.from('\uFEFF发票编号,订单号,金额\r\nSSE-1,30300000001,10.00\r\n').toString('base64');
        void invoke('import:commit', { fileName: 'sse.csv', contentBase64: csv });
      });
      req.on('error', reject);
    });
    expect(received).toMatch(/event: invoices:changed\ndata: \{"reason":"import"\}/);
  });
});

describe('browser host error mapping', () => {
  it('hides unknown errors behind a generic internal error', async () => {
    const logged: string[] = [];
    const failing = { 'app:info': async () => { throw new Error('SQLITE_CORRUPT at /home/clerk/secret/path'); } } as unknown as HandlerTable;
    const h = await startBrowserHost({ core: { handlers: failing, onEvent: () => () => undefined }, staticDir: dir, log: (l) => logged.push(l) });
    try {
      const r = await request(h.port, { method: 'POST', path: '/api/invoke/app:info', headers: { 'Content-Type': 'application/json', 'X-Invoice-Recon-Token': h.token }, body: '{}' });
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(r.body).not.toContain('secret/path');
      expect(logged.join('\n')).toContain('SQLITE_CORRUPT');
    } finally {
      await h.close();
    }
  });
});
