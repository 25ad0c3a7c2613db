// Node (Vitest). IPC registration: sender checks on every channel, zod parsing, error shapes, event forwarding.
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { CHANNELS, contract, EVENT_NAMES, type HandlerTable } from '../../../../shared/api/contract';
import { AppError, type Result } from '../../../../shared/errors';
import { forwardEvents } from '../../../../electron/hosts/electron/events';
import { registerIpc } from '../../../../electron/hosts/electron/register';
import { createSenderCheck, TrustedContents } from '../../../../electron/security/trusted-sender';
import type { EventSink } from '../../../../electron/services/events';
import { secretInput } from '../../../../electron/services/handlers/behaviour';

type Invoke = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;

const OUR_CONTENTS_ID = 7;

function frameEvent(frame: { url: string; parent?: object | null; detached?: boolean } | null, senderId = OUR_CONTENTS_ID): IpcMainInvokeEvent {
  const senderFrame = frame === null ? null : { url: frame.url, parent: frame.parent ?? null, detached: frame.detached ?? false };
  return { sender: { id: senderId }, senderFrame } as unknown as IpcMainInvokeEvent;
}

const OWN_PAGE = frameEvent({ url: 'app://invoice-recon/index.html' });

/** A handler table whose every entry records its calls and answers `{ echoed: input }`. */
function recordingHandlers() {
  const calls: { channel: string; input: unknown; ctx: unknown }[] = [];
  const table = Object.fromEntries(CHANNELS.map((channel) => {
    const handler = async (input: { readonly value: string }, ctx: unknown) => {
      calls.push({ channel, input, ctx });
      return { echoed: input };
    };
    // As in electron/services/handlers/settings.ts: the secret hook follows the handler's declaration.
    return [channel, channel === 'settings:setSecret' ? secretInput(handler) : handler];
  })) as unknown as HandlerTable;
  return { table, calls };
}

function setup(handlers: HandlerTable) {
  const registered = new Map<string, Invoke>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Invoke) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => registered.delete(channel)),
  };
  const trusted = new TrustedContents();
  trusted.add({ id: OUR_CONTENTS_ID, once: () => trusted } as never);
  const logError = vi.fn();
  const onSecret = vi.fn();
  const unregister = registerIpc(ipcMain as never, { handlers }, createSenderCheck(trusted), { logError, onSecret });
  const invoke = (channel: string, event: IpcMainInvokeEvent, input: unknown) => {
    const listener = registered.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, input);
  };
  return { registered, invoke, logError, onSecret, unregister, ipcMain };
}

/** An input that notices being read: the sender check must refuse before parsing touches it. */
function tripwire() {
  const touched: PropertyKey[] = [];
  const input = new Proxy({}, {
    get(_t, key) { touched.push(key); return undefined; },
    has(_t, key) { touched.push(key); return false; },
    ownKeys() { touched.push('ownKeys'); return []; },
    getPrototypeOf() { touched.push('getPrototypeOf'); return Object.prototype; },
  });
  return { input, touched };
}

