// Renderer. Answers to the first screen's reads that renderer/public/early.js sent before this bundle was
// evaluated. `invoke` takes a matching answer from here, once, instead of asking again; a failed early request
// is just asked again the normal way, so its error is reported by the hook as for any other call.
import type { Channel } from '../../shared/api/contract';

declare global {
  interface Window {
    __invoiceReconEarly?: Record<string, Promise<unknown> | undefined>;
  }
}

export function earlyKey(channel: Channel, input: unknown): string {
  return `${channel} ${JSON.stringify(input ?? {})}`;
}

/** The raw answer of an early read with exactly this input, at most once; undefined if there is none. */
export function takeEarly(channel: Channel, input: unknown): Promise<unknown> | undefined {
  const early = window.__invoiceReconEarly;
  if (!early) return undefined;
  const k = earlyKey(channel, input);
  const answer = early[k];
  if (!answer) return undefined;
  delete early[k];
  return answer;
}
