// Node (Vitest). The app:// handler against real files in a temp folder: traversal guard, methods, MIME, CSP.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppPath } from '../../../electron/security/app-path';
import { handleAppProtocol, registerAppScheme, serveAppRequest } from '../../../electron/security/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/csp';
import { mimeTypeFor } from '../../../electron/security/mime';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  // Files outside the root that a traversal would try to reach.
  writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
  mkdirSync(path.join(base, 'renderer-evil'), { recursive: true });
  writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest(new Request(url, { method }), root);

describe('resolveAppPath', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppPath('app://invoice-recon/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://invoice-recon/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://invoice-recon/assets/index-abc123.js?v=1#x', root)).toBe(path.join(root, 'assets', 'index-abc123.js'));
  });

  const evil: readonly string[] = [
    'app://invoice-recon/../secret.txt',
    'app://invoice-recon/assets/../../secret.txt',
    'app://invoice-recon/./index.html',
    'app://invoice-recon/%2e%2e/secret.txt',
    'app://invoice-recon/%2E%2E/secret.txt',
    'app://invoice-recon/.%2e/secret.txt',
    'app://invoice-recon/..%2fsecret.txt',
    'app://invoice-recon/..%2Fsecret.txt',
    'app://invoice-recon/..%5csecret.txt',
    'app://invoice-recon/..\\secret.txt',
    'app://invoice-recon/assets\\..\\..\\secret.txt',
    'app://invoice-recon/%252e%252e/secret.txt',
    'app://invoice-recon/index.html%00.js',
    'app://invoice-recon/index.html\u0000.js',
    'app://invoice-recon//etc/passwd',
    'app://invoice-recon/%2fetc%2fpasswd',
    'app://invoice-recon/C:%5cWindows%5cwin.ini',
    'app://invoice-recon/C:/Windows/win.ini',
    'app://invoice-recon/.env',
    'app://invoice-recon/%zz',
    'app://invoice-recon/assets/',
    'app://invoice-recon/../renderer-evil/x.js',
    'app://other-host/index.html',
    'app://invoice-recon.evil.com/index.html',
    'file:///etc/passwd',
    'https://invoice-recon/index.html',
  ];
  it.each(evil)('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
  });
});

describe('serveAppRequest', () => {
  it('serves index.html with the strict CSP and an HTML type', async () => {
    const res = await get('app://invoice-recon/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>app</title>');
  });

  it('serves assets with their MIME type and no CSP header', async () => {
    const js = await get('app://invoice-recon/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBeNull();
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://invoice-recon/assets/index-abc123.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://invoice-recon/assets/logo.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers HEAD without a body and refuses every other method with 405', async () => {
    const head = await get('app://invoice-recon/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const res = await get('app://invoice-recon/index.html', method);
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('returns 403 for traversal that survives URL parsing, and never the outside file', async () => {
    for (const url of ['app://invoice-recon/..%2fsecret.txt', 'app://invoice-recon/..%5csecret.txt', 'app://invoice-recon/..\\secret.txt', 'app://invoice-recon/%252e%252e/secret.txt']) {
      const res = await get(url);
      expect(res.status, url).toBe(403);
      expect(await res.text()).not.toContain('TOP SECRET');
    }
  });

  it('keeps dot segments the URL parser already resolved inside the root', async () => {
    // Request (like Chromium) turns /%2e%2e/secret.txt into /secret.txt: a missing file under the root, not the outside one.
    for (const url of ['app://invoice-recon/%2e%2e/secret.txt', 'app://invoice-recon/a/../../secret.txt']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('TOP SECRET');
    }
  });

  it('returns 404 for a missing asset but the app shell for a client-side route', async () => {
    expect((await get('app://invoice-recon/assets/missing.js')).status).toBe(404);
    const route = await get('app://invoice-recon/reconcile');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('CSP and MIME', () => {
  it('allows only our own scripts: no unsafe-eval, no inline or remote script', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('knows the types vite emits and falls back to opaque bytes', () => {
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.PNG')).toBe('image/png');
    expect(mimeTypeFor('a.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('a.exe')).toBe('application/octet-stream');
  });
});

describe('scheme registration', () => {
  it('registers app:// as standard, secure and fetch-capable, and binds the handler', async () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

    let bound: { scheme: string; handler: (req: Request) => Response | Promise<Response> } | null = null;
    handleAppProtocol({ handle: (scheme, handler) => { bound = { scheme, handler: handler as (req: Request) => Promise<Response> }; } }, root);
    expect(bound).not.toBeNull();
    const { scheme, handler } = bound as unknown as { scheme: string; handler: (req: Request) => Promise<Response> };
    expect(scheme).toBe('app');
    expect((await handler(new Request('app://invoice-recon/..%2fsecret.txt'))).status).toBe(403);
    expect((await handler(new Request('app://invoice-recon/index.html'))).status).toBe(200);
  });
});
