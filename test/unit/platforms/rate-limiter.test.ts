import { describe, expect, it } from 'vitest';
import { RateLimiter, defaultBurst, maxPerSecond, type LimiterTimers } from '../../../electron/http/rate-limiter';

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

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
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
  it('lets an explicit burst through, then paces at rps', async () => {
    const { timers, advance } = manualTimers();
    const limiter = new RateLimiter({ rps: 2, concurrency: 100, burst: 2 }, timers);
    const { granted } = track(limiter, 6);
    await flush();
    expect(granted).toEqual([0, 1]);
    await advance(499);
    expect(granted).toHaveLength(2);
    await advance(1);
    expect(granted).toEqual([0, 1, 2]);
    await advance(1000);
    expect(granted).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.stats.queued).toBe(1);
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
    limiter.update({ rps: 10, concurrency: 3, burst: 1 });
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
    expect(limiter.limits).toEqual({ rps: 10, concurrency: 3, burst: 1 });
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

  it('defaults to a tiny burst: about 20 ms of tokens, never a whole second of them', () => {
    expect(defaultBurst(1)).toBe(1);
    expect(defaultBurst(20)).toBe(1);
    expect(defaultBurst(100)).toBe(2);
    expect(defaultBurst(250)).toBe(5);
    expect(defaultBurst(1000)).toBe(20);
    expect(new RateLimiter({ rps: 250, concurrency: 16 }).limits.burst).toBe(5);
    expect(maxPerSecond({ rps: 250, concurrency: 16 })).toBe(255);
    expect(maxPerSecond({ rps: 10, concurrency: 1, burst: 3 })).toBe(13);
  });

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
      expect(busiest).toBeLessThanOrEqual(Math.ceil(rps * 1.02) + 1);
      // …and it still delivers the configured rate.
      expect(busiest).toBeGreaterThanOrEqual(rps);
      expect(times.length).toBeGreaterThanOrEqual(rps * 7 - 1);
    });
  }
});
