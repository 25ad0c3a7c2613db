// Node (Vitest) with a mocked `electron`. Window preferences, show-on-ready, and remembered bounds.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';

const electron = vi.hoisted(() => {
  /** vi.hoisted runs before imports, so a tiny emitter instead of node:events. */
  class Events {
    readonly #listeners = new Map<string, (() => void)[]>();
    on(event: string, listener: () => void) { this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]); }
    emit(event: string) { for (const l of this.#listeners.get(event) ?? []) l(); }
  }
  const windows: FakeWindow[] = [];
  class FakeWindow {
    readonly events = new Events();
    readonly options: BrowserWindowConstructorOptions;
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly show = vi.fn();
    readonly maximize = vi.fn();
    bounds = { x: 0, y: 0, width: 0, height: 0 };
    maximized = false;
    constructor(options: BrowserWindowConstructorOptions) {
      this.options = options;
      this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 0, height: options.height ?? 0 };
      windows.push(this);
    }
    once(event: string, listener: () => void) { this.events.on(event, listener); return this; }
    on(event: string, listener: () => void) { this.events.on(event, listener); return this; }
    getNormalBounds() { return this.bounds; }
    isMaximized() { return this.maximized; }
  }
  const display = (x: number, y: number, width: number, height: number) => ({ workArea: { x, y, width, height } });
  return { windows, FakeWindow, displays: [display(0, 0, 1920, 1040)], display };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeWindow,
  screen: {
    getAllDisplays: () => electron.displays,
    getPrimaryDisplay: () => electron.displays[0],
  },
}));

const { createMainWindow, mainWindowPreferences } = await import('../../../electron/window');
const { fitToDisplays, loadWindowState } = await import('../../../electron/hosts/electron/window-state');

let dir: string;
let stateFile: string;
const warn = vi.fn();

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'window-'));
  stateFile = path.join(dir, 'window-state.json');
  electron.windows.length = 0;
  electron.displays.splice(0, electron.displays.length, electron.display(0, 0, 1920, 1040));
  warn.mockClear();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => createMainWindow({ preloadPath: '/app/dist/electron/preload.cjs', stateFile, devTools: false, title: '发票对账', warn });
const lastWindow = () => electron.windows.at(-1) as InstanceType<typeof electron.FakeWindow>;

describe('main window', () => {
  it('uses the locked-down web preferences', () => {
    open();
    expect(lastWindow().options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click must not open links past the navigation guards (Electron checklist: auxclick).
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(lastWindow().options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(mainWindowPreferences('/p', true).devTools).toBe(true);
  });

  it('loads the app:// entry hidden and shows it on ready-to-show', () => {
    open();
    const win = lastWindow();
    expect(win.options.show).toBe(false);
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://invoice-recon/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.events.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('saves its bounds on close and opens there next time', () => {
    open();
    const first = lastWindow();
    first.bounds = { x: 100, y: 50, width: 1200, height: 800 };
    first.maximized = true;
    first.events.emit('close');
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ x: 100, y: 50, width: 1200, height: 800, maximized: true });
    open();
    const second = lastWindow();
    expect(second.options).toMatchObject({ x: 100, y: 50, width: 1200, height: 800 });
    second.events.emit('ready-to-show');
    expect(second.maximize).toHaveBeenCalledOnce();
  });

  it('ignores a broken state file with a warning and opens at the default size', () => {
    writeFileSync(stateFile, '{"x": "left"');
    open();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not valid JSON'));
    expect(lastWindow().options).toMatchObject({ width: 1366, height: 860 });
    expect(lastWindow().options.x).toBeUndefined();
  });

  it('moves a window saved on an unplugged monitor back onto the primary display', () => {
    writeFileSync(stateFile, JSON.stringify({ x: 2500, y: 100, width: 1200, height: 800, maximized: false }));
    open();
    expect(lastWindow().options).toMatchObject({ x: undefined, y: undefined, width: 1200, height: 800 });
  });
});

describe('window state', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const second = { x: 1920, y: 0, width: 1280, height: 1000 };

  it('keeps bounds that fit, on the display they overlap most', () => {
    expect(fitToDisplays({ x: 2000, y: 10, width: 1000, height: 700, maximized: false }, [primary, second], primary)).toEqual({ x: 2000, y: 10, width: 1000, height: 700, maximized: false });
  });

  it('pulls a half-visible window fully onto its display and shrinks an oversized one', () => {
    expect(fitToDisplays({ x: 1500, y: 900, width: 1000, height: 700, maximized: false }, [primary], primary)).toEqual({ x: 920, y: 340, width: 1000, height: 700, maximized: false });
    expect(fitToDisplays({ x: -50, y: -50, width: 5000, height: 3000, maximized: false }, [primary], primary)).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: false });
  });

  it('never makes a window smaller than the minimum when the display allows it', () => {
    expect(fitToDisplays({ x: 10, y: 10, width: 200, height: 100, maximized: false }, [primary], primary)).toMatchObject({ width: 960, height: 600 });
  });

  it('rejects state files with the wrong shape', () => {
    writeFileSync(stateFile, JSON.stringify({ x: 1, y: 2, width: 3, height: 4, maximized: 'yes' }));
    const loaded = loadWindowState(stateFile);
    expect(loaded.state).toBeNull();
    expect(loaded.problem).toContain('maximized');
    expect(loadWindowState(path.join(dir, 'missing.json'))).toEqual({ state: null, problem: null });
  });
});
