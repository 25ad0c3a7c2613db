// Main process. Serves the built renderer from app://invoice-recon/ — never file:// — GET/HEAD only.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { resolveAppPath } from './app-path';
import { CONTENT_SECURITY_POLICY } from './csp';
import { isHtml, mimeTypeFor } from './mime';

/** Must run before `app` is ready: a standard, secure scheme gets an origin, fetch and the same-origin policy. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

async function readAppFile(file: string, root: string): Promise<{ file: string; body: Buffer } | null> {
  try {
    return { file, body: await readFile(file) };
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  // Client-side routes (no extension) fall back to the app shell; missing assets stay 404.
  if (path.extname(file) !== '') return null;
  const index = path.join(root, 'index.html');
  try {
    return { file: index, body: await readFile(index) };
  } catch (error) {
    if (!isMissing(error)) throw error;
    return null;
  }
}

/** The whole protocol handler, free of Electron so tests can call it with a real Request and real files. */
export async function serveAppRequest(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return textResponse(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  }
  const file = resolveAppPath(request.url, root);
  if (file === null) return textResponse(403, 'Forbidden');
  const found = await readAppFile(file, root);
  if (found === null) return textResponse(404, 'Not Found');
  const headers: Record<string, string> = {
    'Content-Type': mimeTypeFor(found.file),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (isHtml(found.file)) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  const body = request.method === 'HEAD' ? null : new Uint8Array(found.body);
  return new Response(body, { status: 200, headers });
}

/** Binds the handler on a session's protocol (after `app` is ready). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, function serveApp(request) {
    return serveAppRequest(request, root);
  });
}
