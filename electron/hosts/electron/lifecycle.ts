// Main process. Process-level lifecycle: one instance per user, and a quit that waits for the core to close.
import type { App, BrowserWindow } from 'electron';

type LockApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>;

/**
 * Two instances would open the same SQLite file and run the same jobs twice. The second launch
 * quits at once; the first one brings its window to the front.
 */
export function acquireSingleInstance(app: LockApp, focusExisting: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', function focusFirstInstance() {
    focusExisting();
  });
  return true;
}

export function focusWindow(window: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Holds the first quit until `close` (pause and persist jobs, close the database) has finished,
 * then quits for real. `close` runs exactly once however many times quit is requested.
 */
export function installGracefulQuit(app: Pick<App, 'on' | 'quit'>, close: () => Promise<void>, onError: (error: unknown) => void): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', function closeCoreBeforeQuit(event) {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    close()
      .catch(onError)
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}
