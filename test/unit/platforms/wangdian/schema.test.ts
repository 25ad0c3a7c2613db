import { describe, expect, it } from 'vitest';
import { codePoints, wangdianResponseSchema, wangdianUpdateRequestSchema } from '../../../../shared/domain/wangdian';

const ok = { invoice_no: 'DZ202111180004', invoice_no_out: '88093702', invoice_code: '032001700211' };

function issues(input: unknown): Array<{ path: string; message: string }> {
  const r = wangdianUpdateRequestSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('wangdianUpdateRequestSchema', () => {
  it('defaults status to 80 and invoice_code to empty', () => {
    expect(wangdianUpdateRequestSchema.parse({ invoice_no: 'A', invoice_no_out: '1' })).toEqual({ invoice_no: 'A', invoice_no_out: '1', status: 80, invoice_code: '' });
  });

  it('accepts status as number or numeric string and refuses other values with a bilingual message', () => {
    expect(wangdianUpdateRequestSchema.parse({ ...ok, status: '80' }).status).toBe(80);
    expect(wangdianUpdateRequestSchema.parse({ ...ok, status: 75, error_info: '税号错误' }).status).toBe(75);
    expect(wangdianUpdateRequestSchema.parse({ ...ok, status: ' 65 ', error_info: 'x' }).status).toBe(65);
    const bad = issues({ ...ok, status: 70 });
    expect(bad).toHaveLength(1);
    expect(bad[0]?.path).toBe('status');
    expect(bad[0]?.message).toContain('65');
    expect(bad[0]?.message).toContain('must be');
    expect(issues({ ...ok, status: 'eighty' })[0]?.path).toBe('status');
  });

  it('counts lengths in code points: 20 four-byte characters fit invoice_no, 21 do not', () => {
    const twenty = '𠀋'.repeat(20);
    expect(twenty.length).toBe(40);
    expect(codePoints(twenty)).toBe(20);
    expect(issues({ ...ok, invoice_no: twenty })).toEqual([]);
    const over = issues({ ...ok, invoice_no: '𠀋'.repeat(21) });
    expect(over).toHaveLength(1);
    expect(over[0]?.path).toBe('invoice_no');
    expect(over[0]?.message).toContain('最长 20 个字符，实际 21 个');
    expect(over[0]?.message).toContain('at most 20 characters, got 21');
  });

  it.each([
    ['invoice_no_out', 40],
    ['invoice_code', 20],
    ['error_info', 255],
  ])('%s allows %i characters and no more', (field, max) => {
    expect(issues({ ...ok, [field]: '票'.repeat(max) })).toEqual([]);
    const over = issues({ ...ok, [field]: '票'.repeat(max + 1) });
    expect(over.map((i) => i.path)).toEqual([field]);
  });

  it('file_path (a web link) allows 1024 characters and no more', () => {
    const base = 'https://fp.example.cn/';
    expect(issues({ ...ok, file_path: base + '票'.repeat(1024 - base.length) })).toEqual([]);
    const over = issues({ ...ok, file_path: base + '票'.repeat(1025 - base.length) });
    expect(over.map((i) => i.path)).toEqual(['file_path']);
    expect(over[0]?.message).toContain('at most 1024 characters, got 1025');
  });

  it('requires a non-empty invoice_no', () => {
    expect(issues({ ...ok, invoice_no: '' }).map((i) => i.path)).toEqual(['invoice_no']);
    expect(issues({ ...ok, invoice_no: '   ' }).map((i) => i.path)).toEqual(['invoice_no']);
    expect(issues({ invoice_no_out: '1' }).map((i) => i.path)).toEqual(['invoice_no']);
  });

  it('requires invoice_no_out when status is 80, not when 65/75', () => {
    const missing = issues({ invoice_no: 'A', status: 80 });
    expect(missing).toHaveLength(1);
    expect(missing[0]?.path).toBe('invoice_no_out');
    expect(missing[0]?.message).toContain('status 为 80');
    expect(missing[0]?.message).toContain('required when status is 80');
    expect(issues({ invoice_no: 'A', invoice_no_out: '  ' }).map((i) => i.path)).toEqual(['invoice_no_out']);
    expect(issues({ invoice_no: 'A', status: 65, error_info: '开票申请被拒' })).toEqual([]);
  });

  it('requires error_info when status is 65 or 75', () => {
    for (const status of [65, 75]) {
      const r = issues({ invoice_no: 'A', status });
      expect(r.map((i) => i.path)).toEqual(['error_info']);
      expect(r[0]?.message).toContain(`status 为 ${status}`);
    }
    expect(issues({ ...ok, status: 80 })).toEqual([]);
  });

  it('accepts an empty invoice_code (数电票 have none) and refuses unknown fields', () => {
    expect(issues({ invoice_no: 'A', invoice_no_out: '24322000000012345678', invoice_code: '' })).toEqual([]);
    expect(issues({ ...ok, trade_no: 'x' }).length).toBe(1);
  });
});

describe('wangdianUpdateRequestSchema: web links and hidden characters', () => {
  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'JAVASCRIPT:void(0)'])('refuses file_path %j before anything is sent', (file_path) => {
    const r = issues({ ...ok, file_path });
    expect(r.map((i) => i.path)).toEqual(['file_path']);
    expect(r[0]?.message).toContain('only http:// or https://');
  });

  it('reads the scheme-less www.suning.com as https://www.suning.com', () => {
    expect(wangdianUpdateRequestSchema.parse({ ...ok, file_path: 'www.suning.com' }).file_path).toBe('https://www.suning.com');
    expect(wangdianUpdateRequestSchema.parse({ ...ok, file_path: 'https://fp.example.cn/a.pdf' }).file_path).toBe('https://fp.example.cn/a.pdf');
  });

  it.each([
    ['invoice_no', 'DZ2021\u202E11180004', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['invoice_no_out', '8809\u200B3702', 'U+200B ZERO WIDTH SPACE'],
    ['invoice_code', '0320017\uFEFF00211', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ['invoice_no_out', '8809370\uD800', 'U+D800 LONE SURROGATE'],
  ])('refuses %s with a hidden character, naming %s', (field, value, label) => {
    const r = issues({ ...ok, [field]: value });
    expect(r.map((i) => i.path)).toEqual([field]);
    expect(r[0]?.message).toContain(label);
  });

  it('error_info is free text: bidi marks pass, a lone surrogate does not', () => {
    expect(issues({ ...ok, status: 75, error_info: '税号错误 \u200F' })).toEqual([]);
    const r = issues({ ...ok, status: 75, error_info: '税号错误\uDBFF' });
    expect(r.map((i) => i.path)).toEqual(['error_info']);
    expect(r[0]?.message).toContain('U+DBFF LONE SURROGATE');
  });
});

describe('wangdianResponseSchema', () => {
  it.each(['00', ' 0 ', '0 ', '-0', '+0', '000'])('code %j is not success: only exactly 0 or "0" is', (code) => {
    const r = wangdianResponseSchema.safeParse({ code, message: 'OK' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.message).toContain('exactly 0');
  });

  it('takes code as number or string', () => {
    expect(wangdianResponseSchema.parse({ code: '0', message: 'OK' })).toEqual({ code: 0, message: 'OK' });
    expect(wangdianResponseSchema.parse({ code: 30000, message: '发票编号在系统中不存在' })).toEqual({ code: 30000, message: '发票编号在系统中不存在' });
    expect(wangdianResponseSchema.parse({ code: ' 1020 ' })).toEqual({ code: 1020, message: '' });
  });
  it('refuses a missing or non-integer code', () => {
    expect(wangdianResponseSchema.safeParse({ message: 'OK' }).success).toBe(false);
    expect(wangdianResponseSchema.safeParse({ code: 'OK' }).success).toBe(false);
    expect(wangdianResponseSchema.safeParse({ code: 1.5 }).success).toBe(false);
    expect(wangdianResponseSchema.safeParse([]).success).toBe(false);
  });
});
