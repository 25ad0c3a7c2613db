// Main process. The Suning side of signInfo and of the request clock, written from the protocol independently of
// the client's signer.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface SuningSignedParts {
  readonly appSecret: string;
  readonly appMethod: string;
  readonly appRequestTime: string;
  readonly appKey: string;
  readonly versionNo: string;
  /** The exact bytes received. */
  readonly body: Buffer;
}

/** md5(appSecret + appMethod + appRequestTime + appKey + versionNo + base64(body bytes)), lowercase hex. */
export function suningExpectedSignInfo(p: SuningSignedParts): string {
  const text = p.appSecret + p.appMethod + p.appRequestTime + p.appKey + p.versionNo + p.body.toString('base64');
  return createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex');
}

export function suningSignInfoValid(p: SuningSignedParts, signInfo: string): boolean {
  if (!/^[0-9a-f]{32}$/.test(signInfo)) return false;
  return timingSafeEqual(Buffer.from(signInfo, 'ascii'), Buffer.from(suningExpectedSignInfo(p), 'ascii'));
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/**
 * `yyyy-MM-dd HH:mm:ss` read as Beijing time (UTC+8, no DST since 1991) → epoch ms; null when not that format or
 * not a real calendar moment (2026-02-30 is refused, not rolled over).
 */
export function parseBeijingTime(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return utc - BEIJING_OFFSET_MS;
}

/** Epoch ms → `yyyy-MM-dd HH:mm:ss` in Beijing time, for tests and logs. */
export function formatBeijingTime(epochMs: number): string {
  const d = new Date(epochMs + BEIJING_OFFSET_MS);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
