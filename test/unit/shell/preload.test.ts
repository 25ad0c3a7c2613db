// Node (Vitest) with a mocked `electron`. The preload exposes exactly invoke/on and refuses unknown names.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_NAMES, type ApiBridge } from '../../../shared/api/contract';

const electron = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener, send: vi.fn(), sendSync: vi.fn() },
}));

let api: ApiBridge;

beforeAll(async () => {
  await import('../../../electron/preload');
  const [key, value] = electron.exposed[0] ?? [];
  expect(key).toBe('api');
  api = value as ApiBridge;
});

describe('preload bridge', () => {
  it('exposes one object, window.api, with exactly invoke and on', () => {
    expect(electron.exposed).toHaveLength(1);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards every contract channel to ipcRenderer.invoke unchanged', async () => {
    for (const channel of CHANNELS) {
      expect(await api.invoke(channel, { x: 1 })).toEqual({ ok: true, value: { channel, input: { x: 1 } } });
    }
    expect(electron.invoke).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it('refuses unknown channels without touching IPC', async () => {
    electron.invoke.mockClear();
    for (const channel of ['api:invoke', 'event:job:progress', '__proto__', 'constructor', 'toString', 'ELECTRON_BROWSER_REQUIRE', '']) {
      const result = await api.invoke(channel, {});
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(await api.invoke(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('subscribes to contract events only, hands the callback the payload alone, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const unsubscribe = api.on('job:progress', (...args: unknown[]) => seen.push(args));
    expect(electron.on).toHaveBeenCalledOnce();
    const [channel, listener] = electron.on.mock.calls[0] as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe('event:job:progress');
    listener({ sender: { send: () => 'leak' }, senderId: 0 }, { jobId: 1 });
    expect(seen).toEqual([[{ jobId: 1 }]]);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledExactlyOnceWith('event:job:progress', listener);
    expect(EVENT_NAMES.length).toBeGreaterThan(0);
  });

  it('throws for unknown events or a non-function callback', () => {
    electron.on.mockClear();
    for (const name of ['invoices:list', 'event:job:progress', 'ipc-message', '__proto__']) {
      expect(() => api.on(name, () => undefined), name).toThrow(/Unknown event/);
    }
    expect(() => api.on('job:progress', 'nope' as unknown as () => void)).toThrow(TypeError);
    expect(electron.on).not.toHaveBeenCalled();
  });
});
