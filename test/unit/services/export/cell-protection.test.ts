import { describe, expect, it } from 'vitest';
import { protectCell, unprotectCell } from '../../../../electron/services/export/cell-protection';

describe('protectCell', () => {
  it.each([
    ['032001700211', '="032001700211"'],
    ['24322000000012345678', '="24322000000012345678"'],
    ['30012345678', '="30012345678"'],
    ['08809370', '="08809370"'],
    ['88093702', '88093702'],
    ['0', '0'],
    ['123.45', '123.45'],
    ['0.50', '0.50'],
  ])('digits %j → %j', (input, out) => {
    expect(protectCell(input)).toBe(out);
  });

  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1', "'+1"],
    ['@SUM(1)', "'@SUM(1)"],
    ['-2+3', "'-2+3"],
    ['-1e3', "'-1e3"],
    ['-A1', "'-A1"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\n=1+1', "'\n=1+1"],
    ['＝1+1', "'＝1+1"],
    ['＠SUM(1)', "'＠SUM(1)"],
    ['-', "'-"],
  ])('formula %j → %j', (input, out) => {
    expect(protectCell(input)).toBe(out);
  });

  it.each(['-90.00', '-90', '-0.05'])('keeps the negative amount %j readable', (v) => {
    expect(protectCell(v)).toBe(v);
  });

  it.each(['', '上海某某公司', 'a=1', 'https://x/y?a=1', '1+1'])('leaves %j alone', (v) => {
    expect(protectCell(v)).toBe(v);
  });

  it.each(['032001700211', "=cmd|' /C calc'!A0", '+1', '-2+3', '-90.00', '普通', '88093702'])('unprotectCell undoes %j', (v) => {
    expect(unprotectCell(protectCell(v))).toBe(v);
  });
});
