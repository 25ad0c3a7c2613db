// Main process. One ipcMain.handle per contract channel: check the sender, then the shared pipeline (hosts/invoke.ts).
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Channel, type ChannelOutput, type FileOpener, type HandlerTable, type SaveTarget } from '../../../shared/api/contract';
import type { Result } from '../../../shared/errors';
import type { SenderCheck } from '../../security/trusted-sender';
import { invoke, type InvokeContext } from '../invoke';
import { forbiddenSenderError } from './results';

export interface IpcOptions {
  /** Where unexpected errors go (the caller's logger redacts them). */
  readonly logError: (message: string, error: unknown) => void;
  /** Sees every successful result, e.g. to follow the language setting in the menu. */
  readonly onResult?: (channel: Channel, value: unknown) => void;
  /** Told each secret the clerk enters, so the logger can scrub it from every later line. */
  readonly onSecret?: (value: string) => void;
  /** Where exports are written (the save dialog). */
  readonly saveTarget?: SaveTarget;
  /** How 打开原件 shows a stored file (shell.openPath). */
  readonly fileOpener?: FileOpener;
}

type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** Builds the handler for one channel; every step returns a Result, nothing throws into Electron. */
export function createChannelHandler<C extends Channel>(channel: C, handlers: HandlerTable, isTrustedSender: SenderCheck, options: IpcOptions) {
  const ctx: InvokeContext = {
    host: 'electron',
    logError: (message, error) => options.logError(`IPC ${message}`, error),
    onSecret: options.onSecret,
    onResult: options.onResult,
    saveTarget: options.saveTarget,
    fileOpener: options.fileOpener,
  };
  return async function handleChannelCall(event: IpcMainInvokeEvent, rawInput: unknown): Promise<Result<ChannelOutput<C>>> {
    // The sender is checked before the input is even looked at.
    if (!isTrustedSender(event)) return { ok: false, error: forbiddenSenderError(channel) };
    const { result } = await invoke(handlers, channel, rawInput, ctx);
    return result as Result<ChannelOutput<C>>;
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
