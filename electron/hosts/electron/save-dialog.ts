// Main process. The Electron host's SaveTarget: the clerk picks where an export goes in the native save dialog,
// shown by the main process (the renderer never sees a path or the file's bytes).
import path from 'node:path';
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import type { SaveTarget } from '../../../shared/api/contract';

const FILTERS: Readonly<Record<string, { name: string; extensions: string[] }>> = {
  '.csv': { name: 'CSV (逗号分隔)', extensions: ['csv'] },
  '.xlsx': { name: 'Excel 工作簿', extensions: ['xlsx'] },
  '.zip': { name: 'ZIP 压缩包（发票原件）', extensions: ['zip'] },
};

export function saveDialogTarget(
  dialog: Pick<Dialog, 'showSaveDialog'>, window: () => BrowserWindow | null, defaultDir: () => string,
): SaveTarget {
  return {
    async choose(suggestedName) {
      const filter = FILTERS[path.extname(suggestedName).toLowerCase()];
      const options: SaveDialogOptions = {
        defaultPath: path.join(defaultDir(), suggestedName),
        filters: filter ? [filter] : [],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = window();
      const r = parent && !parent.isDestroyed() ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return null;
      // A name typed without the extension still gets the format's.
      return filter && path.extname(r.filePath) === '' ? `${r.filePath}${path.extname(suggestedName)}` : r.filePath;
    },
  };
}
