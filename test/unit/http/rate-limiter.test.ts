import { describe, expect, it } from 'vitest';
import { DEFAULT_JITTER_MS, RateLimiter, defaultBurst, maxPerSecond, type LimiterTimers } from '../../../electron/http/rate-limiter';

/** A hand-driven clock: time moves only when the test says so, so nothing depends on the machine's speed. */
function manualTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: LimiterTimers = {
    now: () => now,
    setTimer: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (h) => {
      pending.delete(h as number);
    },
  };
  const advance = async (ms: number): Promise<void> => {
    const target = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      await flush();
    }
    now = target;
    await flush();
  };
  return { timers, advance };
}

// Enough turns for a grant's callback, its release and the grants that release makes to all run before the
// clock moves on, so recorded times are grant times.
const flush = async (): Promise<void> => {
  for (let i = 0; i < 100; i++) await Promise.resolve();
};

function track(limiter: RateLimiter, n: number) {
  const granted: number[] = [];
  const releases: Array<() => void> = [];
  for (let i = 0; i < n; i++) {
    void limiter.acquire().then((release) => {
      granted.push(i);
      releases.push(release);
    });
  }
  return { granted, releases };
}

describe('RateLimiter', () => {
  it('lets an explicit burst through, then paces at rps, never more than rps in one second', async () => {
    const { timers, advance } = manualTimers();
    const limiter = new RateLimiter({ rps: 2, concurrency: 100, burst: 2, jitterMs: 0 }, timers);
    const { granted } = track(limiter, 7);
    await flush();
    expect(granted).toEqual([0, 1]);
    // At 500 ms the bucket has a token again, but this second's two requests have gone.
    await advance(999);
    expect(granted).toHaveLength(2);
    await advance(1);
    expect(granted).toEqual([0, 1, 2, 3]);
    await advance(999);
    expect(granted).toHaveLength(4);
    await advance(1);
    expect(granted).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.stats.queued).toBe(1);
  });

  it('counts over 1 s + jitterMs, so requests arriving that much unevenly still fit in rps per second', async () => {
    const { timers, advance } = manualTimers();
    const limiter = new RateLimiter({ rps: 2, concurrency: 100, burst: 2, jitterMs: 25 }, timers);
    const { granted } = track(limiter, 4);
    await flush();
    expect(granted).toEqual([0, 1]);
    await advance(1024);
    expect(granted).toHaveLength(2);
    await advance(1);
    expect(granted).toEqual([0, 1, 2, 3]);
  });

  it('never has more than `concurrency` in flight; a release admits the next', async () => {
    const { timers } = manualTimers();
    const limiter = new RateLimiter({ rps: 100, concurrency: 2, burst: 100 }, timers);
    const { granted, releases } = track(limiter, 5);
    await flush();
    expect(granted).toEqual([0, 1]);
    expect(limiter.stats).toEqual({ active: 2, queued: 3 });
    releases[0]?.();
    releases[0]?.(); // releasing twice must not free two slots
    await flush();
    expect(granted).toEqual([0, 1, 2]);
    expect(limiter.stats).toEqual({ active: 2, queued: 2 });
  });

  it('applies new limits at runtime to callers already waiting', async () => {
    const { timers, advance } = manualTimers();
    const limiter = new RateLimiter({ rps: 1, concurrency: 1 }, timers);
    const { granted, releases } = track(limiter, 4);
    await flush();
    expect(granted).toEqual([0]);
    limiter.update({ rps: 10, concurrency: 3, burst: 1, jitterMs: 0 });
    await advance(100);
    expect(granted).toEqual([0, 1]);
    await advance(100);
    expect(granted).toEqual([0, 1, 2]);
    expect(limiter.stats.active).toBe(3);
    await advance(1000);
    expect(granted).toHaveLength(3);
    releases[0]?.();
    await flush();
    expect(granted).toEqual([0, 1, 2, 3]);
    expect(limiter.limits).toEqual({ rps: 10, concurrency: 3, burst: 1, jitterMs: 0 });
  });

  it('a waiting caller can be cancelled and leaves the queue', async () => {
    const { timers } = manualTimers();
    const limiter = new RateLimiter({ rps: 1, concurrency: 1 }, timers);
    await limiter.acquire();
    const ctl = new AbortController();
    const waiting = limiter.acquire(ctl.signal);
    expect(limiter.stats.queued).toBe(1);
    ctl.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(limiter.stats.queued).toBe(0);
  });

  it('refuses nonsense limits', () => {
    expect(() => new RateLimiter({ rps: 0, concurrency: 1 })).toThrow(RangeError);
    expect(() => new RateLimiter({ rps: 1, concurrency: 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ rps: 1, concurrency: 1.5 })).toThrow(RangeError);
  });

  it('defaults to a small burst: what the margin costs a second (at least 20 ms of tokens), never a whole second', () => {
    expect(defaultBurst(1)).toBe(1);
    expect(defaultBurst(20)).toBe(2);
    expect(defaultBurst(100)).toBe(10);
    expect(defaultBurst(250)).toBe(23);
    expect(defaultBurst(1000)).toBe(91);
    expect(defaultBurst(250, 0)).toBe(5);
    expect(defaultBurst(1000, 0)).toBe(20);
    expect(new RateLimiter({ rps: 250, concurrency: 16 }).limits).toMatchObject({ burst: 23, jitterMs: DEFAULT_JITTER_MS });
    // The log's ceil(rps), since the default burst makes up what the slower refill loses in a second…
    for (const rps of [1, 2.5, 5, 20, 100, 250, 1000]) expect(maxPerSecond({ rps, concurrency: 1 })).toBe(Math.ceil(rps));
    // …or the bucket's burst plus a second of its refill when that is less (10 · 1000 / 1100 + 1 = 10.09).
    expect(maxPerSecond({ rps: 10, concurrency: 1, burst: 1 })).toBe(10);
    expect(maxPerSecond({ rps: 100, concurrency: 1, burst: 2 })).toBe(92);
    expect(maxPerSecond({ rps: 10, concurrency: 1, burst: 3, jitterMs: 0 })).toBe(10);
    expect(maxPerSecond({ rps: 2.5, concurrency: 1, burst: 1, jitterMs: 0 })).toBe(3);
  });

  /** Requests in the busiest half-open window [t, t + windowMs) over the given send times (ascending). */
  function busiestIn(times: readonly number[], windowMs: number): number {
    let busiest = 0;
    let lo = 0;
    for (let hi = 0; hi < times.length; hi++) {
      while ((times[hi] ?? 0) - (times[lo] ?? 0) >= windowMs) lo++;
      busiest = Math.max(busiest, hi - lo + 1);
    }
    return busiest;
  }

  for (const rps of [20, 250, 1000]) {
    it(`at ${rps} rps, no 1 s window ever holds more than rps — not even rps + burst after a full bucket or late timers`, async () => {
      const { timers, advance } = manualTimers();
      // Timers that fire up to 9 ms late, as a busy event loop makes them: the bucket then catches up with
      // its burst, which must never push a window over rps.
      let late = 0;
      const lateTimers: LimiterTimers = { ...timers, setTimer: (fn, ms) => timers.setTimer(fn, ms + ((late = (late + 7) % 10))) };
      const limiter = new RateLimiter({ rps, concurrency: 10_000 }, lateTimers);
      const times: number[] = [];
      for (let i = 0; i < rps * 6; i++) {
        void limiter.acquire().then((release) => {
          times.push(timers.now());
          release();
        });
      }
      await flush(); // the first grants are recorded at time 0, before the clock moves
      // Start with a full bucket, then idle stretches (the bucket refills to its burst) between busy ones.
      await advance(1500);
      await advance(2000);
      await advance(3000);
      expect(busiestIn(times, 1000)).toBeLessThanOrEqual(rps);
      expect(busiestIn(times, 1000)).toBeLessThanOrEqual(maxPerSecond({ rps, concurrency: 1 }));
      // …and a window a little longer than a second (requests arrive a few ms apart from how they left)
      // holds no more either.
      expect(busiestIn(times, 1000 + DEFAULT_JITTER_MS)).toBeLessThanOrEqual(rps);
    });
  }

  for (const rps of [20, 100, 250]) {
    it(`at ${rps} rps, no 1 s window (sliding, every millisecond) holds more than rps + the small burst`, async () => {
      const { timers, advance } = manualTimers();
      const limiter = new RateLimiter({ rps, concurrency: 1000 }, timers);
      const times: number[] = [];
      // Far more callers than 5 s can serve, each released at once, like fast answers.
      for (let i = 0; i < rps * 8; i++) {
        void limiter.acquire().then((release) => {
          times.push(timers.now());
          release();
        });
      }
      await flush(); // the first grants are recorded at time 0, before the clock moves
      // The bucket starts full; then seven seconds of steady demand.
      await advance(2000);
      await advance(5000);
      let busiest = 0;
      let lo = 0;
      for (let hi = 0; hi < times.length; hi++) {
        while ((times[hi] ?? 0) - (times[lo] ?? 0) >= 1000) lo++;
        busiest = Math.max(busiest, hi - lo + 1);
      }
      expect(busiest).toBeLessThanOrEqual(maxPerSecond({ rps, concurrency: 1000 }));
      expect(busiest).toBeLessThanOrEqual(rps);
      // …and it still delivers the configured rate, less the jitter margin (9 %) and timer rounding.
      const sustained = (rps * 1000) / (1000 + DEFAULT_JITTER_MS);
      expect(busiest).toBeGreaterThanOrEqual(Math.floor(sustained * 0.98));
      expect(times.length).toBeGreaterThanOrEqual(Math.floor(sustained * 7 * 0.98));
    });
  }
});
