// Plain Node (tests, bench, practice mode). What both emulators keep the same way: the requests they
// received, their own clock, their injected faults, and the controls tests use to steer them.
import type { ServerResponse } from 'node:http';
import { FaultEngine, type Faults } from './faults';
import { sendHtml, type EmulatorServer } from './http-kit';
import type { FaultKind } from './types';

export interface EmulatorControls<R> {
  /** Every request that reached the API path, in arrival order. */
  readonly received: R[];
  setFaults(f: Faults): void;
  setClockOffset(ms: number): void;
  /** Every HTTP request that reached the server, any path. */
  requestCount(): number;
  /** Clears `received`, the request count, the rate-limit window and re-seeds the fault RNG (not the data). */
  resetCounters(): void;
}

export class EmulatorState<R extends { fault: FaultKind | null }> {
  readonly faults: FaultEngine;
  readonly received: R[] = [];
  private clockOffsetMs: number;
  private requests = 0;

  constructor(faults: Faults | undefined, clockOffsetMs: number | undefined) {
    this.faults = new FaultEngine(faults);
    this.clockOffsetMs = clockOffsetMs ?? 0;
  }

  /** The emulator's clock: the machine's, shifted so tests can play a platform whose clock is off. */
  readonly now = (): number => Date.now() + this.clockOffsetMs;

  countRequest(): void {
    this.requests += 1;
  }

  /**
   * Waits the injected latency, then plays a transport fault if one is due. True when the request has
   * been dealt with (answered with an error page, left hanging, or the server closed meanwhile).
   */
  async delayOrFault(server: EmulatorServer, res: ServerResponse, entry: R): Promise<boolean> {
    await server.delay(this.faults.latencyMs);
    if (server.closed) return true;
    const transport = this.faults.transport();
    if (transport === null) return false;
    if (transport.kind === 'hang') {
      entry.fault = 'hang';
      return true;
    }
    entry.fault = transport.fault;
    sendHtml(res, transport.status, this.now());
    return true;
  }

  controls(): EmulatorControls<R> {
    return {
      received: this.received,
      setFaults: (f) => this.faults.set(f),
      setClockOffset: (ms) => {
        this.clockOffsetMs = ms;
      },
      requestCount: () => this.requests,
      resetCounters: () => {
        this.received.length = 0;
        this.requests = 0;
        this.faults.reset();
      },
    };
  }
}
