// Main process. Wangdiantong openapi2 request signing.
import { createHash } from 'node:crypto';

/** Length in Unicode code points, which is what Wangdiantong's PHP side counts. */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

function padLength(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `LL-key:VVVV-value` pairs sorted by key and joined with `;` (everything except `sign`). */
export function packWangdianParams(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => {
      const v = params[k] ?? '';
      return `${padLength(codePointLength(k), 2)}-${k}:${padLength(codePointLength(v), 4)}-${v}`;
    })
    .join(';');
}

export function signWangdianParams(params: Readonly<Record<string, string>>, appsecret: string): string {
  return createHash('md5').update(packWangdianParams(params) + appsecret, 'utf8').digest('hex');
}
