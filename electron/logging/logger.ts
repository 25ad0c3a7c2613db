// Main process. The app's logger: one line per entry, secrets redacted, into a rotating file under userData/logs.
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { redact } from './redact';
import { RotatingFile } from './rotating-file';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** Registers a secret value so it is scrubbed from every later line. */
  addSecret(value: string): void;
  readonly dir: string;
}

export interface LoggerOptions {
  readonly dataDir: string;
  readonly maxBytes?: number;
  readonly keep?: number;
  /** Also echo to stderr (development). */
  readonly echo?: boolean;
  readonly now?: () => Date;
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof AppError) return ` [${detail.code}] ${detail.messageEn}`;
  if (detail instanceof Error) return ` ${detail.name}: ${detail.message}${detail.stack ? `\n${detail.stack}` : ''}`;
  try {
    return ` ${JSON.stringify(detail)}`;
  } catch {
    return ` ${String(detail)}`;
  }
}

export function logsDir(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

export function createLogger(options: LoggerOptions): Logger {
  const dir = logsDir(options.dataDir);
  const file = new RotatingFile({ dir, name: 'main', maxBytes: options.maxBytes ?? 2 * 1024 * 1024, keep: options.keep ?? 5 });
  const secrets: string[] = [];
  const now = options.now ?? (() => new Date());
  function write(level: LogLevel, message: string, detail: unknown): void {
    const line = redact(`${now().toISOString()} ${level.toUpperCase()} ${message}${describe(detail)}`, secrets);
    file.append(`${line}\n`);
    if (options.echo) process.stderr.write(`${line}\n`);
  }
  return {
    dir,
    info: (message, detail) => write('info', message, detail),
    warn: (message, detail) => write('warn', message, detail),
    error: (message, detail) => write('error', message, detail),
    addSecret(value) {
      if (value.length > 0 && !secrets.includes(value)) secrets.push(value);
    },
  };
}
