import { describe, expect, it } from 'vitest';
import vectors from '../../fixtures/protocol-vectors.json';
import { wdtExpectedSign, wdtPackedString, wdtSignatureValid } from '../../../electron/sandbox/wangdian-verify';
import { formatBeijingTime, parseBeijingTime, suningExpectedSignInfo, suningSignInfoValid } from '../../../electron/sandbox/suning-verify';

/** JSON's inferred union marks keys absent in some vectors as optional; every present value is a string. */
function stringParams(params: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string') out[k] = v;
  return out;
}

describe('emulator-side Wangdiantong verification reproduces every shared vector', () => {
  for (const v of vectors.wangdian) {
    it(v.name, () => {
      const params = stringParams(v.params);
      expect(Object.keys(params)).toHaveLength(Object.keys(v.params).length);
      expect(wdtPackedString(params)).toBe(v.packed);
      expect(wdtExpectedSign(params, v.appsecret)).toBe(v.sign);
      expect(wdtSignatureValid({ ...params, sign: v.sign }, v.appsecret)).toBe(true);
      expect(wdtSignatureValid({ ...params, sign: v.sign }, `${v.appsecret}x`)).toBe(false);
      expect(wdtSignatureValid({ ...params, sign: v.sign.toUpperCase() }, v.appsecret)).toBe(false);
      expect(wdtSignatureValid(params, v.appsecret)).toBe(false);
    });
  }

  it('rejects a sign when any signed value changes', () => {
    const v = vectors.wangdian[0];
    if (!v) throw new Error('no vector');
    const params = { ...stringParams(v.params), sign: v.sign };
    expect(wdtSignatureValid({ ...params, invoice_no_out: '0000000001' }, v.appsecret)).toBe(false);
    expect(wdtSignatureValid({ ...params, extra: '' }, v.appsecret)).toBe(false);
  });

  it('counts code points and widens lengths past four digits', () => {
    expect(wdtPackedString({ b: '𠀋𠀋', a: 'x'.repeat(10000), sign: 'ignored' })).toBe(`01-a:10000-${'x'.repeat(10000)};01-b:0002-𠀋𠀋`);
  });
});

describe('emulator-side Suning verification reproduces every shared vector', () => {
  for (const v of vectors.suning) {
    it(v.name, () => {
      const parts = { ...v, body: Buffer.from(v.body, 'utf8') };
      expect(parts.body.toString('base64')).toBe(v.bodyBase64);
      expect(suningExpectedSignInfo(parts)).toBe(v.signInfo);
      expect(suningSignInfoValid(parts, v.signInfo)).toBe(true);
      expect(suningSignInfoValid({ ...parts, body: Buffer.from(`${v.body} `, 'utf8') }, v.signInfo)).toBe(false);
      expect(suningSignInfoValid({ ...parts, appRequestTime: '2026-11-23 14:05:10' }, v.signInfo)).toBe(false);
    });
  }
});

describe('Beijing request time', () => {
  it('reads yyyy-MM-dd HH:mm:ss as UTC+8', () => {
    expect(parseBeijingTime('2026-11-23 14:05:09')).toBe(Date.UTC(2026, 10, 23, 6, 5, 9));
    expect(parseBeijingTime('2026-01-01 00:00:00')).toBe(Date.UTC(2025, 11, 31, 16, 0, 0));
  });

  it('refuses other formats and impossible dates', () => {
    for (const t of ['2026-11-23T14:05:09', '2026/11/23 14:05:09', '2026-02-30 10:00:00', '2026-11-23 24:00:00', '1763880000', '']) {
      expect(parseBeijingTime(t)).toBeNull();
    }
  });

  it('formats back what it reads', () => {
    expect(formatBeijingTime(Date.UTC(2026, 10, 23, 16, 30, 0))).toBe('2026-11-24 00:30:00');
    expect(parseBeijingTime(formatBeijingTime(1763880000000))).toBe(1763880000000);
  });
});
