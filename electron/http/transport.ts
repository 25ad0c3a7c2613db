// Main process. The one request pipeline both platform clients use: rate limit → sign with the corrected
// clock → send → learn the clock from `Date` → interpret; transient failures retried with backoff, a
// timestamp rejection re-signed and retried once.
import type { Dispatcher } from 'undici';
import { AppError } from '../../shared/errors';
import { isPlatformError, type PlatformErrorKind, type PlatformName } from './errors';
import { createKeepAliveAgent, resolveConnection, type ConnectionOptions, type ResolvedConnection } from './agent';
import { SkewClock } from './clock';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimit } from './rate-limiter';
import { cancelledError, sendOnce, type HttpRequestSpec, type HttpResponse } from './request';
import { resolveRetry, withRetry, type RetryOptions } from './retry';

export type TransportEvent =
  | { readonly type: 'attempt'; readonly attempt: number }
  | { readonly type: 'retry'; readonly attempt: number; readonly delayMs: number; readonly kind: PlatformErrorKind | 'unknown' }
  | { readonly type: 'clock_retry'; readonly offsetMs: number };

/** HTTP options shared by both clients. */
export interface HttpOptions {
  readonly timeouts?: { readonly connectMs?: number; readonly readMs?: number };
  readonly connection?: Omit<ConnectionOptions, 'connectTimeoutMs' | 'readTimeoutMs'>;
  /** A limiter to share, or limits for a new one. Default 5 rps, 4 in flight. */
  readonly rateLimit?: RateLimit | RateLimiter;
  /** A clock to share (e.g. one remembered across clients). Default: a fresh one on Date.now. */
  readonly clock?: SkewClock;
  readonly retry?: RetryOptions;
  /** A dispatcher to use instead of our own keep-alive Agent; it is not closed by close(). */
  readonly agent?: Dispatcher;
  readonly onEvent?: (event: TransportEvent) => void;
}

export interface PlatformTransport {
  readonly clock: SkewClock;
  readonly limiter: RateLimiter;
  readonly connection: ResolvedConnection;
  /**
   * `build` is called per attempt with the corrected server time (ms) so each attempt is freshly signed;
   * `interpret` turns the response into a value or throws a PlatformError.
   */
  execute<T>(build: (serverNowMs: number) => HttpRequestSpec, interpret: (res: HttpResponse) => T, signal?: AbortSignal): Promise<T>;
  close(): Promise<void>;
}

export function createTransport(platform: PlatformName, opts: HttpOptions, secrets: readonly string[]): PlatformTransport {
  const connection = resolveConnection({
    ...opts.connection,
    connectTimeoutMs: opts.timeouts?.connectMs,
    readTimeoutMs: opts.timeouts?.readMs,
  });
  const ownAgent = opts.agent === undefined ? createKeepAliveAgent(connection) : null;
  const dispatcher: Dispatcher = opts.agent ?? (ownAgent as Dispatcher);
  const clock = opts.clock ?? new SkewClock();
  const limiter = opts.rateLimit instanceof RateLimiter ? opts.rateLimit : new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT);
  const policy = resolveRetry(opts.retry);
  const ctx = { platform, dispatcher, conn: connection, localNow: () => clock.localTime(), secrets };
  let closed = false;

  async function attemptOnce<T>(build: (n: number) => HttpRequestSpec, interpret: (r: HttpResponse) => T, signal?: AbortSignal): Promise<T> {
    let release: () => void;
    try {
      release = await limiter.acquire(signal);
    } catch (e) {
      if (signal?.aborted) throw cancelledError();
      throw e;
    }
    try {
      const res = await sendOnce(ctx, build(clock.now()), signal);
      clock.observe(res.headers['date'], res.sentAtLocal, res.receivedAtLocal);
      return interpret(res);
    } finally {
      release();
    }
  }

  return {
    clock,
    limiter,
    connection,
    async execute(build, interpret, signal) {
      if (closed) {
        throw new AppError('internal', { zh: '平台客户端已关闭', en: 'The platform client has been closed' });
      }
      let clockRetried = false;
      try {
        return await withRetry(
          async ({ attempt }) => {
            for (;;) {
              opts.onEvent?.({ type: 'attempt', attempt });
              try {
                return await attemptOnce(build, interpret, signal);
              } catch (e) {
                // The rejection's own Date header has just corrected the clock: re-sign once, no backoff.
                if (isPlatformError(e) && e.kind === 'clock' && !clockRetried) {
                  clockRetried = true;
                  opts.onEvent?.({ type: 'clock_retry', offsetMs: clock.offsetMs });
                  continue;
                }
                throw e;
              }
            }
          },
          (e) => (isPlatformError(e) ? { retry: e.retryable, minDelayMs: e.retryAfterMs ?? 0 } : { retry: false }),
          policy,
          signal,
          ({ attempt, delayMs, error }) =>
            opts.onEvent?.({ type: 'retry', attempt, delayMs, kind: isPlatformError(error) ? error.kind : 'unknown' }),
        );
      } catch (e) {
        if (signal?.aborted && !(e instanceof AppError && e.code === 'cancelled')) throw cancelledError();
        throw e;
      }
    },
    async close() {
      closed = true;
      if (ownAgent) await ownAgent.close();
    },
  };
}
