// Main process (browser host). The browser host's FileOpener (打开原件): the stored file, checked to lie in the
// data folder's archive (security/archived-file.ts), copied behind a one-time, token-protected download URL
// exactly as an export is (downloads.ts) — the page fetches it once, nothing travels through the contract.
import { copyFile } from 'node:fs/promises';
import type { FileOpener } from '../../../shared/api/contract';
import { AppError } from '../../../shared/errors';
import { resolveArchivedFile } from '../../security/archived-file';
import type { Downloads } from './downloads';

export function downloadFileOpener(downloads: Pick<Downloads, 'target'>): FileOpener {
  return {
    async open(file) {
      const real = await resolveArchivedFile(file.root, file.path);
      if (real === null) {
        throw new AppError('forbidden', {
          zh: `原件 ${file.fileName} 不在存档文件夹中或不是存档文件，已拒绝下载`,
          en: `The file ${file.fileName} is not an archived file inside the archive folder; it was not offered for download`,
        });
      }
      const dest = await downloads.target.choose(file.fileName);
      if (dest === null) throw new AppError('cancelled', { zh: '已取消', en: 'Cancelled' });
      await copyFile(real, dest);
      const ready = await downloads.target.saved?.(dest);
      if (!ready) throw new Error('the download target lost the copied file');
      return ready;
    },
  };
}
