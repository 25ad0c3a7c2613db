// The split choice's join rule (electron/services/exceptions.ts): numbers joined with ',' and counted in
// characters as Wangdiantong counts them, against the 40-character invoice_no_out limit.
import { describe, expect, it } from 'vitest';
import { INVOICE_NO_OUT_MAX, joinedNumbers } from '../../../electron/services/exceptions';

describe('joinedNumbers', () => {
  it('joins with a comma and fits when at most 40 characters', () => {
    expect(joinedNumbers(['88093702', '88093705'])).toEqual({ value: '88093702,88093705', length: 17, fits: true });
    const four = ['11111111', '22222222', '33333333', '4444444'];
    expect(joinedNumbers(four)).toMatchObject({ length: 34, fits: true });
  });
  it('does not fit one character over the limit (two 20-digit 数电票 numbers are 41)', () => {
    const j = joinedNumbers(['24322000000012345678', '24322000000012345679']);
    expect(INVOICE_NO_OUT_MAX).toBe(40);
    expect(j).toMatchObject({ length: 41, fits: false });
  });
});
