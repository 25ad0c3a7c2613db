// Unit tests (Node): the bench's instruments. A monitor that misses a blocked loop would report a job as
// responsive while it froze the main process, so each way of blocking is checked here.
import { describe, expect, it } from 'vitest';
import { Watch, median, percentile } from '../../../test/bench/measure';

function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* busy on purpose: this is the blocked loop being measured */ }
}

describe('Watch', () => {
  it('counts a synchronous stretch that starts before the loop has turned once', async () => {
    const watch = new Watch();
    block(300);
    const w = await watch.stop();
    expect(w.maxLoopDelayMs).toBeGreaterThanOrEqual(250);
  });

  it('counts a stretch in the middle of the work and one just before stop', async () => {
    const mid = new Watch();
    await new Promise((r) => setTimeout(r, 30));
    block(200);
    await new Promise((r) => setTimeout(r, 30));
    expect((await mid.stop()).maxLoopDelayMs).toBeGreaterThanOrEqual(150);

    const last = new Watch();
    await new Promise((r) => setTimeout(r, 30));
    block(200);
    expect((await last.stop()).maxLoopDelayMs).toBeGreaterThanOrEqual(150);
  });

  it('reports a free loop as free', async () => {
    const watch = new Watch();
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await watch.stop()).maxLoopDelayMs).toBeLessThan(150);
  });
});

describe('median and percentile', () => {
  it('take the middle and the nearest rank', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([5, 1], 50)).toBe(1);
  });
});
