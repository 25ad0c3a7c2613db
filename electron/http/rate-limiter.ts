// Main process. Per-platform limiter: a token bucket (requests per second) plus a cap on requests in flight.
// Limits can change while a job runs (the clerk edits settings); waiting callers pick up the new rate.
//
// The bucket alone let any 1 s window hold rps + its burst (255 at 250 rps), and the platform counts
// arrivals, which reach it unevenly (network, and the scheduling of both ends): the bench's emulator saw 259
// in one second at 250 rps, and 254 with a 25 ms margin. So a log of the last ceil(rps) send times holds
// every window of 1 s + jitterMs to ceil(rps) sends — the hard limit — and the bucket, which keeps sends
// evenly spaced, refills at the matching rate rps · 1000 / (1000 + jitterMs) with a burst of about the
// margin's worth, so that after a stall it can catch up to the log's limit but never past it.

export interface RateLimit {
  /** Sustained requests per second (> 0). */
  readonly rps: number;
  /** Requests in flight at once (≥ 1). */
  readonly concurrency: number;
  /**
   * Tokens that may accumulate while idle. Default `defaultBurst(rps, jitterMs)`: what the slower refill
   * loses over a second (at least 20 ms' worth, at least 1), so a timer that fires late can catch up; the
   * send log still holds every 1-second window to ceil(rps), whatever the burst.
   */
  readonly burst?: number;
  /**
   * Milliseconds added to the 1 s window the limiter counts in (default DEFAULT_JITTER_MS): requests that
   * leave evenly may reach the platform up to this much unevenly and still no second there holds more than
   * rps. Costs jitterMs / (1000 + jitterMs) of the sustained throughput (9 % at 100 ms).
   */
  readonly jitterMs?: number;
}

export const DEFAULT_JITTER_MS = 100;

export const DEFAULT_RATE_LIMIT: RateLimit = { rps: 5, concurrency: 4 };

/**
 * The burst used when none is given: what the refill (slower than rps by the jitter margin) falls short of
 * rps over one second, so the bucket never holds a second below the log's ceil(rps); at least 1/50 of a
 * second's tokens and at least one.
 */
export function defaultBurst(rps: number, jitterMs: number = DEFAULT_JITTER_MS): number {
  const windowMs = 1000 + Math.max(0, jitterMs);
  return Math.max(1, Math.ceil(rps / 50), Math.ceil((rps * (windowMs - 1000)) / windowMs));
}

/** Sends the log allows in any window of 1 s + jitter: ceil(rps), so even spacing at rps fits. */
function windowCap(rps: number): number {
  return Math.max(1, Math.ceil(rps));
}

function windowMsOf(limit: RateLimit): number {
  return 1000 + Math.max(0, limit.jitterMs ?? DEFAULT_JITTER_MS);
}

/**
 * The most requests any 1 s window can hold under this limit: the log's cap, or the bucket's burst plus one
 * second of its (slightly slower) refill when that is less.
 */
export function maxPerSecond(limit: RateLimit): number {
  const burst = Math.max(1, limit.burst ?? defaultBurst(limit.rps, limit.jitterMs));
  const refill = (limit.rps * 1000) / windowMsOf(limit);
  return Math.min(windowCap(limit.rps), Math.floor(refill + burst));
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
  private jitterMs = DEFAULT_JITTER_MS;
  /** rps · 1000 / windowMs: the bucket's refill, per second. */
  private refillPerSecond = 1;
  private windowMs = 1000 + DEFAULT_JITTER_MS;
  /** The last `sent.length` send times, a ring; `sentHead` is the oldest once the ring is full. */
  private sent: number[] = [];
  private sentCap = 1;
  private sentHead = 0;
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
    return { rps: this.rps, concurrency: this.concurrency, burst: this.burst, jitterMs: this.jitterMs };
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
    this.burst = Math.max(1, limit.burst ?? defaultBurst(this.rps, limit.jitterMs));
    this.jitterMs = Math.max(0, limit.jitterMs ?? DEFAULT_JITTER_MS);
    this.windowMs = windowMsOf(limit);
    this.refillPerSecond = (this.rps * 1000) / this.windowMs;
    // Keep the newest sends that fit the new cap, oldest first, so a lower limit takes effect at once.
    const cap = windowCap(this.rps);
    const ordered = [...this.sent.slice(this.sentHead), ...this.sent.slice(0, this.sentHead)];
    this.sent = ordered.slice(Math.max(0, ordered.length - cap));
    this.sentCap = cap;
    this.sentHead = 0;
  }

  /** Ms until the log lets one more send go (0: now). */
  private windowWait(now: number): number {
    if (this.sent.length < this.sentCap) return 0;
    return Math.max(0, (this.sent[this.sentHead] ?? 0) + this.windowMs - now);
  }

  private recordSend(now: number): void {
    if (this.sent.length < this.sentCap) {
      this.sent.push(now);
      return;
    }
    this.sent[this.sentHead] = now;
    this.sentHead = (this.sentHead + 1) % this.sentCap;
  }

  private refill(): void {
    const now = this.timers.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.refillPerSecond) / 1000);
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
      const now = this.last;
      const logWait = this.windowWait(now);
      if (this.tokens < 1 || logWait > 0) {
        if (this.timer === null) {
          const bucketWait = this.tokens < 1 ? ((1 - this.tokens) * 1000) / this.refillPerSecond : 0;
          const waitMs = Math.max(1, Math.ceil(Math.max(bucketWait, logWait)));
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
      this.recordSend(now);
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
