import { describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/api/contract';
import { validationError } from '../../../../shared/errors';

const input = contract['invoices:update'].input;

/** What every host answers for bad input: the contract's parse, as one bilingual validation AppError. */
function refusal(patch: Record<string, unknown>) {
  const r = input.safeParse({ id: 1, patch });
  if (r.success) throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`);
  return validationError(r.error);
}

describe('invoices:update input (the clerk editing an invoice)', () => {
  it.each(['javascript:alert(1)', 'file:///C:/Windows/win.ini', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:x'])('refuses the PDF link %j', (pdfUrl) => {
    const e = refusal({ pdfUrl });
    expect(e.code).toBe('validation');
    expect(e.messageZh).toContain('pdfUrl');
    expect(e.messageZh).toContain('只接受 http:// 或 https://');
    expect(e.messageEn).toContain('only http:// or https://');
  });

  it('reads www.suning.com as https://www.suning.com and keeps an https link and an empty one as they are', () => {
    expect(input.parse({ id: 1, patch: { pdfUrl: 'www.suning.com' } }).patch.pdfUrl).toBe('https://www.suning.com');
    expect(input.parse({ id: 1, patch: { pdfUrl: 'https://fp.example.cn/a.pdf' } }).patch.pdfUrl).toBe('https://fp.example.cn/a.pdf');
    expect(input.parse({ id: 1, patch: { pdfUrl: '' } }).patch.pdfUrl).toBe('');
  });

  it.each([
    ['invoiceNum', '8809\u202E3702', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['invoiceNum', '8809\u200B3702', 'U+200B ZERO WIDTH SPACE'],
    ['invoiceCode', '0320017\uFEFF00211', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ['invoiceNum', '8809370\uD800', 'U+D800 LONE SURROGATE'],
  ])('refuses a hidden character in %s (case %#), naming it in both languages', (field, value, label) => {
    const e = refusal({ [field]: value });
    expect(e.messageZh).toContain(label);
    expect(e.messageEn).toContain(label);
    expect(e.messageZh).toContain(field);
  });

  it('errorInfo is free text: a lone surrogate is refused, anything else kept', () => {
    expect(input.parse({ id: 1, patch: { errorInfo: '税号错误 \u200F' } }).patch.errorInfo).toBe('税号错误 \u200F');
    expect(refusal({ errorInfo: '税号错误\uDBFF' }).messageEn).toContain('U+DBFF LONE SURROGATE');
  });

  it('counts the 1024-character limit on the link as stored', () => {
    const base = 'https://fp.example.cn/';
    expect(input.safeParse({ id: 1, patch: { pdfUrl: base + 'a'.repeat(1024 - base.length) } }).success).toBe(true);
    expect(input.safeParse({ id: 1, patch: { pdfUrl: base + 'a'.repeat(1025 - base.length) } }).success).toBe(false);
  });
});
