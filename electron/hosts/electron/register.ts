// Main process. One ipcMain.handle per contract channel: check the sender, parse input, call the core.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, contract, type CallContext, type Channel, type ChannelOutput, type Handler, type HandlerTable, type ParsedInput } from '../../../shared/api/contract';
import { AppError, type Result } from '../../../shared/errors';
import type { SenderCheck } from '../../security/trusted-sender';
import { forbiddenSenderError, invalidInputError, toErrorShape } from './results';

const CONTEXT: CallContext = { host: 'electron' };

export interface IpcOptions {
  /** Where unexpected errors go (the caller's logger redacts them). */
  readonly logError: (message: string, error: unknown) => void;
  /** Sees every successful result, e.g. to follow the language setting in the menu. */
  readonly onResult?: (channel: Channel, value: unknown) => void;
  /** Told each secret the clerk enters, so the logger can scrub it from every later line. */
  readonly onSecret?: (value: string) => void;
}

type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>;

function callHandler<C extends Channel>(handlers: HandlerTable, channel: C, input: ParsedInput<C>): Promise<ChannelOutput<C>> {
  const handler = handlers[channel] as Handler<C> | undefined;
  if (typeof handler !== 'function') {
    return Promise.reject(new Error(`no handler for ${channel}`));
  }
  return handler(input, CONTEXT);
}

/** An observer's failure (say, rebuilding the menu) is logged; the clerk's call still succeeded. */
function notifyResult(options: IpcOptions, channel: Channel, value: unknown): void {
  try {
    options.onResult?.(channel, value);
  } catch (error) {
    options.logError(`after ${channel}: result observer failed`, error);
  }
}

/** Builds the handler for one channel; every step returns a Result, nothing throws into Electron. */
export function createChannelHandler<C extends Channel>(channel: C, handlers: HandlerTable, isTrustedSender: SenderCheck, options: IpcOptions) {
  return async function handleChannelCall(event: IpcMainInvokeEvent, rawInput: unknown): Promise<Result<ChannelOutput<C>>> {
    // The sender is checked before the input is even looked at.
    if (!isTrustedSender(event)) return { ok: false, error: forbiddenSenderError(channel) };
    const parsed = contract[channel].input.safeParse(rawInput);
    if (!parsed.success) return { ok: false, error: invalidInputError(channel, parsed.error) };
    if (channel === 'settings:setSecret') options.onSecret?.((parsed.data as ParsedInput<'settings:setSecret'>).value);
    let value: ChannelOutput<C>;
    try {
      value = await callHandler(handlers, channel, parsed.data as ParsedInput<C>);
    } catch (error) {
      if (!(error instanceof AppError)) options.logError(`IPC ${channel} failed`, error);
      return { ok: false, error: toErrorShape(channel, error) };
    }
    notifyResult(options, channel, value);
    return { ok: true, value };
  };
}

/** Registers every channel of the contract; returns a function that removes them again. */
export function registerIpc(ipcMain: IpcRegistrar, core: { readonly handlers: HandlerTable }, isTrustedSender: SenderCheck, options: IpcOptions): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, createChannelHandler(channel, core.handlers, isTrustedSender, options));
  }
  return function unregisterIpc() {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
