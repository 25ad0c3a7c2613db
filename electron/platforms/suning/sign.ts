// Main process. Suning open platform signInfo over the exact body bytes sent.
import { createHash } from 'node:crypto';

export interface SuningSignInput {
  readonly appSecret: string;
  readonly appMethod: string;
  readonly appRequestTime: string;
  readonly appKey: string;
  readonly versionNo: string;
  /** The exact bytes that go on the wire. */
  readonly body: Uint8Array | string;
}

export function suningBodyBase64(body: Uint8Array | string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return bytes.toString('base64');
}

export function signSuning(input: SuningSignInput): string {
  const text = input.appSecret + input.appMethod + input.appRequestTime + input.appKey + input.versionNo + suningBodyBase64(input.body);
  return createHash('md5').update(text, 'utf8').digest('hex');
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, whatever the PC's own zone is. */
export function formatSuningTime(epochMs: number): string {
  const parts: Record<string, string> = {};
  for (const p of SHANGHAI.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Inverse of formatSuningTime; NaN when the text is not that format. */
export function parseSuningTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m;
  // Asia/Shanghai has had no DST since 1991: a fixed +08:00 offset.
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - 8, Number(mi), Number(s));
}
