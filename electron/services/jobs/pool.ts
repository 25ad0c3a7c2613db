// Main process. Runs async work over items with bounded concurrency, stopping early on abort.

/** Yields to the event loop so a long job never holds it for one long synchronous stretch. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Pulls items from `next()` until it returns null, running up to `concurrency` workers at once.
 * `next` is called lazily so items can be read from the database page by page.
 */
export async function runPool<T>(
  concurrency: number,
  next: () => T | null,
  work: (item: T) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.max(1, concurrency); i++) {
    workers.push((async function worker() {
      while (!signal.aborted) {
        const item = next();
        if (item === null) return;
        await work(item);
        await yieldToEventLoop();
      }
    })());
  }
  await Promise.all(workers);
}

/**
 * Like runPool, but work may add items while it runs (a refused batch split in two): a worker that finds
 * nothing to take waits while others are still busy, since they may add more, and all stop once nothing is
 * queued and nothing is in flight.
 */
export async function runFeed<T>(
  concurrency: number,
  next: () => T | null,
  work: (item: T) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  let busy = 0;
  let wake: Array<() => void> = [];
  const notify = (): void => {
    const w = wake;
    wake = [];
    for (const f of w) f();
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.max(1, concurrency); i++) {
    workers.push((async function worker() {
      while (!signal.aborted) {
        const item = next();
        if (item === null) {
          if (busy === 0) return;
          await new Promise<void>((resolve) => wake.push(resolve));
          continue;
        }
        busy++;
        try {
          await work(item);
        } finally {
          busy--;
          notify();
        }
        await yieldToEventLoop();
      }
    })());
  }
  try {
    await Promise.all(workers);
  } finally {
    notify();
  }
}
