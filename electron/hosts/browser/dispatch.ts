// Main process (browser host). One call: JSON text → the shared pipeline (hosts/invoke.ts) → an HTTP status and a Result envelope.
import type { Channel, HandlerTable } from '../../../shared/api/contract';
import type { Result } from '../../../shared/errors';
import { invoke, type InvokeContext } from '../invoke';
import { errorShape } from './responses';

export interface Dispatched {
  /** 200 when the handler ran (its own failures are in the envelope); 400 for input the boundary refused; 500 for a bug. */
  readonly status: 200 | 400 | 500;
  readonly result: Result<unknown>;
}

const STATUS = { ok: 200, failed: 200, invalid: 400, internal: 500 } as const;

export async function dispatch(handlers: HandlerTable, channel: Channel, bodyText: string, ctx: InvokeContext): Promise<Dispatched> {
  let raw: unknown;
  try {
    raw = bodyText.trim() === '' ? {} : JSON.parse(bodyText);
  } catch {
    return {
      status: 400,
      result: { ok: false, error: errorShape('validation', `${channel} 的请求体不是合法的 JSON`, `The request body of ${channel} is not valid JSON`) },
    };
  }
  const { outcome, result } = await invoke(handlers, channel, raw, ctx);
  return { status: STATUS[outcome], result };
}
