// Runs everywhere. Characters an identifier (发票号码, 发票代码, 订单号, 单号…) must never carry: invisible and
// bidirectional controls make what the clerk sees differ from what is stored and sent (a U+202E turns
// "1234" on screen into something else in the ERP), and a lone surrogate is half a character that every
// UTF-8 encoder silently turns into U+FFFD. Refused with the character named, never cleaned away quietly.
import type { z } from 'zod';
import type { Bilingual } from '../errors';

export interface UnsafeChar {
  /** 1-based position in code points, as the clerk counts characters. */
  readonly position: number;
  readonly codePoint: number;
  /** e.g. "U+202E RIGHT-TO-LEFT OVERRIDE". */
  readonly label: string;
  readonly kind: 'bidi' | 'invisible' | 'control' | 'surrogate';
}

/** Unicode names of the characters seen in practice; others get their category's name. */
const NAMES: ReadonlyMap<number, readonly [string, UnsafeChar['kind']]> = new Map([
  [0x00ad, ['SOFT HYPHEN', 'invisible']],
  [0x034f, ['COMBINING GRAPHEME JOINER', 'invisible']],
  [0x061c, ['ARABIC LETTER MARK', 'bidi']],
  [0x115f, ['HANGUL CHOSEONG FILLER', 'invisible']],
  [0x1160, ['HANGUL JUNGSEONG FILLER', 'invisible']],
  [0x180e, ['MONGOLIAN VOWEL SEPARATOR', 'invisible']],
  [0x200b, ['ZERO WIDTH SPACE', 'invisible']],
  [0x200c, ['ZERO WIDTH NON-JOINER', 'invisible']],
  [0x200d, ['ZERO WIDTH JOINER', 'invisible']],
  [0x200e, ['LEFT-TO-RIGHT MARK', 'bidi']],
  [0x200f, ['RIGHT-TO-LEFT MARK', 'bidi']],
  [0x2028, ['LINE SEPARATOR', 'control']],
  [0x2029, ['PARAGRAPH SEPARATOR', 'control']],
  [0x202a, ['LEFT-TO-RIGHT EMBEDDING', 'bidi']],
  [0x202b, ['RIGHT-TO-LEFT EMBEDDING', 'bidi']],
  [0x202c, ['POP DIRECTIONAL FORMATTING', 'bidi']],
  [0x202d, ['LEFT-TO-RIGHT OVERRIDE', 'bidi']],
  [0x202e, ['RIGHT-TO-LEFT OVERRIDE', 'bidi']],
  [0x2060, ['WORD JOINER', 'invisible']],
  [0x2061, ['FUNCTION APPLICATION', 'invisible']],
  [0x2062, ['INVISIBLE TIMES', 'invisible']],
  [0x2063, ['INVISIBLE SEPARATOR', 'invisible']],
  [0x2064, ['INVISIBLE PLUS', 'invisible']],
  [0x2066, ['LEFT-TO-RIGHT ISOLATE', 'bidi']],
  [0x2067, ['RIGHT-TO-LEFT ISOLATE', 'bidi']],
  [0x2068, ['FIRST STRONG ISOLATE', 'bidi']],
  [0x2069, ['POP DIRECTIONAL ISOLATE', 'bidi']],
  [0x3164, ['HANGUL FILLER', 'invisible']],
  [0xfeff, ['ZERO WIDTH NO-BREAK SPACE', 'invisible']],
  [0xffa0, ['HALFWIDTH HANGUL FILLER', 'invisible']],
  [0x0000, ['NULL', 'control']],
  [0x0009, ['CHARACTER TABULATION', 'control']],
  [0x000a, ['LINE FEED', 'control']],
  [0x000d, ['CARRIAGE RETURN', 'control']],
  [0x007f, ['DELETE', 'control']],
]);

