// Main process. Per-platform limiter: a token bucket (requests per second) plus a cap on requests in flight.
// Limits can change while a job runs (the clerk edits settings); waiting callers pick up the new rate.

export interface RateLimit {
  /** Sustained requests per second (> 0). */
  readonly rps: number;
  /** Requests in flight at once (≥ 1). */
  readonly concurrency: number;
  /**
   * Tokens that may accumulate while idle. Default `defaultBurst(rps)`: about 20 ms' worth (at least 1), so
   * a timer that fires late can catch up, yet no 1-second window ever holds more than rps + burst requests
   * (≤ 1.02 × rps + 1). A second's worth, as before, let a busy second reach twice the configured rate.
   */
  readonly burst?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { rps: 5, concurrency: 4 };

/** The burst used when none is given: 1/50 of a second's tokens, at least one. */
export function defaultBurst(rps: number): number {
  return Math.max(1, Math.ceil(rps / 50));
}

/** The most requests any 1 s window can hold under this limit (the bucket's burst plus one second's refill). */
export function maxPerSecond(limit: RateLimit): number {
  return Math.floor(limit.rps + Math.max(1, limit.burst ?? defaultBurst(limit.rps)));
}

export interface LimiterTimers {
  readonly now: () => number;
  readonly setTimer: (fn: () => void, ms: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
}

const realTimers: LimiterTimers = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

interface Waiter {
  readonly resolve: (release: () => void) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

export class RateLimiter {
  private rps = 1;
  private concurrency = 1;
  private burst = 1;
  private tokens: number;
  private last: number;
  private active = 0;
  private readonly queue: Waiter[] = [];
  private timer: unknown = null;

  constructor(
    limit: RateLimit = DEFAULT_RATE_LIMIT,
    private readonly timers: LimiterTimers = realTimers,
  ) {
    this.apply(limit);
    this.tokens = this.burst;
    this.last = timers.now();
  }

  get limits(): Required<RateLimit> {
    return { rps: this.rps, concurrency: this.concurrency, burst: this.burst };
  }

  get stats(): { readonly active: number; readonly queued: number } {
    return { active: this.active, queued: this.queue.length };
  }

  /** Changes the limits now; requests already in flight finish, waiting ones follow the new pace. */
  update(limit: RateLimit): void {
    this.refill();
    this.apply(limit);
    this.tokens = Math.min(this.tokens, this.burst);
    this.reschedule();
  }

  /** Resolves with a release function once a token and a slot are free. Call release exactly when done. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal?.reason);
          this.reschedule();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  private apply(limit: RateLimit): void {
    if (!(limit.rps > 0) || !Number.isFinite(limit.rps)) throw new RangeError(`rps must be a positive number, got ${limit.rps}`);
    if (!Number.isInteger(limit.concurrency) || limit.concurrency < 1) {
      throw new RangeError(`concurrency must be an integer ≥ 1, got ${limit.concurrency}`);
    }
    this.rps = limit.rps;
    this.concurrency = limit.concurrency;
    this.burst = Math.max(1, limit.burst ?? defaultBurst(this.rps));
  }

  private refill(): void {
    const now = this.timers.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rps) / 1000);
  }

  private reschedule(): void {
    if (this.timer !== null) {
      this.timers.clearTimer(this.timer);
      this.timer = null;
    }
    this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0 && this.active < this.concurrency) {
      this.refill();
      if (this.tokens < 1) {
        if (this.timer === null) {
          const waitMs = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.rps));
          this.timer = this.timers.setTimer(() => {
            this.timer = null;
            this.pump();
          }, waitMs);
        }
        return;
      }
      const waiter = this.queue.shift();
      if (waiter === undefined) return;
      this.tokens -= 1;
      this.active++;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.active--;
        this.pump();
      });
    }
  }
}
