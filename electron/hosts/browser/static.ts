// Main process (browser host). Serves the built renderer read-only, through the same traversal guard as the app:// protocol.
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { APP_ORIGIN } from '../../security/app-origin';
import { resolveAppPath } from '../../security/app-path';
import { isHtml, mimeTypeFor } from '../../security/mime';
import { SECURITY_HEADERS } from './responses';

function notFound(res: ServerResponse): void {
  res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end('Not found');
}

/** `rawPath` is the path exactly as the client sent it (before normalisation), so `..` and encodings are seen. */
export async function serveStatic(res: ServerResponse, staticDir: string, rawPath: string, headOnly: boolean): Promise<void> {
  const file = resolveAppPath(`${APP_ORIGIN}${rawPath}`, staticDir);
  if (!file) return notFound(res);
  let body: Buffer;
  try {
    const s = await stat(file);
    if (!s.isFile()) return notFound(res);
    body = await readFile(file);
  } catch {
    // Missing files are the common case (a stale tab asking for an old hashed chunk); other read errors look the same to the page.
    return notFound(res);
  }
  const html = isHtml(file);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeFor(file),
    'Content-Length': body.length,
    // Hashed assets never change; the HTML must always be fresh so a rebuild is picked up.
    'Cache-Control': html ? 'no-store' : rawPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(headOnly ? undefined : body);
}
