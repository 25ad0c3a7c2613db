import { describe, expect, it } from 'vitest';
import { backoffDelay, resolveRetry, withRetry } from '../../../electron/http/retry';

function recorder(randoms: number[] = []) {
  const sleeps: number[] = [];
  let i = 0;
  const policy = resolveRetry({
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => randoms[i++] ?? 0.999,
  });
  return { sleeps, policy };
}

class Transient extends Error {}
class Permanent extends Error {}
const decide = (e: unknown) => ({ retry: e instanceof Transient });

describe('backoffDelay (exponential, full jitter)', () => {
  it('grows by powers of two, capped, scaled by random in [0,1)', () => {
    const p = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { ...p, random: () => 0.999 }))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, { ...p, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...p, random: () => 0.5 })).toBe(200);
  });
});

describe('withRetry', () => {
  it('retries transient failures up to maxAttempts, then rethrows the last error', async () => {
    const { sleeps, policy } = recorder([0.5, 0.5, 0.5]);
    let calls = 0;
    const err = await withRetry(
      async () => {
        calls++;
        throw new Transient(`t${calls}`);
      },
      decide,
      policy,
    ).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(err).toBeInstanceOf(Transient);
    expect((err as Error).message).toBe('t4');
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('does not retry a permanent failure', async () => {
    const { sleeps, policy } = recorder();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Permanent('no');
        },
        decide,
        policy,
      ),
    ).rejects.toBeInstanceOf(Permanent);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('returns the first success and reports each retry', async () => {
    const { policy } = recorder([0.25, 0.25]);
    const seen: Array<{ attempt: number; delayMs: number }> = [];
    let calls = 0;
    const v = await withRetry(
      async ({ attempt }) => {
        calls++;
        if (attempt < 3) throw new Transient('x');
        return 'done';
      },
      decide,
      policy,
      undefined,
      ({ attempt, delayMs }) => seen.push({ attempt, delayMs }),
    );
    expect(v).toBe('done');
    expect(calls).toBe(3);
    expect(seen).toEqual([
      { attempt: 1, delayMs: 25 },
      { attempt: 2, delayMs: 50 },
    ]);
  });

  it('honours a floor from the decision (e.g. Retry-After) but never beyond the cap', async () => {
    const { sleeps, policy } = recorder([0, 0]);
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls < 3) throw new Transient('x');
        return 1;
      },
      (e) => ({ retry: e instanceof Transient, minDelayMs: 5000 }),
      policy,
    );
    expect(sleeps).toEqual([1000, 1000]);
  });

  it('stops when the signal is aborted', async () => {
    const ctl = new AbortController();
    const { policy } = recorder();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          ctl.abort();
          throw new Transient('x');
        },
        decide,
        policy,
        ctl.signal,
      ),
    ).rejects.toBeInstanceOf(Transient);
    expect(calls).toBe(1);
  });

  it('clamps maxAttempts to at least one', async () => {
    const policy = resolveRetry({ maxAttempts: 0, sleep: async () => {} });
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new Transient('x'); }, decide, policy)).rejects.toBeInstanceOf(Transient);
    expect(calls).toBe(1);
  });
});
