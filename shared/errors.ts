// Runs everywhere (main, renderer, CLI). The one error shape that crosses every boundary.
import { z } from 'zod';

/** A message the clerk can read in either language. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export const appErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  messageEn: z.string(),
  details: z.unknown().optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

/** Stable error codes that survive the IPC/HTTP boundary. Platform errors use `platform.<kind>`. */
export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'unknown_channel',
  'forbidden',
  'internal',
  'not_configured',
  'job_running',
  'cancelled',
  'plan.refused',
  'import.encoding',
  'import.no_rows',
  'import.mapping',
  'import.too_large',
  'import.conflicts',
  'db.newer_schema',
  'db.empty_file',
  'db.corrupt',
  'db.out_of_sync',
  'data_folder.busy',
  'workspace.none',
  'workspace.unknown',
  'workspace.practice_in_real',
  'disk_full',
  'platform.auth',
  'platform.signature',
  'platform.clock',
  'platform.rate_limit',
  'platform.validation',
  'platform.not_found',
  'platform.server',
  'platform.network',
  'platform.protocol',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error that knows its stable code and its zh/en message. Never put a secret in it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(code: ErrorCode, message: Bilingual, details?: unknown) {
    super(`${message.zh} / ${message.en}`);
    this.name = 'AppError';
    this.code = code;
    this.messageZh = message.zh;
    this.messageEn = message.en;
    this.details = details;
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.messageZh, messageEn: this.messageEn };
    if (this.details !== undefined) shape.details = this.details;
    return shape;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A schema message written "中文 / English" split into its halves; any other message serves both languages. */
export function splitBilingual(message: string): Bilingual {
  const m = /^(.*[\u3400-\u9fff].*?) \/ ([^\u3400-\u9fff]+)$/.exec(message);
  return m && m[1] !== undefined && m[2] !== undefined ? { zh: m[1], en: m[2] } : { zh: message, en: message };
}

/** Bilingual messages for zod issues: path, then the reason (each language its own half of a "中文 / English" one). */
export function describeZodIssues(error: z.ZodError): Bilingual {
  const zh: string[] = [];
  const en: string[] = [];
  for (const issue of error.issues.slice(0, 10)) {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const message = splitBilingual(issue.message);
    zh.push(`字段 ${path}：${message.zh}`);
    en.push(`field ${path}: ${message.en}`);
  }
  if (error.issues.length > 10) {
    zh.push(`……另有 ${error.issues.length - 10} 处错误`);
    en.push(`… and ${error.issues.length - 10} more`);
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

export function validationError(error: z.ZodError, context?: Bilingual): AppError {
  const d = describeZodIssues(error);
  const zh = context ? `${context.zh}：${d.zh}` : d.zh;
  const en = context ? `${context.en}: ${d.en}` : d.en;
  return new AppError('validation', { zh, en }, { issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
}
