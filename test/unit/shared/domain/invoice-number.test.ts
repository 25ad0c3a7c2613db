import { describe, expect, it } from 'vitest';
import { classifyInvoice, describeInvoiceProblems, normalizeDigits } from '../../../../shared/domain/invoice-number';

describe('normalizeDigits', () => {
  it.each([
    ['  032001700211 ', '032001700211'],
    ['０３２００１７００２１１', '032001700211'],
    ['８８０９３７０２\t', '88093702'],
    ['', ''],
    ['ab１', 'ab1'],
  ])('%j → %j', (input, out) => {
    expect(normalizeDigits(input)).toBe(out);
  });
});

describe('classifyInvoice accepts', () => {
  it.each([
    ['032001700211', '88093702', 'electronic_normal'],
    ['044031900111', '12345678', 'electronic_normal'],
    ['044031900104', '12345678', 'paper_normal'],
    ['044031900105', '12345678', 'paper_normal'],
    ['044031900106', '12345678', 'paper_normal'],
    ['044031900112', '12345678', 'other_12'],
    ['144031900117', '12345678', 'other_12'],
    ['4403194130', '00123456', 'vat_special'],
    ['', '24322000000012345678', 'digital'],
    ['０３２００１７００２１１', ' ８８０９３７０２ ', 'electronic_normal'],
  ] as const)('code %j + number %j → %s', (code, num, kind) => {
    expect(classifyInvoice(code, num)).toEqual({ ok: true, kind });
  });
});

describe('classifyInvoice explains', () => {
  const problems = (code: string, num: string) => {
    const r = classifyInvoice(code, num);
    if (r.ok) throw new Error(`expected problems for ${code}/${num}, got ${r.kind}`);
    return r.problems;
  };

  it('a 7-digit number with a code', () => {
    expect(problems('032001700211', '8809370')).toEqual([{
      field: 'invoiceNum',
      zh: '发票号码应为8位数字（有发票代码时）或20位数电票号码，实际为7位',
      en: 'The invoice number must be 8 digits (with an invoice code) or a 20-digit fully digital number, but it has 7',
    }]);
  });

  it('non-digits, pointing at the character', () => {
    const p = problems('032001700211', '8809-702');
    expect(p).toHaveLength(1);
    expect(p[0]?.field).toBe('invoiceNum');
    expect(p[0]?.zh).toBe('发票号码只能包含数字，第5个字符为“-”');
    expect(p[0]?.en).toContain('character 5 is "-"');
  });

  it('a code given with a 20-digit number', () => {
    const p = problems('032001700211', '24322000000012345678');
    expect(p).toEqual([expect.objectContaining({ field: 'invoiceCode' })]);
    expect(p[0]?.zh).toContain('20位数电票号码不应有发票代码');
    expect(p[0]?.zh).toContain('032001700211');
    expect(p[0]?.en).toContain('takes no invoice code');
  });

  it('an empty code with an 8-digit number (empty is valid only for 数电票)', () => {
    const p = problems('', '88093702');
    expect(p).toEqual([expect.objectContaining({ field: 'invoiceCode' })]);
    expect(p[0]?.zh).toContain('实际发票代码为空');
    expect(p[0]?.en).toContain('the code is empty');
  });

  it('a code of the wrong length', () => {
    const p = problems('03200170021', '88093702');
    expect(p).toEqual([expect.objectContaining({ field: 'invoiceCode' })]);
    expect(p[0]?.zh).toContain('实际为11位');
    expect(p[0]?.en).toContain('it has 11');
  });

  it('an empty number', () => {
    const p = problems('032001700211', '');
    expect(p.map((x) => x.field)).toEqual(['invoiceNum']);
    expect(p[0]?.zh).toBe('发票号码为空');
  });

  it('both fields at once', () => {
    const p = problems('03A001700211', '123');
    expect(p.map((x) => x.field).sort()).toEqual(['invoiceCode', 'invoiceNum']);
    expect(describeInvoiceProblems(p).zh).toContain('；');
  });

  it('a wrong-length code beside a wrong-length number reports both', () => {
    const p = problems('123', '123456789');
    expect(p.map((x) => x.field).sort()).toEqual(['invoiceCode', 'invoiceNum']);
  });
});
