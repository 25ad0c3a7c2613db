// Main process. The one call pipeline every host uses: parse the input with the channel's schema → call the
// handler → shape errors → log the unexpected ones. The secret hook runs for handlers declared secretInput().
import { contract, type CallContext, type Channel, type HandlerTable } from '../../shared/api/contract';
import type { z } from 'zod';
import { AppError, validationError, type AppErrorShape, type Result } from '../../shared/errors';
import { behaviourOf } from '../services/handlers/behaviour';

export interface InvokeContext extends CallContext {
  /** Where unexpected errors go (the host's logger redacts them). */
  readonly logError: (message: string, error: unknown) => void;
  /** Told each secret the clerk enters, after validation and before the handler, so the logger can scrub it. */
  readonly onSecret?: (value: string) => void;
  /** Sees every successful result, e.g. to follow the language setting in the menu. */
  readonly onResult?: (channel: Channel, value: unknown) => void;
}

/**
 * `ok` the handler answered; `failed` it refused with an AppError (its code says why); `invalid` the input did
 * not match the contract; `internal` a bug — the caller sees a generic message, the log the detail.
 */
export type InvokeOutcome = 'ok' | 'failed' | 'invalid' | 'internal';

export interface Invoked {
  readonly outcome: InvokeOutcome;
  readonly result: Result<unknown>;
  /** What the handler threw (`failed`, `internal`): for an in-process host such as the CLI, never sent anywhere. */
  readonly thrown?: unknown;
}

export function invalidInputError(channel: string, error: z.ZodError): AppErrorShape {
  return validationError(error, { zh: `接口 ${channel} 的参数无效`, en: `Invalid input for ${channel}` }).toShape();
}

/** What a caller sees for a bug: no stack, no internals — the real error goes to the log only. */
export function internalError(channel: string): AppErrorShape {
  return new AppError('internal', {
    zh: `处理 ${channel} 时发生内部错误，详情已写入日志`,
    en: `An internal error occurred while handling ${channel}; details are in the log`,
  }).toShape();
}

/** An observer's failure (say, rebuilding the menu) is logged; the clerk's call still succeeded. */
function notifyResult(ctx: InvokeContext, channel: Channel, value: unknown): void {
  try {
    ctx.onResult?.(channel, value);
  } catch (error) {
    ctx.logError(`after ${channel}: result observer failed`, error);
  }
}

/** What the handler sees: who calls and what the host offers, none of the host's hooks. */
function callContext(ctx: InvokeContext): CallContext {
  return {
    host: ctx.host,
    ...(ctx.saveTarget ? { saveTarget: ctx.saveTarget } : {}),
    ...(ctx.fileOpener ? { fileOpener: ctx.fileOpener } : {}),
  };
}

/** Never throws: every step answers a Result. */
export async function invoke(handlers: HandlerTable, channel: Channel, rawInput: unknown, ctx: InvokeContext): Promise<Invoked> {
  const parsed = contract[channel].input.safeParse(rawInput);
  if (!parsed.success) return { outcome: 'invalid', result: { ok: false, error: invalidInputError(channel, parsed.error) } };
  // The table maps each channel to its own handler; indexing by a union loses that pairing, so call it untyped.
  const handler = handlers[channel] as ((input: unknown, ctx: CallContext) => Promise<unknown>) | undefined;
  if (behaviourOf(handler).secretInput) ctx.onSecret?.((parsed.data as { value: string }).value);
  let value: unknown;
  try {
    if (typeof handler !== 'function') throw new Error(`no handler for ${channel}`);
    value = await handler(parsed.data, callContext(ctx));
  } catch (error) {
    if (error instanceof AppError) return { outcome: 'failed', result: { ok: false, error: error.toShape() }, thrown: error };
    ctx.logError(`${channel} failed`, error);
    return { outcome: 'internal', result: { ok: false, error: internalError(channel) }, thrown: error };
  }
  notifyResult(ctx, channel, value);
  return { outcome: 'ok', result: { ok: true, value } };
}
