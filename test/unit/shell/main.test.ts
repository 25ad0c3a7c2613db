// Node (Vitest) with a mocked `electron` and the REAL core on a temp data directory: main.ts wires
// protocol, permissions, hardening, IPC, window, menu and quit in the right order.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions } from 'electron';
import { CHANNELS } from '../../../shared/api/contract';
import { DATABASE_FILE } from '../../../electron/services/app-core';
import type { Result } from '../../../shared/errors';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  class Events {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) { this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]); return this; }
    once(event: string, listener: Listener) { return this.on(event, listener); }
    emit(event: string, ...args: unknown[]) { for (const l of this.listeners.get(event) ?? []) l(...args); }
  }
  const state = {
    userData: '',
    appPath: '',
    lock: true,
    order: [] as string[],
    appEvents: new Events(),
    windows: [] as FakeWindow[],
    handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    menus: [] as MenuItemConstructorOptions[][],
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
  };
  let nextId = 1;
  class FakeWindow extends Events {
    readonly options: Record<string, unknown>;
    readonly webContents: Events & { id: number; send: Listener; isDestroyed: () => boolean };
    loadedUrl = '';
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      this.webContents = Object.assign(new Events(), { id: nextId++, send: () => undefined, isDestroyed: () => false });
      state.windows.push(this);
    }
    title = '';
    loadURL(url: string) { this.loadedUrl = url; return Promise.resolve(); }
    setTitle(title: string) { this.title = title; }
    getNormalBounds() { return { x: 0, y: 0, width: 1200, height: 800 }; }
    isMaximized() { return false; }
    show() { return undefined; }
    maximize() { return undefined; }
  }
  return { state, FakeWindow, Events };
});

const mocks = vi.hoisted(() => ({
  quit: vi.fn(),
  exit: vi.fn(),
  showErrorBox: vi.fn(),
  openExternal: vi.fn(async () => undefined),
  openPath: vi.fn(async (_path: string) => ''),
}));

vi.mock('electron', () => {
  const { state } = fake;
  return {
    app: {
      // Packaged: no log echo to stderr, no developer tools.
      isPackaged: true,
      setPath: (_name: string, value: string) => { state.userData = value; },
      getPath: () => state.userData,
      getAppPath: () => state.appPath,
      getVersion: () => '0.1.0-test',
      requestSingleInstanceLock: () => { state.order.push('lock'); return state.lock; },
      quit: mocks.quit,
      exit: mocks.exit,
      on: (event: string, listener: Listener) => state.appEvents.on(event, listener),
      enableSandbox: () => state.order.push('enableSandbox'),
      whenReady: () => { state.order.push('whenReady'); return Promise.resolve(); },
    },
    BrowserWindow: fake.FakeWindow,
    dialog: { showErrorBox: mocks.showErrorBox, showMessageBox: vi.fn(async () => ({ response: 0 })) },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => state.handlers.set(channel, handler),
      removeHandler: (channel: string) => state.handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: () => state.order.push('registerSchemes'),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(plain).reverse(),
      decryptString: (cipher: Buffer) => Buffer.from(cipher).reverse().toString(),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof state.permissionRequest) => { state.permissionRequest = handler; },
        setPermissionCheckHandler: () => undefined,
        setDevicePermissionHandler: () => undefined,
      },
    },
    shell: { openExternal: mocks.openExternal, openPath: mocks.openPath },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => state.menus.push(menu),
    },
  };
});

let base: string;

function resetState(lock: boolean): void {
  const { state } = fake;
  state.lock = lock;
  state.order.length = 0;
  state.appEvents = new fake.Events();
  state.windows.length = 0;
  state.handlers.clear();
  state.protocolHandlers.clear();
  state.menus.length = 0;
  state.permissionRequest = null;
  state.userData = mkdtempSync(path.join(base, 'userData-'));
  vi.clearAllMocks();
}

async function importMain(): Promise<Promise<void> | null> {
  vi.resetModules();
  const main = await import('../../../electron/main');
  return main.startup;
}

