// Main process (browser host). The pure request checks: loopback Host/Origin (DNS rebinding), token, channel path.
import { timingSafeEqual, createHash } from 'node:crypto';
import { isChannel, type Channel } from '../../../shared/api/contract';

export const TOKEN_HEADER = 'x-invoice-recon-token';

/** Host header must name this very server by loopback address; anything else is a rebinding attempt or a stray client. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** A browser sends Origin on cross-origin and on POST requests; when present it must be our own. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const o = origin.toLowerCase();
  return o === `http://127.0.0.1:${port}` || o === `http://localhost:${port}`;
}

/** Constant-time token comparison (hashes first so differing lengths leak nothing either). */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export type RouteMatch =
  | { readonly kind: 'invoke'; readonly channel: Channel }
  | { readonly kind: 'unknown_channel'; readonly name: string }
  | { readonly kind: 'events' }
  | { readonly kind: 'download'; readonly id: string }
  | { readonly kind: 'api_not_found' }
  | { readonly kind: 'static'; readonly path: string };

/** Classifies the request path (without query). */
export function route(pathname: string): RouteMatch {
  if (pathname === '/api/events') return { kind: 'events' };
  const download = /^\/api\/download\/([A-Za-z0-9_-]{16,64})$/.exec(pathname);
  if (download?.[1]) return { kind: 'download', id: download[1] };
  const prefix = '/api/invoke/';
  if (pathname.startsWith(prefix)) {
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return { kind: 'unknown_channel', name: pathname.slice(prefix.length) };
    }
    return isChannel(name) ? { kind: 'invoke', channel: name } : { kind: 'unknown_channel', name };
  }
  if (pathname === '/api' || pathname.startsWith('/api/')) return { kind: 'api_not_found' };
  return { kind: 'static', path: pathname };
}
