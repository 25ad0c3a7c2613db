// Renderer. The typed error every failed contract call throws: the platform code plus both messages.
import type { AppErrorShape } from '../../shared/errors';

/** Codes raised by the renderer's own transport (the main process never sends these). */
export type TransportErrorCode = 'host.offline' | 'host.bad_response' | 'host.no_token';

export class ApiError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: unknown;
  readonly channel: string;

  constructor(channel: string, shape: AppErrorShape) {
    super(`${shape.code}: ${shape.messageEn}`);
    this.name = 'ApiError';
    this.channel = channel;
    this.code = shape.code;
    this.messageZh = shape.message;
    this.messageEn = shape.messageEn;
    this.details = shape.details;
  }

  /** Errors worth retrying automatically: only a lost connection to our own back end. */
  get transient(): boolean {
    return this.code === 'host.offline';
  }
}

export function transportError(channel: string, code: TransportErrorCode, zh: string, en: string): ApiError {
  return new ApiError(channel, { code, message: zh, messageEn: en });
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Field-level issues a `validation` error carries (from shared/errors.ts validationError). */
export function validationIssues(e: unknown): ReadonlyArray<{ path: readonly string[]; message: string }> {
  if (!isApiError(e) || e.code !== 'validation') return [];
  const d = e.details;
  if (typeof d !== 'object' || d === null || !('issues' in d) || !Array.isArray(d.issues)) return [];
  const out: Array<{ path: string[]; message: string }> = [];
  for (const i of d.issues as unknown[]) {
    if (typeof i === 'object' && i !== null && 'path' in i && 'message' in i && Array.isArray(i.path) && typeof i.message === 'string') {
      out.push({ path: i.path.map(String), message: i.message });
    }
  }
  return out;
}
