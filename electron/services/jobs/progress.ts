// Main process. Rate, ETA and throttled emission of a job's progress.
import type { JobProgress } from '../../../shared/api/schemas';

export interface ProgressClock {
  now(): number;
}

export class ProgressTracker {
  private readonly samples: Array<{ t: number; n: number }> = [];
  private lastEmit = 0;

  constructor(
    private readonly clock: ProgressClock = { now: () => Date.now() },
    private readonly minIntervalMs = 200,
    private readonly windowMs = 5000,
  ) {}

  /** Records that `processed` items (done + failed) are finished now. */
  record(processed: number): void {
    const t = this.clock.now();
    this.samples.push({ t, n: processed });
    while (this.samples.length > 2 && (this.samples[0]?.t ?? t) < t - this.windowMs) this.samples.shift();
  }

  /** Items per second over the recent window (0 until two samples exist). */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t <= first.t) return 0;
    return ((last.n - first.n) * 1000) / (last.t - first.t);
  }

  eta(remaining: number): number | null {
    if (remaining <= 0) return 0;
    const r = this.rate();
    return r > 0 ? Math.ceil(remaining / r) : null;
  }

  /** True when enough time has passed since the last emitted event (final states always emit). */
  shouldEmit(force: boolean): boolean {
    const t = this.clock.now();
    if (!force && t - this.lastEmit < this.minIntervalMs) return false;
    this.lastEmit = t;
    return true;
  }
}

export function withRate(p: Omit<JobProgress, 'ratePerSec' | 'etaSec'>, tracker: ProgressTracker): JobProgress {
  const remaining = p.total - p.done - p.failed;
  const finished = p.state !== 'running';
  return {
    ...p,
    ratePerSec: Math.round(tracker.rate() * 10) / 10,
    etaSec: finished ? null : tracker.eta(remaining),
  };
}
