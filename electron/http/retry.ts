// Main process. Bounded retries with exponential backoff and full jitter, for transient failures only.

export interface RetryOptions {
  /** Total attempts including the first. Default 4. */
  readonly maxAttempts?: number;
  /** Backoff cap for attempt n is min(maxDelayMs, baseDelayMs · 2^(n−1)). Defaults 250 ms / 8 s. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Injected for tests; defaults to a timer that an AbortSignal can cut short. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests; defaults to Math.random. Must return [0, 1). */
  readonly random?: () => number;
}

export interface ResolvedRetry {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function resolveRetry(opts: RetryOptions = {}): ResolvedRetry {
  const maxAttempts = Math.max(1, Math.min(10, Math.floor(opts.maxAttempts ?? 4)));
  return {
    maxAttempts,
    baseDelayMs: Math.max(0, opts.baseDelayMs ?? 250),
    maxDelayMs: Math.max(0, opts.maxDelayMs ?? 8_000),
    sleep: opts.sleep ?? abortableSleep,
    random: opts.random ?? Math.random,
  };
}

/** Full jitter: uniform in [0, min(cap, base · 2^(retryNumber−1))). `retryNumber` starts at 1. */
export function backoffDelay(retryNumber: number, policy: Pick<ResolvedRetry, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  const r = Math.min(Math.max(policy.random(), 0), 1);
  return Math.floor(r * ceiling);
}

export interface RetryDecision {
  readonly retry: boolean;
  /** A floor for the wait, e.g. from Retry-After. */
  readonly minDelayMs?: number;
}

export interface AttemptInfo {
  /** 1-based. */
  readonly attempt: number;
}

/**
 * Runs `fn` until it succeeds, `decide` says the error is not transient, or attempts run out; then rethrows
 * the last error. Sleeps are cut short by `signal`.
 */
export async function withRetry<T>(
  fn: (info: AttemptInfo) => Promise<T>,
  decide: (error: unknown, info: AttemptInfo) => RetryDecision,
  policy: ResolvedRetry,
  signal?: AbortSignal,
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn({ attempt });
    } catch (error) {
      const d = decide(error, { attempt });
      if (!d.retry || attempt >= policy.maxAttempts || signal?.aborted) throw error;
      const delayMs = Math.max(backoffDelay(attempt, policy), Math.min(d.minDelayMs ?? 0, policy.maxDelayMs));
      onRetry?.({ attempt, delayMs, error });
      await policy.sleep(delayMs, signal);
    }
  }
}
