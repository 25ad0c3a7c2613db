// Unit tests (Node): cell rules for imported values.
import { describe, expect, it } from 'vitest';
import {
  cellDamage, cleanCell, codePoints, parseBillType, parseDate, parseStatus, unwrapExcelText,
} from '../../../../electron/services/import/cells';
import { cellText } from '../../../../electron/services/import/xlsx';

describe('Excel text wrappers and cleaning', () => {
  it('unwraps ="…" keeping leading zeros and doubled quotes', () => {
    expect(unwrapExcelText('="032001700211"')).toBe('032001700211');
    expect(unwrapExcelText('="a""b"')).toBe('a"b');
    expect(unwrapExcelText('=A1&"x"')).toBe('=A1&"x"');
    expect(cleanCell('  ="00012345" \u3000')).toBe('00012345');
    expect(cleanCell('\u00a0旗舰店 ')).toBe('旗舰店');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(codePoints('发票')).toBe(2);
    expect(codePoints('𠀀𠀀a')).toBe(3);
  });
});

describe('cellDamage', () => {
  it('flags formulas in any column and signs only in identifiers', () => {
    expect(cellDamage('=1+2', false)).toBe('formula');
    expect(cellDamage('@SUM(A1)', false)).toBe('formula');
    expect(cellDamage('-20.50', false)).toBeNull();
    expect(cellDamage('+86123', true)).toBe('formula');
    expect(cellDamage('-1', true)).toBe('formula');
  });

  it('flags scientific notation in identifiers and Excel error values anywhere', () => {
    expect(cellDamage('3.2281E+10', true)).toBe('scientific');
    expect(cellDamage('1e5', true)).toBe('scientific');
    expect(cellDamage('3.2281E+10', false)).toBeNull();
    expect(cellDamage('#N/A', false)).toBe('excel_error');
    expect(cellDamage('#value!', true)).toBe('excel_error');
    expect(cellDamage('032001700211', true)).toBeNull();
    expect(cellDamage('', true)).toBeNull();
  });
});

describe('dates, bill types, statuses', () => {
  it('normalises the date forms clerks use and refuses impossible dates', () => {
    expect(parseDate('2026-01-05')).toBe('2026-01-05');
    expect(parseDate('2026/1/5')).toBe('2026-01-05');
    expect(parseDate('2026.01.05 13:45:00')).toBe('2026-01-05');
    expect(parseDate('2026年1月5日')).toBe('2026-01-05');
    expect(parseDate('20260105')).toBe('2026-01-05');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2026-02-29')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('05/01/2026')).toBeNull();
    expect(parseDate('45678')).toBeNull();
  });

  it('defaults bill type to 01 and accepts Excel-stripped zeros', () => {
    expect(parseBillType('')).toBe('01');
    expect(parseBillType('3')).toBe('03');
    expect(parseBillType('04')).toBe('04');
    expect(parseBillType('05')).toBeNull();
  });

  it('defaults status to 80 and accepts the Chinese labels', () => {
    expect(parseStatus('')).toBe(80);
    expect(parseStatus('65')).toBe(65);
    expect(parseStatus('开票失败')).toBe(75);
    expect(parseStatus('70')).toBeNull();
  });
});

describe('XLSX cell text', () => {
  it('renders each exceljs value kind as the text the clerk sees', () => {
    expect(cellText('007')).toBe('007');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(32281000000)).toBe('32281000000');
    expect(cellText(new Date(Date.UTC(2026, 0, 5)))).toBe('2026-01-05');
    expect(cellText({ richText: [{ text: '甲' }, { text: '公司' }] })).toBe('甲公司');
    expect(cellText({ formula: 'A1', result: '0321' })).toBe('0321');
    expect(cellText({ formula: 'A1' } as never)).toBe('=A1');
    expect(cellText({ text: 'link', hyperlink: 'https://x.test' })).toBe('link');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');
  });
});
