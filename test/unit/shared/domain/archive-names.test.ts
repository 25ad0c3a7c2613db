// Unit test (pure): file names inside the archive ZIP (shared/domain/archive-names.ts).
import { describe, expect, it } from 'vitest';
import { createNameDeduper, DEFAULT_ZIP_NAME_TEMPLATE, renderZipName, safeFileName, zipTemplateProblem, type ZipNameValues } from '../../../../shared/domain/archive-names';

const values: ZipNameValues = { 开票日期: '2026-01-02', 发票号码: '26322000000012345678', 发票代码: '', 价税合计: '100.50', 订单号: 'O1', 发票编号: 'F1', 店铺: 'A/B店', 蓝红: '蓝票' };

describe('zip names', () => {
  it('fills the default template', () => {
    expect(zipTemplateProblem(DEFAULT_ZIP_NAME_TEMPLATE)).toBeNull();
    expect(renderZipName(DEFAULT_ZIP_NAME_TEMPLATE, values)).toBe('2026-01-02_26322000000012345678_100.50.pdf');
  });

  it.each([
    ['{发票号}.pdf', '{发票号}'],
    ['{开票日期}_{amount}.pdf', '{amount}'],
  ])('names the unknown placeholder of %s', (t, bad) => {
    const p = zipTemplateProblem(t);
    expect(p?.zh).toContain(bad);
    expect(p?.en).toContain(bad);
  });

  it('refuses empty, constant and unbalanced templates', () => {
    expect(zipTemplateProblem('')).not.toBeNull();
    expect(zipTemplateProblem('all.pdf')?.en).toMatch(/at least one placeholder/);
    expect(zipTemplateProblem('{发票号码.pdf')?.en).toMatch(/unmatched brace/);
  });

  it.each([
    ['a<b>c:d"e/f\\g|h?i*j.pdf', 'a_b_c_d_e_f_g_h_i_j.pdf'],
    ['tab\tnew\nline\u0000.pdf', 'tab_new_line_.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['nul', '_nul'],
    ['com1.txt', '_com1.txt'],
    ['name. . ', 'name'],
    ['', '_'],
    ['发票\ud800.pdf', '发票_.pdf'],
    ['😀.pdf', '😀.pdf'],
  ])('makes %j safe: %j', (raw, safe) => {
    expect(safeFileName(raw)).toBe(safe);
  });

  it('replaces a slash from a value, so a value cannot make a folder', () => {
    expect(renderZipName('{店铺}_{发票号码}.pdf', values)).toBe('A_B店_26322000000012345678.pdf');
  });

  it('numbers duplicates, ignoring case', () => {
    const d = createNameDeduper();
    expect([d('a.pdf'), d('A.pdf'), d('a.pdf'), d('b.pdf')]).toEqual(['a.pdf', 'A (2).pdf', 'a (3).pdf', 'b.pdf']);
  });
});
