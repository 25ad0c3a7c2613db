// Main process. Suning sn_error codes → PlatformError kinds (codes from the seed document).
import type { PlatformErrorKind } from '../../http/errors';

export interface SuningCodeClass {
  readonly kind: PlatformErrorKind;
  readonly retryable: boolean;
}

const RULES: ReadonlyArray<readonly [RegExp, SuningCodeClass]> = [
  [/^sys\.check\.app-sign:/, { kind: 'signature', retryable: false }],
  // request-apprequesttime ("请求时间戳误差太大", seen in public client logs) is the same clock error as app-time.
  [/^sys\.check\.(app-time|request-apprequesttime):/, { kind: 'clock', retryable: false }],
  [/^sys\.controller\.api-(frequency|access|request):limit$/, { kind: 'rate_limit', retryable: true }],
  [/^sys\.check\.(user-permission|api-permission|method-permission):/, { kind: 'auth', retryable: false }],
  [/^sys\.auth\.vendor-request:/, { kind: 'auth', retryable: false }],
  [/^biz\.custom\.querystorage\.(missing-parameter|length-overlong):/, { kind: 'validation', retryable: false }],
  [/^sys\.check\.(request-params:error|header-param:null|missing-parameter:|missing-nestElement:)/, { kind: 'validation', retryable: false }],
  [/^(isp\.sys\.service\.unavailable|sys\.error\.network)/, { kind: 'server', retryable: true }],
];

export const SUNING_NO_RESULT = 'biz.handler.data-get:no-result';

export function classifySuningCode(code: string): SuningCodeClass {
  for (const [re, cls] of RULES) if (re.test(code)) return cls;
  return { kind: 'server', retryable: false };
}
