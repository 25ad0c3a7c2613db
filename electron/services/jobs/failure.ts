// Main process. Turns any error a job meets into a stored failure, and decides whether it stops the job.
import { AppError } from '../../../shared/errors';
import { isPlatformError } from '../../http/errors';
import type { JobFailure } from './context';
import { diskFullError, isDiskFull } from '../disk-full';

/** Kinds after which every other request of the job would fail the same way. */
const FATAL_KINDS: ReadonlySet<string> = new Set(['auth', 'signature', 'clock']);

export function toFailure(error: unknown): JobFailure {
  if (isDiskFull(error)) {
    const e = diskFullError();
    return { code: e.code, message: e.messageZh, messageEn: e.messageEn };
  }
  if (isPlatformError(error)) {
    return { code: error.platformCode ?? error.code, message: error.messageZh, messageEn: error.messageEn };
  }
  if (error instanceof AppError) return { code: error.code, message: error.messageZh, messageEn: error.messageEn };
  return {
    code: 'internal',
    message: '内部错误，请查看日志',
    messageEn: 'Internal error; see the log',
  };
}

/** A full disk is fatal too: every further write of the job would fail the same way. */
export function isFatal(error: unknown): boolean {
  if (isDiskFull(error)) return true;
  if (isPlatformError(error)) return FATAL_KINDS.has(error.kind);
  return error instanceof AppError && (error.code === 'not_configured' || error.code === 'forbidden');
}

export function isCancel(error: unknown): boolean {
  return error instanceof AppError && error.code === 'cancelled';
}
