// Node (Vitest) with a mocked `electron`. The application menu in both languages.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

const electron = vi.hoisted(() => ({ setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => ({ built: t })) }));
vi.mock('electron', () => ({ Menu: { setApplicationMenu: electron.setApplicationMenu, buildFromTemplate: electron.buildFromTemplate } }));

const { applyMenu, buildMenuTemplate, menuLanguageOf } = await import('../../../../electron/hosts/electron/menu');

function actions(devTools = false) {
  return { devTools, openDataFolder: vi.fn(), openLogFolder: vi.fn(), showAbout: vi.fn() };
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return (item?.submenu ?? []) as MenuItemConstructorOptions[];
}

function find(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  return template.flatMap((top) => submenu(top)).find((item) => item.label === label);
}

describe('buildMenuTemplate', () => {
  it('is Chinese by default: 文件 编辑 视图 帮助', () => {
    const template = buildMenuTemplate('zh-CN', actions());
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(submenu(template[1]).filter((i) => i.role).map((i) => [i.role, i.label])).toEqual([
      ['undo', '撤销'], ['redo', '重做'], ['cut', '剪切'], ['copy', '复制'], ['paste', '粘贴'], ['selectAll', '全选'],
    ]);
    expect(find(template, '退出')?.role).toBe('quit');
  });

  it('switches every label to English', () => {
    const template = buildMenuTemplate('en-US', actions());
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const labels = JSON.stringify(template);
    expect(labels).not.toMatch(/[\u4e00-\u9fff]/);
    expect(find(template, 'Quit')?.role).toBe('quit');
  });

  it('offers developer tools only in development builds', () => {
    const roles = (devTools: boolean) => submenu(buildMenuTemplate('zh-CN', actions(devTools))[2]).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('wires the custom items to the given actions', () => {
    const a = actions();
    const template = buildMenuTemplate('zh-CN', a);
    const click = (label: string) => (find(template, label)?.click as unknown as () => void)();
    click('打开数据文件夹');
    click('打开日志文件夹');
    click('关于发票对账');
    expect(a.openDataFolder).toHaveBeenCalledOnce();
    expect(a.openLogFolder).toHaveBeenCalledOnce();
    expect(a.showAbout).toHaveBeenCalledOnce();
  });
});

describe('applyMenu and menuLanguageOf', () => {
  it('installs the built template as the application menu', () => {
    applyMenu('en-US', actions());
    expect(electron.buildFromTemplate).toHaveBeenCalledOnce();
    const built = electron.buildFromTemplate.mock.results[0]?.value as { built: MenuItemConstructorOptions[] };
    expect(built.built.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(electron.setApplicationMenu).toHaveBeenCalledExactlyOnceWith(built);
  });

  it('reads the language from a settings view and ignores anything else', () => {
    expect(menuLanguageOf({ settings: { language: 'en-US' } })).toBe('en-US');
    expect(menuLanguageOf({ settings: { language: 'zh-CN' } })).toBe('zh-CN');
    expect(menuLanguageOf({ settings: { language: 'fr-FR' } })).toBeNull();
    expect(menuLanguageOf({ rows: [] })).toBeNull();
    expect(menuLanguageOf(null)).toBeNull();
  });
});
