import { describe, expect, it } from 'vitest';
import { findLoneSurrogate, findUnsafeIdentifierChar, freeTextProblem, identifierProblem } from '../../../../shared/domain/safe-text';

const FIELD = { zh: '发票号码', en: 'invoice number' };

describe('identifiers refuse invisible, bidi and control characters, naming them', () => {
  it.each([
    ['0041\u200B2345', 5, 'U+200B ZERO WIDTH SPACE', 'invisible'],
    ['1234\u202E5678', 5, 'U+202E RIGHT-TO-LEFT OVERRIDE', 'bidi'],
    ['12\uFEFF34', 3, 'U+FEFF ZERO WIDTH NO-BREAK SPACE', 'invisible'],
    ['12\u2066345\u2069', 3, 'U+2066 LEFT-TO-RIGHT ISOLATE', 'bidi'],
    ['12\u200F3', 3, 'U+200F RIGHT-TO-LEFT MARK', 'bidi'],
    ['12\u00AD3', 3, 'U+00AD SOFT HYPHEN', 'invisible'],
    ['12\u20603', 3, 'U+2060 WORD JOINER', 'invisible'],
    ['1\t2', 2, 'U+0009 CHARACTER TABULATION', 'control'],
    ['1\u00852', 2, 'U+0085 <control>', 'control'],
    ['1\uFE0F2', 2, 'U+FE0F VARIATION SELECTOR-16', 'invisible'],
    ['1\u{E0041}2', 2, 'U+E0041 TAG CHARACTER', 'invisible'],
    ['𠀋\u3164', 2, 'U+3164 HANGUL FILLER', 'invisible'],
  ])('%j: character %i is %s', (value, position, label, kind) => {
    expect(findUnsafeIdentifierChar(value)).toEqual({ position, codePoint: expect.any(Number), label, kind });
    const p = identifierProblem(FIELD, value);
    expect(p?.zh).toContain(`发票号码第 ${position} 个字符是 ${label}`);
    expect(p?.en).toContain(`invoice number has ${label} at character ${position}`);
  });

  it('refuses a lone surrogate (high or low) instead of letting UTF-8 turn it into U+FFFD', () => {
    expect(findUnsafeIdentifierChar('12\uD800')).toMatchObject({ position: 3, label: 'U+D800 LONE SURROGATE', kind: 'surrogate' });
    expect(findUnsafeIdentifierChar('\uDC0012')).toMatchObject({ position: 1, label: 'U+DC00 LONE SURROGATE' });
    expect(identifierProblem(FIELD, '12\uD800')?.zh).toContain('孤立的代理项');
  });

  it('accepts ordinary identifiers, Chinese text and 4-byte characters', () => {
    for (const v of ['', '24322000000012345678', 'DZ202111180004', '苏宁-旗舰店 01', '𠀋𠀋', '032001700211']) {
      expect(findUnsafeIdentifierChar(v)).toBeNull();
    }
  });
});

describe('free text refuses only lone surrogates', () => {
  it('keeps tabs, bidi marks and emoji sequences in free text', () => {
    expect(freeTextProblem({ zh: '失败原因', en: 'failure reason' }, '税号\t错误 \u200F 👍🏽 𠀋')).toBeNull();
  });
  it('refuses a lone surrogate with its position', () => {
    expect(findLoneSurrogate('税号错误\uDBFF')).toMatchObject({ position: 5, label: 'U+DBFF LONE SURROGATE' });
    expect(freeTextProblem({ zh: '失败原因', en: 'failure reason' }, 'x\uD83D')?.en).toContain('failure reason has U+D83D LONE SURROGATE at character 2');
  });
});
