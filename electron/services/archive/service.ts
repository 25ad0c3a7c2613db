// Main process. The archive as the hosts see it: start the job for a selection, and find a stored file to open
// (the Electron host hands the path to shell.openPath; the browser host serves it as a one-time download).
import { AppError } from '../../../shared/errors';
import type { Selection } from '../../../shared/api/schemas';
import type { Repositories } from '../../db/repositories';
import type { JobManager } from '../jobs/manager';
import type { ArchiveEnv } from './env';
import type { FileStore } from './store';

export interface ArchiveService {
  readonly store: FileStore;
  start(selection: Selection): Promise<{ jobId: number; total: number }>;
  /** The stored copy of one file row: its absolute path and a name for the clerk. Throws not_found. */
  filePath(fileId: number): Promise<{ readonly path: string; readonly fileName: string; readonly sha256: string; readonly size: number }>;
}

export function createArchiveService(repos: Repositories, jobs: JobManager, env: ArchiveEnv): ArchiveService {
  return {
    store: env.store,
    start(selection) {
      return jobs.start('archive', repos.invoices.idsForSelection(selection), { selection: selection.kind });
    },
    async filePath(fileId) {
      const f = repos.files.get(fileId);
      if (!f) throw new AppError('not_found', { zh: `存档文件 ${fileId} 不存在`, en: `Archived file ${fileId} does not exist` }, { fileId });
      if (f.outcome !== 'stored' || f.sha256 === null || !(await env.store.has(f.sha256))) {
        throw new AppError('not_found', {
          zh: `发票 ${f.suningInvoiceNum} 的原件没有存档（${f.outcome}）`,
          en: `The file of invoice ${f.suningInvoiceNum} is not archived (${f.outcome})`,
        }, { fileId });
      }
      return { path: env.store.pathOf(f.sha256), fileName: `${f.suningInvoiceNum || f.sha256.slice(0, 12)}.pdf`, sha256: f.sha256, size: f.size ?? 0 };
    },
  };
}
