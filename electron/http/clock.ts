// Main process. Tracks how far the platform's clock is from ours, from each response's `Date` header,
// so signatures carry a timestamp the server accepts even when the clerk's PC clock is wrong.

export interface SkewClockOptions {
  /** Local clock, injectable for tests. Default Date.now. */
  readonly localNow?: () => number;
  /** A known starting offset (serverTime − localTime), e.g. remembered from a previous run. */
  readonly initialOffsetMs?: number;
}

export class SkewClock {
  private offset: number;
  private observed = false;
  private readonly localNow: () => number;

  constructor(opts: SkewClockOptions = {}) {
    this.localNow = opts.localNow ?? Date.now;
    this.offset = opts.initialOffsetMs ?? 0;
  }

  /** serverTime − localTime in ms, as last observed. */
  get offsetMs(): number {
    return this.offset;
  }

  get hasObservation(): boolean {
    return this.observed;
  }

  /** Local time corrected by the observed offset: our best guess of the server's clock. */
  now(): number {
    return this.localNow() + this.offset;
  }

  /** Local clock, uncorrected; callers bracket a request with it. */
  localTime(): number {
    return this.localNow();
  }

  /**
   * Learns the offset from an HTTP `Date` header. The header has one-second resolution, so the server's
   * instant is taken as the middle of that second, and ours as the middle of the round trip.
   * Returns false when the header is missing or unparseable (the offset is then left alone).
   */
  observe(dateHeader: string | null | undefined, sentAtLocal: number, receivedAtLocal: number): boolean {
    if (!dateHeader) return false;
    const server = Date.parse(dateHeader);
    if (!Number.isFinite(server)) return false;
    const local = (sentAtLocal + receivedAtLocal) / 2;
    this.offset = Math.round(server + 500 - local);
    this.observed = true;
    return true;
  }

  setOffset(ms: number): void {
    this.offset = ms;
  }
}
