// Main process. A full disk, from SQLite (SQLITE_FULL) or from a file write (ENOSPC), as the one clear error
// every host shows. SQLite rolls back the transaction it could not write, so nothing is half-written.
import { AppError } from '../../shared/errors';

export function isDiskFull(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'disk_full';
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

export function diskFullError(): AppError {
  return new AppError('disk_full', {
    zh: '磁盘空间不足：数据未写入（已写入的不受影响）。请释放磁盘空间后重试。',
    en: 'Disk full: the data was not written (what was written before is intact). Free some disk space and try again.',
  });
}

/** The error as an AppError when it is a full disk, else unchanged. */
export function asDiskFull(error: unknown): unknown {
  return isDiskFull(error) && !(error instanceof AppError) ? diskFullError() : error;
}
