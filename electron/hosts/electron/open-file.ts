// Main process. The Electron host's FileOpener (打开原件): the stored file, checked to lie in the data folder's
// archive (security/archived-file.ts), opened with the system's PDF viewer by shell.openPath. The renderer
// only names the file row; the path never leaves the main process.
import type { Shell } from 'electron';
import type { FileOpener } from '../../../shared/api/contract';
import { AppError } from '../../../shared/errors';
import { resolveArchivedFile } from '../../security/archived-file';

export function shellFileOpener(shell: Pick<Shell, 'openPath'>): FileOpener {
  return {
    async open(file) {
      const real = await resolveArchivedFile(file.root, file.path);
      if (real === null) {
        throw new AppError('forbidden', {
          zh: `原件 ${file.fileName} 不在存档文件夹中或不是存档文件，已拒绝打开`,
          en: `The file ${file.fileName} is not an archived file inside the archive folder; it was not opened`,
        });
      }
      // openPath answers '' on success, else the system's reason (no viewer for PDF files, …).
      const problem = await shell.openPath(real);
      if (problem !== '') {
        throw new AppError('not_configured', {
          zh: `系统无法打开原件 ${file.fileName}：${problem}`,
          en: `The system could not open the file ${file.fileName}: ${problem}`,
        });
      }
      return null;
    },
  };
}
