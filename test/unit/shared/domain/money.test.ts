import { describe, expect, it } from 'vitest';
import { formatFen, formatFenGrouped, parseYuanToFen } from '../../../../shared/domain/money';

describe('parseYuanToFen', () => {
  it.each([
    ['100', 10000], ['100.5', 10050], ['-90.00', -9000], ['0.01', 1], ['1,234.56', 123456], ['¥12', 1200],
    ['+3.1', 310], ['1.230', 123], ['-0', 0], ['007.10', 710], ['0.1', 10], ['19.99', 1999], ['5.', 500],
  ])('%s → %i fen', (text, fen) => {
    expect(parseYuanToFen(text)).toEqual({ ok: true, fen });
  });
  it.each(['', 'abc', '1.234', '1e3', '--1', '1.2.3', '12元', 'NaN', '99999999999999999999'])('refuses %j', (text) => {
    const r = parseYuanToFen(text);
    expect(r.ok).toBe(false);
  });
  it('avoids float error that 0.1+0.2 style parsing would make', () => {
    expect(parseYuanToFen('1.15')).toEqual({ ok: true, fen: 115 });
    expect(parseYuanToFen('4.35')).toEqual({ ok: true, fen: 435 });
  });
});

describe('formatFen', () => {
  it.each([[0, '0.00'], [1, '0.01'], [-9000, '-90.00'], [123456, '1234.56'], [-5, '-0.05']])('%i → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });
  it('groups thousands', () => {
    expect(formatFenGrouped(123456789)).toBe('1,234,567.89');
    expect(formatFenGrouped(-100000)).toBe('-1,000.00');
  });
  it('refuses non-integers', () => {
    expect(() => formatFen(1.5)).toThrow();
  });
});
