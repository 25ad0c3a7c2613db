// Main process. One keep-alive undici Agent per platform, so a bulk job reuses a handful of sockets.
import { Agent } from 'undici';

export interface ConnectionOptions {
  /** TCP (+TLS) connect timeout. Default 5 s. */
  readonly connectTimeoutMs?: number;
  /** Headers + body must arrive within this after the request is dispatched. Default 20 s. */
  readonly readTimeoutMs?: number;
  /** How long an idle socket is kept for reuse. Default 10 s. */
  readonly keepAliveMs?: number;
  /** Sockets per origin; the rate limiter bounds concurrency well below this. Default 16. */
  readonly maxSockets?: number;
  /** Responses larger than this are refused as a protocol error. Default 16 MiB. */
  readonly maxResponseBytes?: number;
}

export interface ResolvedConnection {
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly keepAliveMs: number;
  readonly maxSockets: number;
  readonly maxResponseBytes: number;
}

export const DEFAULT_CONNECTION: ResolvedConnection = {
  connectTimeoutMs: 5_000,
  readTimeoutMs: 20_000,
  keepAliveMs: 10_000,
  maxSockets: 16,
  maxResponseBytes: 16 * 1024 * 1024,
};

export function resolveConnection(opts: ConnectionOptions = {}): ResolvedConnection {
  const pick = (v: number | undefined, d: number): number => (v !== undefined && Number.isFinite(v) && v > 0 ? v : d);
  return {
    connectTimeoutMs: pick(opts.connectTimeoutMs, DEFAULT_CONNECTION.connectTimeoutMs),
    readTimeoutMs: pick(opts.readTimeoutMs, DEFAULT_CONNECTION.readTimeoutMs),
    keepAliveMs: pick(opts.keepAliveMs, DEFAULT_CONNECTION.keepAliveMs),
    maxSockets: Math.floor(pick(opts.maxSockets, DEFAULT_CONNECTION.maxSockets)),
    maxResponseBytes: Math.floor(pick(opts.maxResponseBytes, DEFAULT_CONNECTION.maxResponseBytes)),
  };
}

export function createKeepAliveAgent(conn: ResolvedConnection): Agent {
  return new Agent({
    connect: { timeout: conn.connectTimeoutMs },
    keepAliveTimeout: conn.keepAliveMs,
    keepAliveMaxTimeout: Math.max(conn.keepAliveMs, 60_000),
    connections: conn.maxSockets,
    // Our own read timer (request.ts) covers headers + body together; these are a backstop.
    headersTimeout: conn.readTimeoutMs + 1_000,
    bodyTimeout: conn.readTimeoutMs + 1_000,
  });
}
