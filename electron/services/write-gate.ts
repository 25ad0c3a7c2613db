// Main process. A small async gate in front of the main thread's own writes while an import worker holds
// SQLite's write lock: better-sqlite3 would wait for that lock synchronously (busy_timeout), freezing the
// event loop for the rest of the import, so the handlers that write wait here, asynchronously, instead.
export interface WriteGate {
  /** Runs `fn` alone: after the writers before it, and with later writers waiting until it settles. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves once nothing holds the gate (callers then write synchronously in the same turn). */
  idle(): Promise<void>;
  /** Something holds the gate or waits for it now. */
  readonly busy: boolean;
}

export function createWriteGate(): WriteGate {
  let tail: Promise<unknown> = Promise.resolve();
  let held = 0;
  return {
    exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const run = tail.then(() => fn());
      held++;
      // The queue continues whether this holder succeeded or failed.
      tail = run.then(() => undefined, () => undefined).finally(() => {
        held--;
      });
      return run;
    },
    async idle() {
      // Loop: another holder may have queued while we waited.
      while (held > 0) await tail;
    },
    get busy() {
      return held > 0;
    },
  };
}
