// Main process. The one app window: locked-down web preferences, shown when ready, bounds remembered.
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './security/app-origin';
import { fitToDisplays, loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState } from './hosts/electron/window-state';

/** Electron's security checklist, spelled out even where it matches the default, so a test can pin each. */
export function mainWindowPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
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
    // No middle-click (auxclick) activation of links: every way out of the page goes through the navigation guards.
    disableBlinkFeatures: 'Auxclick',
    devTools,
  };
}

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly stateFile: string;
  readonly devTools: boolean;
  readonly title: string;
  /** Reports a broken state file or a failed save; neither stops the window. */
  readonly warn: (message: string, detail?: unknown) => void;
}

function rememberBounds(window: BrowserWindow, options: MainWindowOptions): void {
  const b = window.getNormalBounds();
  try {
    saveWindowState(options.stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: window.isMaximized() });
  } catch (error) {
    options.warn('could not save the window state', error);
  }
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const loaded = loadWindowState(options.stateFile);
  if (loaded.problem !== null) options.warn(`window state ignored: ${loaded.problem}`);
  const placement = fitToDisplays(
    loaded.state,
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow({
    x: placement.x,
    y: placement.y,
    width: placement.width,
    height: placement.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: options.title,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: mainWindowPreferences(options.preloadPath, options.devTools),
  });
  // Shown once painted, so the clerk never sees a blank white frame.
  window.once('ready-to-show', function showWhenReady() {
    if (placement.maximized) window.maximize();
    window.show();
  });
  window.on('close', function saveBoundsOnClose() {
    rememberBounds(window, options);
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => options.warn('could not load the app page', error));
  return window;
}
