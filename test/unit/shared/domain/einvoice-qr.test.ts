import { describe, expect, it } from 'vitest';
import { checkCodeLastSix, digitalNumberParts, parseInvoiceQr } from '../../../../shared/domain/einvoice-qr';

describe('parseInvoiceQr', () => {
  it('reads a 数电普票 payload: no code, 20-digit number, amount tax included', () => {
    const r = parseInvoiceQr('01,32,,24322000000012345678,48.90,20260602,,7014');
    expect(r).toEqual({
      ok: true,
      facts: {
        version: '01', type: '32', digital: true, invoiceCode: '', invoiceNum: '24322000000012345678',
        amountFen: 4890, amountMeaning: 'tax_included', invoiceDate: '2026-06-02', checkCode: '', checkField: '7014',
      },
    });
  });

  it('reads an electronic 普票 (12 + 8) payload: leading zeros kept, amount before tax, 校验码 kept', () => {
    const r = parseInvoiceQr('01,10,032001700211,00012345,1234.50,20250131,01234567890123456789,A1B2,');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.facts).toMatchObject({
      type: '10', digital: false, invoiceCode: '032001700211', invoiceNum: '00012345', amountFen: 123450,
      amountMeaning: 'tax_excluded', invoiceDate: '2025-01-31', checkCode: '01234567890123456789', checkField: 'A1B2',
    });
    expect(checkCodeLastSix(r.facts.checkCode)).toBe('456789');
  });

  it('reads a 专票 with a 10-digit code and no 校验码', () => {
    const r = parseInvoiceQr('01,01,3200191130,12345678,100,20240229,,ffff');
    expect(r.ok && r.facts).toMatchObject({ invoiceCode: '3200191130', amountFen: 10000, invoiceDate: '2024-02-29', checkCode: '' });
  });

  it('reads a red invoice amount with its sign', () => {
    const r = parseInvoiceQr('01,32,,24322000000012345679,-48.90,20260603,,7015');
    expect(r.ok && r.facts.amountFen).toBe(-4890);
  });

  it.each([
    ['', '至少应有 7 个'],
    ['02,32,,24322000000012345678,48.90,20260602,,7014', '版本'],
    ['01,99,,24322000000012345678,48.90,20260602,,7014', '未知的发票种类代码“99”'],
    ['01,32,032001700211,24322000000012345678,48.90,20260602,,7014', '数电票不应有发票代码'],
    ['01,32,,2432200000001234567,48.90,20260602,,7014', '20 位数字'],
    ['01,10,03200170021,00012345,1.00,20250131,,x', '10 或 12 位'],
    ['01,10,032001700211,0001234,1.00,20250131,,x', '8 位数字'],
    ['01,10,032001700211,00012345,1.005,20250131,,x', '金额'],
    ['01,10,032001700211,00012345,1.00,20250230,,x', '开票日期“20250230”'],
    ['01,10,032001700211,00012345,1.00,20250131,123,x', '校验码应为 20 位'],
    [`01,10,${'1'.repeat(600)}`, '内容过长'],
  ])('refuses %j with a reason naming the field', (payload, zh) => {
    const r = parseInvoiceQr(payload);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.zh).toContain(zh);
    expect(r.reason.en.length).toBeGreaterThan(10);
  });
});

describe('digitalNumberParts', () => {
  it('splits year and region of a 数电票 number, null for anything else', () => {
    expect(digitalNumberParts('24322000000012345678')).toEqual({ year2: '24', region: '32' });
    expect(digitalNumberParts('12345678')).toBeNull();
  });
});
