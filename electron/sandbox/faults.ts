// Main process. Fault injection shared by both emulators: what can go wrong between the app and a platform.
//
// Where each fault strikes (so tests know whether the platform acted on the request):
// - hang, http5xx, htmlErrorPage, errorRate: a gateway failure BEFORE the platform sees the request; nothing applied.
// - malformedBody, truncatedBody, emptyBody: the platform processed the request (an update IS applied), then the
//   answer was corrupted on the way back — the "did it go through?" case the outbox must survive.
// - rateLimitPerSecond: the platform's own rate-limit answer, at its place in the platform's check order.
// - businessFailureRate (Suning only): a returnCode 9999 answer for a query.
// - suningTimeErrorCode (Suning only): which clock-error code a request outside the time window gets.
// - latencyMs: added before any answer.
import { z } from 'zod';
import { AppError, validationError } from '../../shared/errors';
import { createRng } from './rng';
import type { FaultKind } from './types';

export const faultsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    /** 0..1: share of requests answered HTTP 500. */
    errorRate: z.number().min(0).max(1).optional(),
    /** Always answer this HTTP status (500–599). */
    http5xx: z.number().int().min(500).max(599).optional(),
    /** Answer 502 with an nginx-like HTML page. */
    htmlErrorPage: z.boolean().optional(),
    malformedBody: z.boolean().optional(),
    truncatedBody: z.boolean().optional(),
    emptyBody: z.boolean().optional(),
    /** Accept the request and never answer (until the emulator closes). */
    hang: z.boolean().optional(),
    /** The platform's rate-limit answer once K requests were accepted within the last second (0 = always). */
    rateLimitPerSecond: z.number().int().min(0).optional(),
    /** Suning: share of queries answered returnCode 9999. */
    businessFailureRate: z.number().min(0).max(1).optional(),
    /**
     * Suning: the sn_error code for an AppRequestTime outside the window. The seed lists app-time:error;
     * public client logs show gateways answering request-apprequesttime:error for the same fault.
     */
    suningTimeErrorCode: z.enum(['sys.check.app-time:error', 'sys.check.request-apprequesttime:error']).optional(),
    /** Seed of the RNG behind errorRate and businessFailureRate. */
    seed: z.number().int().optional(),
  })
  .strict();

export type Faults = z.infer<typeof faultsSchema>;

/** Validates faults given by a caller (CLI, tests); a clear bilingual error otherwise. */
export function parseFaults(input: unknown): Faults {
  const r = faultsSchema.safeParse(input ?? {});
  if (!r.success) throw validationError(r.error, { zh: '故障注入参数无效', en: 'Invalid fault-injection options' });
  return r.data;
}

/** A fault that answers instead of the platform. */
export type TransportFault = { readonly kind: 'hang' } | { readonly kind: 'status'; readonly status: number; readonly html: boolean; readonly fault: FaultKind };

export type BodyFault = 'malformed_body' | 'truncated_body' | 'empty_body';

const WINDOW_MS = 1000;

/** The live fault state of one emulator: the current faults, their RNG and the rate-limit window. */
export class FaultEngine {
  private faults: Faults;
  private rng: () => number;
  /** performance.now() of the requests accepted within the last second (oldest first). */
  private window: number[] = [];

  constructor(faults: Faults | undefined) {
    this.faults = parseFaults(faults);
    this.rng = createRng(this.faults.seed ?? 1);
  }

  set(faults: Faults): void {
    this.faults = parseFaults(faults);
    this.reset();
  }

  /** Re-seeds the RNG and forgets the rate-limit window, so a test starts from a known state. */
  reset(): void {
    this.rng = createRng(this.faults.seed ?? 1);
    this.window = [];
  }

  get latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  transport(): TransportFault | null {
    const f = this.faults;
    if (f.hang) return { kind: 'hang' };
    if (f.http5xx !== undefined) return { kind: 'status', status: f.http5xx, html: true, fault: 'http5xx' };
    if (f.htmlErrorPage) return { kind: 'status', status: 502, html: true, fault: 'html_error_page' };
    if (f.errorRate !== undefined && f.errorRate > 0 && this.rng() < f.errorRate) {
      return { kind: 'status', status: 500, html: true, fault: 'error_rate' };
    }
    return null;
  }

  body(): BodyFault | null {
    const f = this.faults;
    if (f.emptyBody) return 'empty_body';
    if (f.truncatedBody) return 'truncated_body';
    if (f.malformedBody) return 'malformed_body';
    return null;
  }

  /** True when this request must get the platform's rate-limit answer; otherwise counts it in the window. */
  rateLimited(nowMonotonicMs: number): boolean {
    const limit = this.faults.rateLimitPerSecond;
    if (limit === undefined) return false;
    while (this.window.length > 0 && nowMonotonicMs - (this.window[0] ?? 0) >= WINDOW_MS) this.window.shift();
    if (this.window.length >= limit) return true;
    this.window.push(nowMonotonicMs);
    return false;
  }

  get suningTimeErrorCode(): NonNullable<Faults['suningTimeErrorCode']> {
    return this.faults.suningTimeErrorCode ?? 'sys.check.app-time:error';
  }

  businessFailure(): boolean {
    const rate = this.faults.businessFailureRate;
    return rate !== undefined && rate > 0 && this.rng() < rate;
  }
}

/** Thrown by the emulators' start functions on options that make no sense. */
export function badOption(zh: string, en: string): AppError {
  return new AppError('validation', { zh, en });
}
