// Main process (browser host). One call: JSON text → the channel's zod input → the handler → a Result envelope.
import { contract, type CallContext, type Channel, type HandlerTable } from '../../../shared/api/contract';
import { AppError, validationError, type Result } from '../../../shared/errors';
import { errorShape } from './responses';

export interface Dispatched {
  /** 200 when the handler ran (its own failures are in the envelope); 400 for input the boundary refused; 500 for a bug. */
  readonly status: 200 | 400 | 500;
  readonly result: Result<unknown>;
}

export async function dispatch(handlers: HandlerTable, channel: Channel, bodyText: string, ctx: CallContext, log: (line: string) => void): Promise<Dispatched> {
  let raw: unknown;
  try {
    raw = bodyText.trim() === '' ? {} : JSON.parse(bodyText);
  } catch {
    return {
      status: 400,
      result: { ok: false, error: errorShape('validation', `${channel} 的请求体不是合法的 JSON`, `The request body of ${channel} is not valid JSON`) },
    };
  }
  const parsed = contract[channel].input.safeParse(raw);
  if (!parsed.success) {
    const err = validationError(parsed.error, { zh: `${channel} 的参数无效`, en: `Invalid input for ${channel}` });
    return { status: 400, result: { ok: false, error: err.toShape() } };
  }
  // The table maps each channel to its own handler; indexing by a union loses that pairing, so call it untyped.
  const handler = handlers[channel] as (input: unknown, ctx: CallContext) => Promise<unknown>;
  try {
    const value = await handler(parsed.data, ctx);
    return { status: 200, result: { ok: true, value } };
  } catch (e) {
    if (e instanceof AppError) return { status: 200, result: { ok: false, error: e.toShape() } };
    // Unknown errors may carry internals (paths, SQL); the page gets a generic message, the console the detail.
    log(`browser host: ${channel} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return {
      status: 500,
      result: { ok: false, error: errorShape('internal', '内部错误，请查看程序日志', 'Internal error; see the application log') },
    };
  }
}
