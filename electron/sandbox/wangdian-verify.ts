// Main process. The Wangdiantong side of signing, written from the protocol (DESIGN.md), independently of the
// client's signer: if both agree with the shared vectors, a client bug cannot hide behind an emulator bug.
import { createHash, timingSafeEqual } from 'node:crypto';

/** PHP's mb_strlen: Unicode code points. */
function chars(s: string): number {
  return Array.from(s).length;
}

function width(n: number, digits: number): string {
  const t = n.toString();
  return t.length >= digits ? t : '0'.repeat(digits - t.length) + t;
}

/** The string Wangdiantong hashes: params except `sign`, sorted by key, `LL-key:VVVV-value`, joined by ';'. */
export function wdtPackedString(params: Readonly<Record<string, string>>): string {
  const keys = Object.keys(params).filter((k) => k !== 'sign');
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: string[] = [];
  for (const k of keys) {
    const v = params[k] ?? '';
    parts.push(`${width(chars(k), 2)}-${k}:${width(chars(v), 4)}-${v}`);
  }
  return parts.join(';');
}

export function wdtExpectedSign(params: Readonly<Record<string, string>>, appsecret: string): string {
  return createHash('md5').update(Buffer.from(wdtPackedString(params) + appsecret, 'utf8')).digest('hex');
}

/** True when `params.sign` is the lowercase md5 the platform expects. */
export function wdtSignatureValid(params: Readonly<Record<string, string>>, appsecret: string): boolean {
  const given = params['sign'];
  if (given === undefined || !/^[0-9a-f]{32}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(wdtExpectedSign(params, appsecret), 'ascii'));
}