function ownFrame(window: InstanceType<typeof fake.FakeWindow>) {
  return { sender: { id: window.webContents.id }, senderFrame: { url: 'app://invoice-recon/index.html', parent: null, detached: false } } as unknown as IpcMainInvokeEvent;
}

/** Quits through the app's own before-quit path, which closes the core (and its servers) once. */
async function quit(): Promise<void> {
  const quitCalled = new Promise<void>((resolve) => mocks.quit.mockImplementationOnce(() => resolve()));
  const event = { preventDefault: vi.fn() };
  fake.state.appEvents.emit('before-quit', event);
  expect(event.preventDefault).toHaveBeenCalled();
  await quitCalled;
}

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'main-wiring-'));
  fake.state.appPath = path.join(base, 'app');
  mkdirSync(path.join(fake.state.appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(fake.state.appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>发票对账</title>');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));
beforeEach(() => {
  delete process.env.INVOICE_RECON_USER_DATA;
});

describe('main.ts wiring', () => {
  it('starts the real core and wires protocol, security, IPC, window and menu', async () => {
    resetState(true);
    const startup = await importMain();
    expect(startup).not.toBeNull();
    await startup;
    const { state } = fake;
    expect(mocks.showErrorBox).not.toHaveBeenCalled();
    // The scheme must be privileged before the app is ready, and the lock taken before anything starts.
    expect(state.order).toEqual(['registerSchemes', 'enableSandbox', 'lock', 'whenReady']);

    const [window] = state.windows;
    if (!window) throw new Error('no window created');
    expect(state.windows).toHaveLength(1);
    expect(window.loadedUrl).toBe('app://invoice-recon/index.html');
    expect((window.options.webPreferences as { preload: string }).preload).toBe(path.join(state.appPath, 'dist', 'electron', 'preload.cjs'));

    expect([...state.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const info = await state.handlers.get('app:info')?.(ownFrame(window), {}) as Result<{ host: string; dataDir: string }>;
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir: state.userData, version: '0.1.0-test' } });
    const foreign = { ...ownFrame(window), sender: { id: 999 } } as unknown as IpcMainInvokeEvent;
    expect(await state.handlers.get('app:info')?.(foreign, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const page = await state.protocolHandlers.get('app')?.(new Request('app://invoice-recon/'));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toContain("script-src 'self'");

    const granted = vi.fn();
    state.permissionRequest?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledExactlyOnceWith(false);

    const contents = new fake.Events() as InstanceType<typeof fake.Events> & { setWindowOpenHandler: Listener };
    let openHandler: ((details: { url: string }) => unknown) | null = null;
    contents.setWindowOpenHandler = (handler) => { openHandler = handler as typeof openHandler; };
    state.appEvents.emit('web-contents-created', {}, contents);
    const navigation = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation, 'https://example.com/invoice.pdf');
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(openHandler).not.toBeNull();
    expect(mocks.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/invoice.pdf');

    expect(state.menus.at(-1)?.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const updated = await state.handlers.get('settings:update')?.(ownFrame(window), { language: 'en-US' }) as Result<unknown>;
    expect(updated.ok).toBe(true);
    expect(state.menus.at(-1)?.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);

    expect(readFileSync(path.join(state.userData, 'logs', 'main.log'), 'utf8')).toContain('starting 0.1.0-test');

    // A fresh data folder opens no workspace (账套); once one is opened the window's title names it.
    expect(window.options.title).toBe('发票对账 Invoice Recon');
    const created = await state.handlers.get('workspaces:create')?.(ownFrame(window), { name: '甲商户', kind: 'real' }) as Result<{ id: string }>;
    if (!created.ok) throw new Error('workspaces:create failed');
    expect(await state.handlers.get('workspaces:switch')?.(ownFrame(window), { id: created.value.id })).toMatchObject({ ok: true, value: { workspace: { name: '甲商户' } } });
    expect(window.title).toBe('甲商户 · 发票对账 Invoice Recon');
    await quit();
    expect(mocks.quit).toHaveBeenCalledOnce();
  });

  it('打开原件 opens the stored file with shell.openPath, and refuses one that is a link out of the archive', async () => {
    resetState(true);
    await importMain();
    const { state } = fake;
    const [window] = state.windows;
    if (!window) throw new Error('no window created');
    // The archive lives in the open workspace's folder.
    const created = await state.handlers.get('workspaces:create')?.(ownFrame(window), { name: '甲商户', kind: 'real' }) as Result<{ id: string }>;
    if (!created.ok) throw new Error('workspaces:create failed');
    expect(await state.handlers.get('workspaces:switch')?.(ownFrame(window), { id: created.value.id })).toMatchObject({ ok: true });
    const folder = path.join(state.userData, 'workspaces', created.value.id);
    // Two archived file rows, as the archive job records them: one stored file, one whose stored name is a link.
    const good = 'a1'.padEnd(64, '0');
    const linked = 'b2'.padEnd(64, '0');
    const archive = path.join(folder, 'archive');
    mkdirSync(path.join(archive, 'a1'), { recursive: true });
    mkdirSync(path.join(archive, 'b2'), { recursive: true });
    writeFileSync(path.join(archive, 'a1', `${good}.pdf`), '%PDF-1.7\n%%EOF\n');
    writeFileSync(path.join(state.userData, 'elsewhere.pdf'), '%PDF-1.7\n');
    symlinkSync(path.join(state.userData, 'elsewhere.pdf'), path.join(archive, 'b2', `${linked}.pdf`));
    const db = new Database(path.join(folder, DATABASE_FILE));
    const insert = db.prepare(`INSERT INTO invoice_files (order_no, suning_invoice_num, suning_invoice_code, kind, source_url, outcome, outcome_detail, http_status, sha256, size, fetched_at, attempts)
      VALUES (?, ?, '', 'blue', 'https://files.example/x.pdf', 'stored', 'HTTP 200', 200, ?, 16, '2026-12-01T03:00:00.000Z', 1)`);
    const goodId = Number(insert.run('O-1', '00036494', good).lastInsertRowid);
    const linkedId = Number(insert.run('O-2', '00036495', linked).lastInsertRowid);
    db.close();

    const opened = await state.handlers.get('archive:open')?.(ownFrame(window), { fileId: goodId }) as Result<{ downloadUrl: string | null; fileName: string }>;
    expect(opened).toMatchObject({ ok: true, value: { downloadUrl: null, fileName: '00036494.pdf', sha256: good } });
    expect(mocks.openPath).toHaveBeenCalledExactlyOnceWith(path.join(archive, 'a1', `${good}.pdf`));

    const refused = await state.handlers.get('archive:open')?.(ownFrame(window), { fileId: linkedId }) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(mocks.openPath).toHaveBeenCalledOnce();
    // A path instead of a file row never reaches the handler.
    expect(await state.handlers.get('archive:open')?.(ownFrame(window), { path: path.join(archive, 'a1', `${good}.pdf`) })).toMatchObject({ ok: false, error: { code: 'validation' } });
    await quit();
  });

  it('a second instance quits without starting anything', async () => {
    resetState(false);
    const startup = await importMain();
    expect(startup).toBeNull();
    expect(mocks.quit).toHaveBeenCalledOnce();
    expect(fake.state.order).toEqual(['registerSchemes', 'enableSandbox', 'lock']);
    expect(fake.state.windows).toHaveLength(0);
  });

  it('a data directory it cannot open ends in a bilingual error box and exit code 1, not a crash', async () => {
    resetState(true);
    writeFileSync(path.join(fake.state.userData, 'invoice-recon.sqlite'), 'this is not a database');
    await importMain().then((startup) => startup);
    expect(mocks.showErrorBox).toHaveBeenCalledOnce();
    expect(String(mocks.showErrorBox.mock.calls[0]?.[1])).toMatch(/[\u4e00-\u9fff][\s\S]*\n[\s\S]*[A-Za-z]/);
    expect(mocks.exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(fake.state.windows).toHaveLength(0);
  });
});
