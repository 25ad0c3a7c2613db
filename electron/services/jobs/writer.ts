// Main process. The one place a running job writes to the database: writes are queued, and the queue runs
// at most `budgetMs` of them per event-loop turn before yielding with setImmediate. However many workers
// have answers at the same moment, the loop is never held longer than about one budget by job writes (the
// bulk jobs' answers used to be stored by each worker in turn, all in the same loop phase, which added up
// to hundreds of milliseconds).
//
// The writes of one turn share one transaction, each in its own savepoint. A commit is where SQLite's
// blocking file I/O happens (the WAL append, and every ~1000 pages a checkpoint with two fsyncs); one commit
// per write made a 250-requests-per-second submit commit ~750 times a second, writing the same hot pages
// (job counters, index leaves) again each time, and the checkpoints it triggered blocked the loop for up to
// 300 ms on a busy disk. One commit per turn writes each page once per turn.
import type { Db } from '../../db/open';

/** What the writer needs of the app's write gate (services/write-gate.ts): an import holding the lock. */
export interface WriterGate {
  readonly busy: boolean;
  idle(): Promise<void>;
}

export interface JobWriter {
  /**
   * Runs `unit` in its own savepoint when the queue reaches it; resolves with its value once the turn's
   * transaction is committed (so a caller that sends after this knows its row is stored), or rejects with
   * the unit's error (its writes rolled back alone) or the commit's error (nothing of that turn stored).
   */
  write<T>(unit: () => T): Promise<T>;
  /** Writes waiting (tests). */
  readonly queued: number;
}

export interface WriterClock {
  readonly now: () => number;
  readonly defer: (fn: () => void) => void;
  readonly later: (fn: () => void, ms: number) => void;
}

const realClock: WriterClock = {
  now: () => performance.now(),
  defer: (fn) => setImmediate(fn),
  later: (fn, ms) => setTimeout(fn, ms),
};

interface Pending {
  readonly unit: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * `gapMs`: the least time from one turn's commit to the next turn's start while writes trickle in. Answers
 * arrive a few milliseconds apart, so without it nearly every write would get a commit of its own again;
 * a short wait gathers several into one. A backlog (a turn that ended with writes left) is not delayed.
 */
/**
 * `gate`: while an import worker holds SQLite's write lock, a turn waits for it asynchronously; committing
 * then would make better-sqlite3 wait for the lock synchronously (busy_timeout), freezing the event loop for
 * the rest of the import.
 */
export function createJobWriter(db: Db, budgetMs = 8, clock: WriterClock = realClock, gapMs = 0, gate?: WriterGate): JobWriter {
  const queue: Pending[] = [];
  let scheduled = false;
  let lastCommit = Number.NEGATIVE_INFINITY;
  let backlog = false;

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    const wait = backlog ? 0 : lastCommit + gapMs - clock.now();
    if (wait > 0) clock.later(pump, wait);
    else clock.defer(pump);
  }

  function runTurn(taken: Pending[], outcomes: Outcome[]): void {
    const start = clock.now();
    // At least one write per turn, then as many as fit in the budget.
    do {
      const p = queue.shift();
      if (!p) break;
      taken.push(p);
      try {
        // Nested in the turn's transaction, so a savepoint: a failing unit is rolled back on its own.
        outcomes.push({ ok: true, value: db.transaction(p.unit)() });
      } catch (error) {
        outcomes.push({ ok: false, error });
        // SQLite may have rolled the whole transaction back (e.g. disk full): the turn ends here and its
        // commit fails, which rejects the units that seemed to succeed.
        if (!db.inTransaction) break;
      }
    } while (queue.length > 0 && clock.now() - start < budgetMs);
  }

  function pump(): void {
    if (gate?.busy) {
      // Still scheduled: writes queued meanwhile wait for this turn.
      void gate.idle().then(pump);
      return;
    }
    scheduled = false;
    const taken: Pending[] = [];
    const outcomes: Outcome[] = [];
    let commitError: { readonly error: unknown } | null = null;
    try {
      db.transaction(() => runTurn(taken, outcomes))();
    } catch (error) {
      commitError = { error };
    }
    taken.forEach((p, i) => {
      const o = outcomes[i];
      if (commitError) p.reject(o && !o.ok ? o.error : commitError.error);
      else if (o?.ok) p.resolve(o.value);
      else p.reject(o ? o.error : new Error('job write was not run'));
    });
    if (commitError && taken.length === 0) {
      // The turn could not even begin (the database is closed or unusable): no write can run, so every
      // queued one fails with that error now instead of the queue being rescheduled for ever.
      for (const p of queue.splice(0)) p.reject(commitError.error);
    }
    lastCommit = clock.now();
    backlog = queue.length > 0;
    if (backlog) schedule();
  }

  return {
    write<T>(unit: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (!db.open) {
          reject(new Error('job write after the database was closed'));
          return;
        }
        queue.push({ unit, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    get queued() {
      return queue.length;
    },
  };
}