/**
 * Controls (Cc), format characters (Cf: zero-width, bidi, tags…), line/paragraph separators, lone surrogates
 * and Unicode's default-ignorable code points (variation selectors, Hangul fillers, soft hyphen…: what renders
 * as nothing). One test per value: the common clean case costs a single scan.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;
const LONE_SURROGATE = /\p{Cs}/u;

function hex(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function describeCodePoint(cp: number): { name: string; kind: UnsafeChar['kind'] } {
  const known = NAMES.get(cp);
  if (known) return { name: known[0], kind: known[1] };
  if (cp >= 0xd800 && cp <= 0xdfff) return { name: 'LONE SURROGATE', kind: 'surrogate' };
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)) return { name: '<control>', kind: 'control' };
  if (cp >= 0xfe00 && cp <= 0xfe0f) return { name: `VARIATION SELECTOR-${cp - 0xfe00 + 1}`, kind: 'invisible' };
  if (cp >= 0xe0100 && cp <= 0xe01ef) return { name: `VARIATION SELECTOR-${cp - 0xe0100 + 17}`, kind: 'invisible' };
  if (cp >= 0xe0000 && cp <= 0xe007f) return { name: 'TAG CHARACTER', kind: 'invisible' };
  return { name: 'FORMAT CHARACTER', kind: 'invisible' };
}

function findFirst(value: string, re: RegExp): UnsafeChar | null {
  if (!re.test(value)) return null;
  let position = 0;
  // for…of walks code points; a lone surrogate comes out as a one-unit string.
  for (const ch of value) {
    position++;
    if (re.test(ch)) {
      const codePoint = ch.codePointAt(0) ?? 0;
      const { name, kind } = describeCodePoint(codePoint);
      return { position, codePoint, label: `${hex(codePoint)} ${name}`, kind };
    }
  }
  return null;
}

/** The first character an identifier must not contain, or null when it is clean. */
export function findUnsafeIdentifierChar(value: string): UnsafeChar | null {
  return findFirst(value, UNSAFE);
}

/** The first lone surrogate of any text (free text such as 失败原因 may hold anything else), or null. */
export function findLoneSurrogate(value: string): UnsafeChar | null {
  return findFirst(value, LONE_SURROGATE);
}

const KIND_TEXT: Readonly<Record<UnsafeChar['kind'], Bilingual>> = {
  bidi: { zh: '双向文字控制符，会让显示的内容与实际内容不同', en: 'a bidirectional control that makes what is shown differ from what is stored' },
  invisible: { zh: '不可见字符', en: 'an invisible character' },
  control: { zh: '控制字符', en: 'a control character' },
  surrogate: { zh: '孤立的代理项（半个字符，文本已损坏）', en: 'a lone surrogate (half a character; the text is damaged)' },
};

/** "发票号码第 5 个字符是 U+202E RIGHT-TO-LEFT OVERRIDE（…），不能接受" and its English twin. */
export function describeUnsafeChar(field: Bilingual, bad: UnsafeChar): Bilingual {
  const k = KIND_TEXT[bad.kind];
  return {
    zh: `${field.zh}第 ${bad.position} 个字符是 ${bad.label}（${k.zh}），不能接受；请删除该字符后重新输入`,
    en: `${field.en} has ${bad.label} at character ${bad.position} (${k.en}); it is refused, remove it and enter the value again`,
  };
}

/** The problem with an identifier, or null. */
export function identifierProblem(field: Bilingual, value: string): Bilingual | null {
  const bad = findUnsafeIdentifierChar(value);
  return bad === null ? null : describeUnsafeChar(field, bad);
}

/** The problem with free text (only lone surrogates are refused), or null. */
export function freeTextProblem(field: Bilingual, value: string): Bilingual | null {
  const bad = findLoneSurrogate(value);
  return bad === null ? null : describeUnsafeChar(field, bad);
}

/** zod superRefine callbacks for the two rules; zod messages are one "zh / en" string. */
export function identifierCheck(label: Bilingual) {
  return (s: string, ctx: z.RefinementCtx): void => {
    const p = identifierProblem(label, s);
    if (p) ctx.addIssue({ code: 'custom', message: `${p.zh} / ${p.en}` });
  };
}

export function freeTextCheck(label: Bilingual) {
  return (s: string, ctx: z.RefinementCtx): void => {
    const p = freeTextProblem(label, s);
    if (p) ctx.addIssue({ code: 'custom', message: `${p.zh} / ${p.en}` });
  };
}
