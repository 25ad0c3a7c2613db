// Main process. Handlers of the archive:* channels (issue 15): start the archive job; open one stored file (the
// host shows it: Electron's viewer, the browser host's one-time download); the ZIP hand-over is export:archive
// (handlers/export.ts).
import { AppError } from '../../../shared/errors';
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';
import { writes } from './behaviour';

type ArchiveHandlers = Pick<HandlerTable, 'archive:start' | 'archive:open'>;

export function archiveHandlers(s: CoreServices): ArchiveHandlers {
  return {
    'archive:start': writes(async (input) => s.archive.start(input.selection)),
    'archive:open': async (input, ctx) => {
      const f = await s.archive.filePath(input.fileId);
      if (!ctx.fileOpener) {
        throw new AppError('forbidden', {
          zh: '这里不能打开原件；请用 export-archive 导出原件 ZIP',
          en: 'Files cannot be opened here; export the archive ZIP with export-archive',
        });
      }
      const opened = await ctx.fileOpener.open({ root: s.archive.store.root, path: f.path, fileName: f.fileName });
      return { fileName: f.fileName, sha256: f.sha256, size: f.size, downloadUrl: opened?.downloadUrl ?? null };
    },
  };
}
