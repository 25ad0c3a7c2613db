// Main process. Entry point: wires core, protocol, security, IPC, window and menu; holds no logic of its own.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { AppError } from '../shared/errors';
import { forwardEvents } from './hosts/electron/events';
import { registerIpc } from './hosts/electron/register';
import { saveDialogTarget } from './hosts/electron/save-dialog';
import { shellFileOpener } from './hosts/electron/open-file';
import { acquireSingleInstance, focusWindow, installGracefulQuit } from './hosts/electron/lifecycle';
import { createLogger, type Logger } from './logging/logger';
import { applyMenu, menuLanguageOf, type MenuActions, type MenuLanguage } from './hosts/electron/menu';
import { createSafeStorageCipher } from './secrets/safe-storage-cipher';
import { handleAppProtocol, registerAppScheme } from './security/app-protocol';
import { hardenWebContents } from './security/navigation';
import { openExternal } from './security/open-external';
import { denyAllPermissions } from './security/permissions';
import { createSenderCheck, TrustedContents } from './security/trusted-sender';
import type { AppCore } from './services/app-core';
import { openWorkspaceSession } from './services/workspaces/session';
import { createMainWindow } from './window';

const TITLE = '发票对账 Invoice Recon';
let mainWindow: BrowserWindow | null = null;
let log: Logger | null = null;

// Tests and support runs point the app at a throw-away data directory; must precede the instance lock.
const dataDirOverride = process.env.INVOICE_RECON_USER_DATA;
if (dataDirOverride && path.isAbsolute(dataDirOverride)) app.setPath('userData', dataDirOverride);

registerAppScheme(protocol);
// Belt and braces: every renderer is sandboxed, even one created without our web preferences.
app.enableSandbox();

function openUrlExternally(url: string): void {
  openExternal(shell, url).catch((error: unknown) => log?.warn('openExternal failed', error));
}

function menuActions(dataDir: string, logs: string): MenuActions {
  return {
    devTools: !app.isPackaged,
    openDataFolder: () => void shell.openPath(dataDir),
    openLogFolder: () => void shell.openPath(logs),
    showAbout: () => void dialog.showMessageBox({ title: TITLE, message: `${TITLE} ${app.getVersion()}`, detail: dataDir }),
  };
}

async function initialLanguage(core: AppCore): Promise<MenuLanguage> {
  try {
    return menuLanguageOf(await core.handlers['settings:get']({}, { host: 'electron' })) ?? 'zh-CN';
  } catch (error) {
    log?.warn('settings unavailable for the menu language', error);
    return 'zh-CN';
  }
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logger = createLogger({ dataDir, echo: !app.isPackaged });
  log = logger;
  logger.info(`starting ${app.getVersion()} in ${dataDir}`);
  denyAllPermissions(session.defaultSession);
  handleAppProtocol(protocol, path.join(app.getAppPath(), 'dist', 'renderer'));

  const cipher = await createSafeStorageCipher(safeStorage);
  if (cipher.weak) logger.warn(`secret storage backend ${cipher.backend} is weak; the clerk is asked before secrets are saved`);
  // The workspaces (账套) of the data folder; the window's title names the open one.
  const core = await openWorkspaceSession({
    dataDir, host: 'electron', version: app.getVersion(),
    cipherFor: () => cipher,
    onWorkspace: (ws) => mainWindow?.setTitle(ws ? `${ws.name} · ${TITLE}` : TITLE),
  });
  installGracefulQuit(app, () => core.close(), (error) => logger.error('closing the core failed', error));

  const actions = menuActions(dataDir, logger.dir);
  let language = await initialLanguage(core);
  applyMenu(language, actions);

  const trusted = new TrustedContents();
  registerIpc(ipcMain, core, createSenderCheck(trusted), {
    logError: (message, error) => logger.error(message, error),
    onSecret: (value) => logger.addSecret(value),
    saveTarget: saveDialogTarget(dialog, () => mainWindow, () => app.getPath('downloads')),
    fileOpener: shellFileOpener(shell),
    onResult: (_channel, value) => {
      const next = menuLanguageOf(value);
      if (next !== null && next !== language) {
        language = next;
        applyMenu(language, actions);
      }
    },
  });

  const window = createMainWindow({
    preloadPath: path.join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'),
    stateFile: path.join(dataDir, 'window-state.json'),
    devTools: !app.isPackaged,
    title: core.current() ? `${core.current()?.name ?? ''} · ${TITLE}` : TITLE,
    warn: (message, detail) => logger.warn(message, detail),
  });
  trusted.add(window.webContents);
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
  forwardEvents(core, () => mainWindow?.webContents ?? null);
}

function failStartup(error: unknown): void {
  log?.error('startup failed', error);
  const text = error instanceof AppError
    ? `${error.messageZh}\n${error.messageEn}`
    : '启动失败，详情已写入日志。\nStartup failed; details are in the log.';
  dialog.showErrorBox(TITLE, text);
  app.exit(1);
}

function boot(): Promise<void> | null {
  if (!acquireSingleInstance(app, () => focusWindow(mainWindow))) return null;
  app.on('web-contents-created', function hardenNewContents(_event, contents) {
    hardenWebContents(contents, openUrlExternally);
  });
  app.on('window-all-closed', () => app.quit());
  process.on('unhandledRejection', (reason) => log?.error('unhandled rejection', reason));
  return app.whenReady().then(start).catch(failStartup);
}

/** Settles once startup has finished or failed; null in a second instance. Tests await it. */
export const startup = boot();
