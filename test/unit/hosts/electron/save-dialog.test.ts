// Node (Vitest). The Electron host's save target: the native save dialog, shown by the main process.
import { describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { saveDialogTarget } from '../../../../electron/hosts/electron/save-dialog';

function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  const showSaveDialog = vi.fn(async () => answer);
  return { dialog: { showSaveDialog } as unknown as Pick<Dialog, 'showSaveDialog'>, showSaveDialog };
}

const WINDOW = { isDestroyed: () => false } as unknown as BrowserWindow;

describe('saveDialogTarget', () => {
  it('offers the suggested name in the downloads folder, filtered to its format, and answers the chosen path', async () => {
    const { dialog, showSaveDialog } = fakeDialog({ canceled: false, filePath: '/home/clerk/对账/十二月.xlsx' });
    const target = saveDialogTarget(dialog, () => WINDOW, () => '/home/clerk/Downloads');
    expect(await target.choose('发票对账-20261201-090000.xlsx')).toBe('/home/clerk/对账/十二月.xlsx');
    const [parent, options] = showSaveDialog.mock.calls[0] as unknown as [unknown, { defaultPath: string; filters: { extensions: string[] }[] }];
    expect(parent).toBe(WINDOW);
    expect(options.defaultPath).toBe(path.join('/home/clerk/Downloads', '发票对账-20261201-090000.xlsx'));
    expect(options.filters[0]?.extensions).toEqual(['xlsx']);
  });

  it('answers null when the clerk cancels', async () => {
    const { dialog } = fakeDialog({ canceled: true, filePath: '' });
    expect(await saveDialogTarget(dialog, () => WINDOW, () => '/tmp').choose('a.csv')).toBeNull();
  });

  it('adds the extension to a name typed without one', async () => {
    const { dialog } = fakeDialog({ canceled: false, filePath: '/tmp/my-export' });
    expect(await saveDialogTarget(dialog, () => null, () => '/tmp').choose('a.csv')).toBe('/tmp/my-export.csv');
  });
});
