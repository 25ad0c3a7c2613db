// Main process. Wangdiantong answer codes → PlatformError kinds.
// Only 0 and 30000 are documented; 1000–1040 are the codes our emulator uses for the failures real
// servers describe only in their message, and unknown codes are classified by the message's words.
import type { PlatformErrorKind } from '../errors';

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

export const KIND_TEXT: Readonly<Record<PlatformErrorKind, { zh: string; en: string }>> = {
  auth: { zh: '账号或权限错误', en: 'credentials or permission rejected' },
  signature: { zh: '签名错误', en: 'signature rejected' },
  clock: { zh: '时间戳被拒绝（电脑时间与平台相差太大）', en: 'timestamp rejected (PC clock too far from the platform)' },
  rate_limit: { zh: '请求过于频繁', en: 'too many requests' },
  validation: { zh: '参数不合规', en: 'parameters rejected' },
  not_found: { zh: '记录不存在', en: 'record not found' },
  server: { zh: '平台服务错误', en: 'platform service error' },
  network: { zh: '网络错误', en: 'network error' },
  protocol: { zh: '响应无法识别', en: 'unrecognised response' },
};
