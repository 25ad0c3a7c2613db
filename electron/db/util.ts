// Main process. Small helpers every repository shares: clock, JSON columns, opaque page cursors.
import { AppError } from '../../shared/errors';

export function nowIso(): string {
  return new Date().toISOString();
}

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return null;
  return JSON.parse(text) as unknown;
}

export function fromJsonObject(text: string | null | undefined): Record<string, unknown> {
  const v = fromJson(text);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Opaque cursor: base64url of a JSON array. The caller must treat it as a token. */
export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v)) return v as unknown[];
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
  }
  throw badCursor();
}

export function badCursor(): AppError {
  return new AppError('validation', {
    zh: '分页游标无效或已过期，请从第一页重新加载',
    en: 'The page cursor is invalid or stale; reload from the first page',
  });
}

/** Simple id-descending pages for history lists (newest first). */
export function idPageCursor(cursor: string | null | undefined): number | null {
  if (!cursor) return null;
  const [id] = decodeCursor(cursor);
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw badCursor();
  return id;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
