// Main process. Wangdiantong answer codes → PlatformError kinds.
// Only 0 and 30000 are documented; 1000–1040 are the codes our emulator uses for the failures real
// servers describe only in their message, and unknown codes are classified by the message's words.
import type { PlatformErrorKind } from '../../http/errors';

export interface WangdianCodeClass {
  readonly kind: PlatformErrorKind;
  readonly retryable: boolean;
}

export const WANGDIAN_CODES: Readonly<Record<number, WangdianCodeClass>> = {
  30000: { kind: 'not_found', retryable: false },
  1000: { kind: 'validation', retryable: false },
  1010: { kind: 'auth', retryable: false },
  1020: { kind: 'signature', retryable: false },
  1030: { kind: 'clock', retryable: false },
  1040: { kind: 'rate_limit', retryable: true },
};

export function classifyWangdianCode(code: number, message: string): WangdianCodeClass {
  const known = WANGDIAN_CODES[code];
  if (known) return known;
  const m = message.toLowerCase();
  if (m.includes('签名') || m.includes('sign')) return { kind: 'signature', retryable: false };
  if (m.includes('时间戳') || m.includes('timestamp')) return { kind: 'clock', retryable: false };
  if (m.includes('频率') || m.includes('limit') || m.includes('频繁')) return { kind: 'rate_limit', retryable: true };
  return { kind: 'server', retryable: false };
}
