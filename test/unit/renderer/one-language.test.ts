// Unit: a "中文 / English" schema message shown in one language only.
import { describe, expect, it } from 'vitest';
import { oneLanguage } from '../../../renderer/i18n/one-language';

describe('oneLanguage', () => {
  it('keeps the half of the clerk language', () => {
    const m = '开始日期不能晚于结束日期 / The start date is after the end date';
    expect(oneLanguage(m, 'zh-CN')).toBe('开始日期不能晚于结束日期');
    expect(oneLanguage(m, 'en-US')).toBe('The start date is after the end date');
  });
  it('leaves a one-language message alone', () => {
    expect(oneLanguage('Too small: expected >= 1', 'zh-CN')).toBe('Too small: expected >= 1');
    expect(oneLanguage('日期不存在', 'en-US')).toBe('日期不存在');
  });
});
