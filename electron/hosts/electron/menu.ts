// Main process. The application menu, in Chinese by default and English after the language switch.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export type MenuLanguage = 'zh-CN' | 'en-US';

export interface MenuActions {
  openDataFolder(): void;
  openLogFolder(): void;
  showAbout(): void;
  /** Developer tools only in an unpackaged (development) build. */
  readonly devTools: boolean;
}

const LABELS = {
  'zh-CN': {
    file: '文件', openData: '打开数据文件夹', quit: '退出',
    edit: '编辑', undo: '撤销', redo: '重做', cut: '剪切', copy: '复制', paste: '粘贴', selectAll: '全选',
    view: '视图', reload: '重新加载', devTools: '开发者工具', resetZoom: '实际大小', zoomIn: '放大', zoomOut: '缩小', fullScreen: '全屏',
    help: '帮助', openLogs: '打开日志文件夹', about: '关于发票对账',
  },
  'en-US': {
    file: 'File', openData: 'Open Data Folder', quit: 'Quit',
    edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All',
    view: 'View', reload: 'Reload', devTools: 'Developer Tools', resetZoom: 'Actual Size', zoomIn: 'Zoom In', zoomOut: 'Zoom Out', fullScreen: 'Full Screen',
    help: 'Help', openLogs: 'Open Log Folder', about: 'About Invoice Recon',
  },
} as const satisfies Record<MenuLanguage, Record<string, string>>;

/** Pure: the template only, so both languages can be checked without Electron. */
export function buildMenuTemplate(lang: MenuLanguage, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = LABELS[lang];
  const view: MenuItemConstructorOptions[] = [{ label: t.reload, role: 'reload' }];
  if (actions.devTools) view.push({ label: t.devTools, role: 'toggleDevTools' });
  view.push(
    { type: 'separator' },
    { label: t.resetZoom, role: 'resetZoom' },
    { label: t.zoomIn, role: 'zoomIn' },
    { label: t.zoomOut, role: 'zoomOut' },
    { type: 'separator' },
    { label: t.fullScreen, role: 'togglefullscreen' },
  );
  return [
    {
      label: t.file,
      submenu: [
        { label: t.openData, click: () => actions.openDataFolder() },
        { type: 'separator' },
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.help,
      submenu: [
        { label: t.openLogs, click: () => actions.openLogFolder() },
        { type: 'separator' },
        { label: t.about, click: () => actions.showAbout() },
      ],
    },
  ];
}

export function applyMenu(lang: MenuLanguage, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(lang, actions)));
}

/** The language a settings view carries, so the menu can follow the clerk's language switch. */
export function menuLanguageOf(settingsView: unknown): MenuLanguage | null {
  if (typeof settingsView !== 'object' || settingsView === null) return null;
  const settings = (settingsView as { settings?: unknown }).settings;
  if (typeof settings !== 'object' || settings === null) return null;
  const language = (settings as { language?: unknown }).language;
  return language === 'zh-CN' || language === 'en-US' ? language : null;
}
