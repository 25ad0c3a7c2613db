// Preload (sandboxed, bundled to CJS by scripts/build.mjs). Exposes exactly window.api.invoke and window.api.on.
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, isChannel, type ApiBridge, type EventName } from '../shared/api/contract';
import { AppError, type Result } from '../shared/errors';
import { eventChannel } from './hosts/electron/events';

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

function unknownChannel(channel: unknown): Result<never> {
  const name = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
  return {
    ok: false,
    error: new AppError('unknown_channel', { zh: `未知的接口：${name}`, en: `Unknown channel: ${name}` }).toShape(),
  };
}

/** The whole bridge, built from an IpcRenderer so tests can hand it a fake one. */
export function createApiBridge(renderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): ApiBridge {
  return Object.freeze({
    invoke(channel: string, input: unknown): Promise<unknown> {
      // Unknown names never reach the main process.
      if (!isChannel(channel)) return Promise.resolve(unknownChannel(channel));
      return renderer.invoke(channel, input);
    },
    on(event: string, callback: (payload: unknown) => void): () => void {
      if (!isEventName(event)) throw new Error(`未知的事件 / Unknown event: ${String(event).slice(0, 100)}`);
      if (typeof callback !== 'function') throw new TypeError('callback must be a function / 回调必须是函数');
      const channel = eventChannel(event);
      // The page gets the payload only, never the IpcRendererEvent (it carries `sender`).
      const listener = (_event: IpcRendererEvent, payload: unknown) => callback(payload);
      renderer.on(channel, listener);
      return () => {
        renderer.removeListener(channel, listener);
      };
    },
  });
}

contextBridge.exposeInMainWorld('api', createApiBridge(ipcRenderer));
