// Node (Vitest). Single-instance lock and the quit that waits for the core to close exactly once.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { App } from 'electron';
import { acquireSingleInstance, focusWindow, installGracefulQuit } from '../../../../electron/hosts/electron/lifecycle';

function fakeApp(lock: boolean) {
  const emitter = new EventEmitter();
  const app = {
    requestSingleInstanceLock: vi.fn(() => lock),
    quit: vi.fn(),
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
  };
  const emit = (event: string) => {
    const e = { preventDefault: vi.fn() };
    emitter.emit(event, e);
    return e.preventDefault;
  };
  return { app: app as unknown as App & { quit: typeof app.quit }, emit, emitter };
}

/** Lets the close → catch → finally chain run; it needs only microtasks. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function fakeWindow(minimized: boolean, destroyed = false) {
  return { isDestroyed: () => destroyed, isMinimized: () => minimized, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
}

describe('single instance', () => {
  it('a second launch quits at once', () => {
    const { app } = fakeApp(false);
    const focus = vi.fn();
    expect(acquireSingleInstance(app, focus)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
  });

  it('the first instance focuses its window when another launch is attempted', () => {
    const { app, emit } = fakeApp(true);
    const window = fakeWindow(true);
    expect(acquireSingleInstance(app, () => focusWindow(window))).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    emit('second-instance');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('focusWindow leaves a destroyed or missing window alone', () => {
    const gone = fakeWindow(false, true);
    focusWindow(gone);
    focusWindow(null);
    expect(gone.focus).not.toHaveBeenCalled();
  });
});

describe('graceful quit', () => {
  it('holds the quit until the core has closed, closes it once, then quits', async () => {
    const { app, emit } = fakeApp(true);
    let finish: () => void = () => undefined;
    const close = vi.fn(() => new Promise<void>((resolve) => { finish = resolve; }));
    installGracefulQuit(app, close, vi.fn());
    expect(emit('before-quit')).toHaveBeenCalled();
    expect(emit('before-quit')).toHaveBeenCalled();
    expect(close).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();
    finish();
    await settle();
    expect(app.quit).toHaveBeenCalledOnce();
    expect(emit('before-quit')).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledOnce();
  });

  it('still quits (and reports) when closing fails', async () => {
    const { app, emit } = fakeApp(true);
    const onError = vi.fn();
    installGracefulQuit(app, () => Promise.reject(new Error('disk gone')), onError);
    emit('before-quit');
    await settle();
    expect(app.quit).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ message: 'disk gone' }));
  });
});
