// Main process. The one place a running job writes to the database: every write is a small transaction,
// queued, and the queue runs at most `budgetMs` of them per event-loop turn before yielding with
// setImmediate. However many workers have answers at the same moment, the loop is never held longer than
// about one budget by job writes (the bulk jobs' answers used to be stored by each worker in turn, all in
// the same loop phase, which added up to hundreds of milliseconds).
import type { Db } from '../../db/open';

export interface JobWriter {
  /** Runs `unit` in its own transaction when the queue reaches it; resolves with its value or rejects. */
  write<T>(unit: () => T): Promise<T>;
  /** Writes waiting (tests). */
  readonly queued: number;
}

export interface WriterClock {
  readonly now: () => number;
  readonly defer: (fn: () => void) => void;
}

const realClock: WriterClock = {
  now: () => performance.now(),
  defer: (fn) => setImmediate(fn),
};

interface Pending {
  readonly unit: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export function createJobWriter(db: Db, budgetMs = 8, clock: WriterClock = realClock): JobWriter {
  const queue: Pending[] = [];
  let scheduled = false;

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    clock.defer(pump);
  }

  function pump(): void {
    scheduled = false;
    const start = clock.now();
    // At least one write per turn, then as many as fit in the budget.
    do {
      const p = queue.shift();
      if (!p) break;
      try {
        p.resolve(db.transaction(p.unit)());
      } catch (error) {
        p.reject(error);
      }
    } while (queue.length > 0 && clock.now() - start < budgetMs);
    if (queue.length > 0) schedule();
  }

  return {
    write<T>(unit: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ unit, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    get queued() {
      return queue.length;
    },
  };
}
