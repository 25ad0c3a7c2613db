// Renderer. How calls leave the page: Electron's preload bridge when present, else the browser host over fetch + SSE.
import { EVENT_NAMES, type ApiBridge } from '../../shared/api/contract';
import { transportError } from './errors';
import { captureToken } from './token';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in a normal browser tab. */
    readonly api?: ApiBridge;
  }
}

export const TOKEN_HEADER = 'X-Invoice-Recon-Token';

export interface Transport extends ApiBridge {
  readonly kind: 'electron' | 'browser';
  /** Called after the event stream reconnected: events may have been missed, so caches should refetch. */
  onReconnect(callback: () => void): () => void;
}

function electronTransport(bridge: ApiBridge): Transport {
  return {
    kind: 'electron',
    invoke: (channel, input) => bridge.invoke(channel, input),
    on: (event, cb) => bridge.on(event, cb),
    // IPC does not drop events while the window lives.
    onReconnect: () => () => undefined,
  };
}

function browserTransport(token: string | null): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const reconnectListeners = new Set<() => void>();
  let source: EventSource | null = null;
  let hadError = false;

  function ensureSource(): void {
    if (source || !token) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (ev) => {
        let payload: unknown;
        try {
          payload = JSON.parse((ev as MessageEvent<string>).data);
        } catch {
          // A malformed frame is a host bug; dropping it is safe because the next change event refetches.
          console.error(`invoice-recon: malformed ${name} event`);
          return;
        }
        for (const cb of listeners.get(name) ?? []) cb(payload);
      });
    }
    source.addEventListener('error', () => { hadError = true; });
    source.addEventListener('open', () => {
      if (!hadError) return;
      hadError = false;
      for (const cb of reconnectListeners) cb();
    });
  }

  return {
    kind: 'browser',
    async invoke(channel, input) {
      if (!token) {
        throw transportError(channel, 'host.no_token',
          '缺少访问令牌：请使用启动时打印的完整地址（含 ?token=）打开本页面',
          'Missing access token: open the full address printed at start-up (with ?token=)');
      }
      let res: Response;
      try {
        res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
        });
      } catch {
        throw transportError(channel, 'host.offline',
          '无法连接到应用后台，请确认发票对账程序仍在运行',
          'Cannot reach the app back end; check that Invoice Recon is still running');
      }
      const text = await res.text();
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw transportError(channel, 'host.bad_response',
          `应用后台返回了无法识别的响应（HTTP ${res.status}）`,
          `The app back end sent an unreadable response (HTTP ${res.status})`);
      }
    },
    on(event, cb) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(cb);
      return () => { set.delete(cb); };
    },
    onReconnect(cb) {
      reconnectListeners.add(cb);
      return () => { reconnectListeners.delete(cb); };
    },
  };
}

let current: Transport | null = null;

export function getTransport(): Transport {
  if (!current) current = window.api ? electronTransport(window.api) : browserTransport(captureToken());
  return current;
}
