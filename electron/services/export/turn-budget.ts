// Main process. Lets a long export give the event loop back by elapsed time rather than by a row count: the
// cost of a row varies with the machine, the format and what else runs, and IPC must never wait > 50 ms.
import { performance } from 'node:perf_hooks';

/** Work per turn of the event loop; leaves room for a database page read or GC inside the 50 ms limit. */
export const TURN_BUDGET_MS = 8;

export class TurnBudget {
  private started = performance.now();

  constructor(private readonly budgetMs: number = TURN_BUDGET_MS) {}

  /** True once this turn has used its budget. Cheap enough to ask for every row. */
  spent(): boolean {
    return performance.now() - this.started >= this.budgetMs;
  }

  /** Lets pending I/O and timers run (setImmediate: after the poll phase), then starts a new turn. */
  async yield(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}
