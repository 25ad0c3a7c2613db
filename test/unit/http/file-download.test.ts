// Unit test (Node, real HTTP over loopback, real files): the hostile downloader (electron/http/file-download.ts)
// writing into the real content-addressed store (electron/services/archive/store.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { downloadPdf, downloadWithRetry, type DownloadOptions } from '../../../electron/http/file-download';
import { createFileStore } from '../../../electron/services/archive/store';
import { pdfRoute, startFileServer, tinyPdf, type FileServer } from '../../support/file-server';

let server: FileServer;
let dir: string;
const agent = new Agent({ connect: { timeout: 2_000 } });
const opts = (over: Partial<DownloadOptions> = {}): DownloadOptions => ({ dispatcher: agent, maxBytes: 1_000_000, readTimeoutMs: 2_000, totalTimeoutMs: 10_000, ...over });
const store = () => createFileStore(dir);
const tmpFiles = () => {
  try {
    return readdirSync(path.join(dir, 'tmp'));
  } catch {
    return [];
  }
};

beforeAll(async () => {
  server = await startFileServer();
  dir = mkdtempSync(path.join(tmpdir(), 'invoice-recon-archive-'));
});
afterAll(async () => {
  await server.close();
  await agent.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(p: string, over: Partial<DownloadOptions> = {}) {
  const s = store();
  return downloadPdf(`${server.base}${p}`, () => s.openTemp(), opts(over));
}

describe('downloadPdf', () => {
  it('stores a PDF under its SHA-256, complete, and sends nothing of ours (no cookie, credentials, Authorization, Referer)', async () => {
    const bytes = tinyPdf('ok');
    server.route('/ok.pdf', pdfRoute(bytes));
    const r = await get('/ok.pdf');
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(r).toMatchObject({ outcome: 'stored', httpStatus: 200, sha256: sha, size: bytes.length });
    expect(readFileSync(store().pathOf(sha)).equals(bytes)).toBe(true);
    expect(store().pathOf(sha)).toBe(path.join(dir, sha.slice(0, 2), `${sha}.pdf`));
    expect(tmpFiles()).toEqual([]);
    const h = server.seen.filter((q) => q.path === '/ok.pdf').at(-1)?.headers ?? {};
    for (const name of ['cookie', 'authorization', 'referer', 'proxy-authorization']) expect(h[name]).toBeUndefined();
  });

  it('answers 404 and 410 as link_expired, not retried', async () => {
    server.route('/gone', (res) => res.writeHead(410).end());
    expect(await get('/missing.pdf')).toMatchObject({ outcome: 'link_expired', httpStatus: 404, retry: false });
    expect(await get('/gone')).toMatchObject({ outcome: 'link_expired', httpStatus: 410, retry: false });
  });

  it('answers an HTML "链接已失效" page as link_expired and other HTML as not_pdf', async () => {
    server.route('/expired', (res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>该发票链接已失效，请重新获取</body></html>'));
    server.route('/page', (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>welcome</body></html>'));
    expect(await get('/expired')).toMatchObject({ outcome: 'link_expired', httpStatus: 200 });
    const r = await get('/page');
    expect(r).toMatchObject({ outcome: 'not_pdf', retry: false });
    expect(r.detail).toContain('text/html');
    expect(r.detail).toContain('<html>');
  });

  it('judges by the bytes, not Content-Type: application/pdf that is not a PDF is not_pdf; an empty body too', async () => {
    server.route('/liar', (res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('PK\u0003\u0004 this is a zip'));
    server.route('/empty', (res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end());
    expect(await get('/liar')).toMatchObject({ outcome: 'not_pdf' });
    expect(await get('/empty')).toMatchObject({ outcome: 'not_pdf' });
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses a truncated file (no %%EOF) and a Content-Length that lies, as incomplete and retryable; nothing lands under a hash', async () => {
    const whole = tinyPdf('cut', 4000);
    server.route('/truncated', (res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(whole.subarray(0, 3000)));
    server.route('/short', (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(whole.length + 500) });
      res.write(whole);
      setTimeout(() => res.destroy(), 20);
    });
    const before = readdirSync(dir).filter((n) => n !== 'tmp').sort();
    expect(await get('/truncated')).toMatchObject({ outcome: 'incomplete', retry: true });
    expect(await get('/short')).toMatchObject({ outcome: 'incomplete', retry: true });
    expect(readdirSync(dir).filter((n) => n !== 'tmp').sort()).toEqual(before);
    expect(tmpFiles()).toEqual([]);
  });

  it('stops an oversized body at the cap while it streams (declared or not)', async () => {
    let sent = 0;
    let stoppedEarly = false;
    server.route('/huge', (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.write(Buffer.from('%PDF-1.7\n'));
      const pump = (): void => {
        while (sent < 50_000_000) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        stoppedEarly = sent < 50_000_000;
      });
      pump();
    });
    server.route('/declared-huge', (res) => res.writeHead(200, { 'content-length': '999999999' }).end('%PDF-'));
    expect(await get('/huge', { maxBytes: 200_000 })).toMatchObject({ outcome: 'too_large', retry: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(stoppedEarly).toBe(true);
    expect(await get('/declared-huge', { maxBytes: 200_000 })).toMatchObject({ outcome: 'too_large' });
    expect(tmpFiles()).toEqual([]);
  });

  it('times out a server that sends headers and then nothing, retryable', async () => {
    server.route('/slow', (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.write('%PDF-1.7\n');
    });
    server.route('/silent', () => undefined);
    expect(await get('/slow', { readTimeoutMs: 300 })).toMatchObject({ outcome: 'timeout', retry: true });
    expect(await get('/silent', { readTimeoutMs: 300 })).toMatchObject({ outcome: 'timeout', retry: true });
    expect(tmpFiles()).toEqual([]);
  });

  it('refuses redirects to file:// or ftp://, loops and more than 3 hops; follows up to 3 http(s) hops', async () => {
    const bytes = tinyPdf('hop');
    server.route('/to-file', (res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    server.route('/to-ftp', (res) => res.writeHead(301, { location: 'ftp://127.0.0.1/a.pdf' }).end());
    server.route('/loop-a', (res) => res.writeHead(302, { location: '/loop-b' }).end());
    server.route('/loop-b', (res) => res.writeHead(302, { location: '/loop-a' }).end());
    for (let i = 0; i < 4; i++) server.route(`/hop${i}`, (res) => res.writeHead(302, { location: `/hop${i + 1}` }).end());
    server.route('/hop4', pdfRoute(bytes));
    server.route('/to-creds', (res) => res.writeHead(302, { location: 'http://user:pw@127.0.0.1/x' }).end());
    expect(await get('/to-file')).toMatchObject({ outcome: 'redirect_refused' });
    expect(await get('/to-ftp')).toMatchObject({ outcome: 'redirect_refused' });
    expect(await get('/loop-a')).toMatchObject({ outcome: 'redirect_refused' });
    expect(await get('/to-creds')).toMatchObject({ outcome: 'redirect_refused' });
    expect(await get('/hop0')).toMatchObject({ outcome: 'redirect_refused', detail: 'more than 3 redirects' });
    expect(await get('/hop1')).toMatchObject({ outcome: 'stored' });
    // No hop carried a Referer or anything else of ours.
    for (const q of server.seen.filter((x) => x.path.startsWith('/hop'))) expect(q.headers.referer).toBeUndefined();
  });

  it('refuses links that are not http(s) before any request, and reads www.… as https', async () => {
    const s = store();
    const n = server.seen.length;
    for (const bad of ['file:///etc/passwd', 'ftp://127.0.0.1/a.pdf', 'javascript:alert(1)', 'http://u:p@127.0.0.1/a', '']) {
      expect(await downloadPdf(bad, () => s.openTemp(), opts())).toMatchObject({ outcome: 'bad_url', retry: false });
    }
    expect(server.seen.length).toBe(n);
    // www.… is read as https: against a server that only speaks http this fails as network, proving the scheme.
    const r = await downloadPdf('www.invalid.example/a.pdf', () => s.openTemp(), opts({ readTimeoutMs: 500, totalTimeoutMs: 2_000 }));
    expect(['network', 'timeout']).toContain(r.outcome);
  });

  it('answers 5xx as a retryable http_error and retries it with backoff, counting attempts; 404 is tried once', async () => {
    let calls = 0;
    server.route('/flaky', (res) => {
      calls++;
      if (calls < 3) res.writeHead(503).end();
      else pdfRoute(tinyPdf('flaky'))(res, new URL('http://x'));
    });
    const s = store();
    const r = await downloadWithRetry(`${server.base}/flaky`, () => s.openTemp(), opts(), { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 });
    expect(r).toMatchObject({ attempts: 3, result: { outcome: 'stored' } });
    const before = server.seen.filter((q) => q.path === '/nope').length;
    const g = await downloadWithRetry(`${server.base}/nope`, () => s.openTemp(), opts(), { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 });
    expect(g).toMatchObject({ attempts: 1, result: { outcome: 'link_expired' } });
    expect(server.seen.filter((q) => q.path === '/nope').length).toBe(before + 1);
  });

  it('throws the caller\'s abort (cancel) instead of reporting an outcome, leaving no temp file', async () => {
    server.route('/drip', (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.write('%PDF-1.7\n');
    });
    const c = new AbortController();
    setTimeout(() => c.abort(new Error('cancelled by test')), 100);
    await expect(get('/drip', { signal: c.signal, readTimeoutMs: 5_000 })).rejects.toThrow('cancelled by test');
    expect(tmpFiles()).toEqual([]);
  });
});
