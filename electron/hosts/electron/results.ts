// Main process. The error shapes the IPC layer itself produces (the core's own errors pass through as they are).
import { AppError, validationError, type AppErrorShape } from '../../../shared/errors';
import type { z } from 'zod';

export function forbiddenSenderError(channel: string): AppErrorShape {
  return new AppError('forbidden', {
    zh: `请求 ${channel} 不是来自本应用的页面，已拒绝`,
    en: `The call to ${channel} did not come from the app's own page and was refused`,
  }).toShape();
}

export function invalidInputError(channel: string, error: z.ZodError): AppErrorShape {
  return validationError(error, { zh: `接口 ${channel} 的参数无效`, en: `Invalid input for ${channel}` }).toShape();
}

/** What the renderer sees for a bug: no stack, no internals — the real error goes to the log only. */
export function internalError(channel: string): AppErrorShape {
  return new AppError('internal', {
    zh: `处理 ${channel} 时发生内部错误，详情已写入日志`,
    en: `An internal error occurred while handling ${channel}; details are in the log`,
  }).toShape();
}

export function toErrorShape(channel: string, error: unknown): AppErrorShape {
  return error instanceof AppError ? error.toShape() : internalError(channel);
}
