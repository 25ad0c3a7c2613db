// Main process. Runs async work over items with bounded concurrency, stopping early on abort.
//
// When one piece of work fails, the pool stops taking items and waits for the pieces still in flight to
// settle before it rejects with that first error: a job's caller records the failure and closes the
// database only once nothing of the job is running any more (before, the pool rejected at once while sends
// were still in flight, and their writes then met a closed database).

/** Yields to the event loop so a long job never holds it for one long synchronous stretch. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The first failure of a pool, shared by its workers. */
class FirstFailure {
  private failure: { readonly error: unknown } | null = null;

  get failed(): boolean {
    return this.failure !== null;
  }

  record(error: unknown): void {
    this.failure ??= { error };
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
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
  const first = new FirstFailure();
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.max(1, concurrency); i++) {
    workers.push((async function worker() {
      try {
        while (!signal.aborted && !first.failed) {
          const item = next();
          if (item === null) return;
          await work(item);
          await yieldToEventLoop();
        }
      } catch (error) {
        first.record(error);
      }
    })());
  }
  await Promise.all(workers);
  first.throwIfFailed();
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
  const first = new FirstFailure();
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
      try {
        while (!signal.aborted && !first.failed) {
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
      } catch (error) {
        first.record(error);
        // Waiting workers must see the failure and stop too.
        notify();
      }
    })());
  }
  try {
    await Promise.all(workers);
  } finally {
    notify();
  }
  first.throwIfFailed();
}