describe('registerIpc', () => {
  it('registers one named handler per contract channel and nothing else', () => {
    const { registered, unregister, ipcMain } = setup(recordingHandlers().table);
    expect([...registered.keys()].sort()).toEqual([...Object.keys(contract)].sort());
    for (const listener of registered.values()) expect(listener.name).toBe('handleChannelCall');
    unregister();
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(CHANNELS.length);
    expect(registered.size).toBe(0);
  });

  const foreignSenders: readonly [string, IpcMainInvokeEvent][] = [
    ['a destroyed or navigated frame', frameEvent(null)],
    ['a remote page', frameEvent({ url: 'https://evil.example/index.html' })],
    ['a file:// page', frameEvent({ url: 'file:///tmp/index.html' })],
    ['another app:// host', frameEvent({ url: 'app://evil/index.html' })],
    ['a look-alike host', frameEvent({ url: 'app://invoice-recon.evil/index.html' })],
    ['an iframe inside our page', frameEvent({ url: 'app://invoice-recon/index.html', parent: {} })],
    ['a detached frame', frameEvent({ url: 'app://invoice-recon/index.html', detached: true })],
    ['our page in a web contents we did not create', frameEvent({ url: 'app://invoice-recon/index.html' }, 99)],
  ];

  it.each(foreignSenders)('refuses %s on every channel without reading the input', async (_label, event) => {
    const { table, calls } = recordingHandlers();
    const { invoke } = setup(table);
    for (const channel of CHANNELS) {
      const { input, touched } = tripwire();
      const result = await invoke(channel, event, input);
      expect(result.ok, channel).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, channel).toBe('forbidden');
      expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(result.error.messageEn).toContain(channel);
      expect(touched, channel).toEqual([]);
    }
    expect(calls).toEqual([]);
  });

  it('passes parsed input (defaults applied) and the electron context to the handler', async () => {
    const { table, calls } = recordingHandlers();
    const { invoke } = setup(table);
    const result = await invoke('invoices:list', OWN_PAGE, { limit: 50 });
    expect(calls).toEqual([{
      channel: 'invoices:list',
      input: { filter: {}, sort: { field: 'invoiceNo', dir: 'asc' }, limit: 50 },
      ctx: { host: 'electron' },
    }]);
    expect(result).toEqual({ ok: true, value: { echoed: calls[0]?.input } });
  });

  it('answers invalid input with a bilingual validation error naming the field, never calling the handler', async () => {
    const { table, calls } = recordingHandlers();
    const { invoke } = setup(table);
    const result = await invoke('invoices:get', OWN_PAGE, { id: -3 });
    expect(calls).toEqual([]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.message).toContain('invoices:get');
    expect(result.error.message).toContain('字段 id');
    expect(result.error.messageEn).toContain('field id');
    const extra = await invoke('app:info', OWN_PAGE, { sneaky: true });
    expect(extra.ok === false && extra.error.code).toBe('validation');
    const missing = await invoke('jobs:get', OWN_PAGE, undefined);
    expect(missing.ok === false && missing.error.code).toBe('validation');
  });

  it('passes an AppError through as its shape and hides an unexpected error behind a logged internal error', async () => {
    const handlers = {
      ...recordingHandlers().table,
      'invoices:get': async () => { throw new AppError('not_found', { zh: '找不到发票 5', en: 'Invoice 5 not found' }, { id: 5 }); },
      'app:info': async () => { throw new Error('SQLITE_CORRUPT at /home/clerk/secret/path'); },
    } as HandlerTable;
    const { invoke, logError } = setup(handlers);
    expect(await invoke('invoices:get', OWN_PAGE, { id: 5 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: '找不到发票 5', messageEn: 'Invoice 5 not found', details: { id: 5 } },
    });
    expect(logError).not.toHaveBeenCalled();
    const internal = await invoke('app:info', OWN_PAGE, {});
    expect(internal.ok).toBe(false);
    if (internal.ok) return;
    expect(internal.error.code).toBe('internal');
    expect(JSON.stringify(internal.error)).not.toContain('SQLITE_CORRUPT');
    expect(internal.error.message).toMatch(/内部错误/);
    expect(logError).toHaveBeenCalledOnce();
    expect(String(logError.mock.calls[0]?.[1])).toContain('SQLITE_CORRUPT');
  });

  it('still answers ok when a result observer fails, and logs the observer failure', async () => {
    const registered = new Map<string, Invoke>();
    const logError = vi.fn();
    const trusted = new TrustedContents();
    trusted.add({ id: OUR_CONTENTS_ID, once: () => trusted } as never);
    registerIpc({ handle: (c: string, l: Invoke) => registered.set(c, l), removeHandler: vi.fn() } as never, { handlers: recordingHandlers().table }, createSenderCheck(trusted), {
      logError,
      onResult: () => { throw new Error('menu rebuild failed'); },
    });
    expect(await registered.get('app:info')?.(OWN_PAGE, {})).toEqual({ ok: true, value: { echoed: {} } });
    expect(logError).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('app:info'), expect.objectContaining({ message: 'menu rebuild failed' }));
  });

  it('tells the logger about each secret the clerk enters, after validation', async () => {
    const { invoke, onSecret } = setup(recordingHandlers().table);
    await invoke('settings:setSecret', OWN_PAGE, { name: 'wangdian.appsecret', value: 'S3cret-Value-123' });
    expect(onSecret).toHaveBeenCalledExactlyOnceWith('S3cret-Value-123');
  });
});

describe('TrustedContents', () => {
  it('forgets a web contents once it is destroyed', () => {
    const trusted = new TrustedContents();
    let onDestroyed: (() => void) | null = null;
    trusted.add({ id: 3, once: (_e: string, cb: () => void) => { onDestroyed = cb; } } as never);
    expect(trusted.has(3)).toBe(true);
    (onDestroyed as unknown as () => void)();
    expect(trusted.has(3)).toBe(false);
  });
});

describe('forwardEvents', () => {
  it('sends contract events as event:<name> to the current window only', () => {
    let sink: EventSink | null = null;
    const core = { onEvent: (listener: EventSink) => { sink = listener; return () => { sink = null; }; } };
    const send = vi.fn();
    let target: { send: typeof send; isDestroyed: () => boolean } | null = { send, isDestroyed: () => false };
    const unsubscribe = forwardEvents(core, () => target);
    const emit = sink as unknown as (name: string, payload: unknown) => void;
    emit('invoices:changed', { reason: 'import' });
    emit('not:an-event', { leak: true });
    expect(send.mock.calls).toEqual([['event:invoices:changed', { reason: 'import' }]]);
    target = { send, isDestroyed: () => true };
    emit('invoices:changed', { reason: 'edit' });
    target = null;
    emit('invoices:changed', { reason: 'edit' });
    expect(send).toHaveBeenCalledOnce();
    expect(EVENT_NAMES).toContain('job:progress');
    unsubscribe();
    expect(sink).toBeNull();
  });
});
