import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../electron/http/errors';
import { redact } from '../../../electron/logging/redact';
import { classifyWangdianCode } from '../../../electron/platforms/wangdian/errors';
import { classifySuningCode } from '../../../electron/platforms/suning/errors';

describe('PlatformError', () => {
  it('carries platform, kind, code, retryable, status and a stable AppError code', () => {
    const e = new PlatformError({
      platform: 'suning',
      kind: 'rate_limit',
      retryable: true,
      platformCode: 'sys.controller.api-frequency:limit',
      httpStatus: 200,
      rawBody: '{"x":1}',
      message: { zh: '太快', en: 'too fast' },
    });
    expect(e.code).toBe('platform.rate_limit');
    expect(e.messageZh).toBe('太快');
    expect(e.messageEn).toBe('too fast');
    expect(e.toShape()).toEqual({
      code: 'platform.rate_limit',
      message: '太快',
      messageEn: 'too fast',
      details: { platform: 'suning', kind: 'rate_limit', platformCode: 'sys.controller.api-frequency:limit', retryable: true, httpStatus: 200, rawSnippet: '{"x":1}' },
    });
  });

  it('never carries a known secret, in the snippet or the message', () => {
    const secret = 'S3cr3t-appsecret-value';
    const e = new PlatformError({
      platform: 'wangdian',
      kind: 'server',
      rawBody: `error for ${secret} here`,
      message: { zh: `echo ${secret}`, en: `echo ${secret}` },
      secrets: [secret],
    });
    expect(JSON.stringify(e.toShape())).not.toContain(secret);
    expect(e.message).not.toContain(secret);
    expect(e.rawSnippet).toBe('error for *** here');
  });

  it('cuts the snippet to 500 characters', () => {
    const e = new PlatformError({ platform: 'wangdian', kind: 'protocol', rawBody: '票'.repeat(2000), message: { zh: 'x', en: 'x' } });
    expect([...(e.rawSnippet ?? '')].length).toBe(500);
  });
});

describe('redact', () => {
  it.each([
    ['{"appsecret":"abc123","code":1}', '{"appsecret":"***","code":1}'],
    ['{"access_token": "tok-1"}', '{"access_token": "***"}'],
    ['<signInfo>deadbeef</signInfo><a>1</a>', '<signInfo>***</signInfo><a>1</a>'],
    ['sid=1&sign=abcdef&timestamp=2', 'sid=1&sign=***&timestamp=2'],
    ['password: hunter2', 'password: ***'],
  ])('%s → %s', (input, out) => {
    expect(redact(input)).toBe(out);
  });

  it('scrubs a URL-encoded secret from a platform snippet (one redactor for logs and platforms)', () => {
    const secret = 'p@ss w0rd/é';
    const e = new PlatformError({ platform: 'suning', kind: 'server', rawBody: `echo=${encodeURIComponent(secret)}&password=hunter2`, message: { zh: 'x', en: 'x' }, secrets: [secret] });
    expect(e.rawSnippet).toBe('echo=***&password=***');
  });
});

describe('Wangdiantong codes', () => {
  it.each([
    [30000, '发票编号在系统中不存在', 'not_found', false],
    [1000, '参数错误', 'validation', false],
    [1010, 'sid/appkey 不存在', 'auth', false],
    [1020, '签名错误', 'signature', false],
    [1030, '时间戳超出允许范围', 'clock', false],
    [1040, '请求频率超限', 'rate_limit', true],
    [5, 'sign check failed', 'signature', false],
    [6, '时间戳错误', 'clock', false],
    [7, 'timestamp expired', 'clock', false],
    [8, '调用频率过高', 'rate_limit', true],
    [9, 'daily limit reached', 'rate_limit', true],
    [10, '系统繁忙', 'server', false],
  ])('%i %s → %s', (code, msg, kind, retryable) => {
    expect(classifyWangdianCode(code, msg)).toEqual({ kind, retryable });
  });
});

describe('Suning sn_error codes', () => {
  it.each([
    ['sys.check.app-sign:error', 'signature', false],
    ['sys.check.app-sign:null', 'signature', false],
    ['sys.check.app-time:error', 'clock', false],
    ['sys.controller.api-frequency:limit', 'rate_limit', true],
    ['sys.controller.api-access:limit', 'rate_limit', true],
    // 请求时间戳误差太大 in public client logs: the same clock error as app-time.
    ['sys.check.request-apprequesttime:error', 'clock', false],
    ['sys.controller.api-request:limit', 'rate_limit', true],
    ['sys.check.user-permission:inexistence', 'auth', false],
    ['sys.check.user-permission:overdue', 'auth', false],
    ['sys.check.api-permission:inexistence', 'auth', false],
    ['sys.check.method-permission:authority', 'auth', false],
    ['sys.auth.vendor-request:errory', 'auth', false],
    ['biz.custom.querystorage.missing-parameter:billNo', 'validation', false],
    ['biz.custom.querystorage.length-overlong:billNo', 'validation', false],
    ['sys.check.request-params:error', 'validation', false],
    ['sys.check.header-param:null', 'validation', false],
    ['isp.sys.service.unavailable.iips', 'server', true],
    ['sys.error.network:failure', 'server', true],
    ['sys.error.network-status:503', 'server', true],
    ['biz.handler.data-get:fail', 'server', false],
    ['something.new', 'server', false],
  ])('%s → %s', (code, kind, retryable) => {
    expect(classifySuningCode(code)).toEqual({ kind, retryable });
  });
});
