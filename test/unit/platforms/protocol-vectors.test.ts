import { describe, expect, it } from 'vitest';
import vectors from '../../fixtures/protocol-vectors.json';
import { packWangdianParams, signWangdianParams } from '../../../electron/platforms/wangdian/sign';
import { formatSuningTime, parseSuningTime, signSuning, suningBodyBase64 } from '../../../electron/platforms/suning/sign';

describe('Wangdiantong signing reproduces the independent vectors', () => {
  for (const v of vectors.wangdian) {
    it(v.name, () => {
      const params = Object.fromEntries(Object.entries(v.params).filter((e): e is [string, string] => typeof e[1] === 'string'));
      expect(Object.keys(params)).toHaveLength(Object.keys(v.params).length);
      expect(packWangdianParams(params)).toBe(v.packed);
      expect(signWangdianParams(params, v.appsecret)).toBe(v.sign);
    });
  }

  it('ignores an existing sign param and counts code points, not UTF-16 units', () => {
    const params = { a: '𠀋', sign: 'zzz' };
    expect(packWangdianParams(params)).toBe('01-a:0001-𠀋');
  });

  it('widens the value length past four digits', () => {
    expect(packWangdianParams({ k: 'x'.repeat(12345) })).toBe(`01-k:12345-${'x'.repeat(12345)}`);
  });
});

describe('Suning signInfo reproduces the independent vectors', () => {
  it('uses obviously fake credentials and says how the expected values were computed', () => {
    for (const v of vectors.suning) {
      expect(v.appKey).toMatch(/^FAKE-.*not-real$/);
      expect(v.appSecret).toMatch(/^FAKE-.*not-real$/);
    }
    expect(vectors.note.suning).toContain('python3');
  });

  for (const v of vectors.suning) {
    it(v.name, () => {
      expect(suningBodyBase64(v.body)).toBe(v.bodyBase64);
      expect(signSuning(v)).toBe(v.signInfo);
      expect(signSuning({ ...v, body: Buffer.from(v.body, 'utf8') })).toBe(v.signInfo);
    });
  }
});

describe('Suning request time is Beijing time', () => {
  it('formats an instant in Asia/Shanghai', () => {
    expect(formatSuningTime(Date.UTC(2026, 10, 23, 6, 5, 9))).toBe('2026-11-23 14:05:09');
    expect(formatSuningTime(Date.UTC(2026, 11, 31, 16, 0, 0))).toBe('2027-01-01 00:00:00');
  });
  it('parses back and rejects other formats', () => {
    expect(parseSuningTime('2026-11-23 14:05:09')).toBe(Date.UTC(2026, 10, 23, 6, 5, 9));
    expect(parseSuningTime('2026/11/23 14:05:09')).toBeNaN();
  });
});
