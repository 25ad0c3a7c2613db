// Unit: the row rules of electron/services/import/validate.ts for links and identifiers.
import { describe, expect, it } from 'vitest';
import { validateTable } from '../../../../electron/services/import/validate';
import { autoMapping } from '../../../../electron/services/import/mapping';
import type { RawTable } from '../../../../electron/services/import/table';

const HEADERS = ['发票编号', '订单号', '金额', '发票代码', '发票号码', '下载地址', '失败原因'];

function table(...rows: string[][]): RawTable {
  return { headers: HEADERS, headerRow: 1, rows: rows.map((cells, i) => ({ row: i + 2, cells })), blankRows: 0, broken: [] };
}

function run(...rows: string[][]) {
  return validateTable(table(...rows), autoMapping(HEADERS));
}

const row = (over: Partial<Record<'no' | 'order' | 'code' | 'num' | 'pdf' | 'info', string>> = {}): string[] => [
  over.no ?? 'WDT0001', over.order ?? '1001001', '10.00', over.code ?? '', over.num ?? '26322000000012345678', over.pdf ?? '', over.info ?? '',
];

describe('imported PDF links', () => {
  it('keeps https links and reads www.suning.com as https://www.suning.com', () => {
    const v = run(row({ pdf: 'https://fp.example.cn/a.pdf' }), row({ no: 'WDT0002', pdf: 'www.suning.com' }));
    expect(v.invalid).toEqual([]);
    expect(v.valid.map((r) => r.input.pdfUrl)).toEqual(['https://fp.example.cn/a.pdf', 'https://www.suning.com']);
  });

  it.each(['javascript:alert(1)', 'file:///C:/a.pdf', 'data:text/html,x', '\\\\server\\share\\a.pdf'])('refuses the row with the link %j, saying which row, column and why', (pdf) => {
    const v = run(row({ pdf }));
    expect(v.valid).toEqual([]);
    expect(v.invalid).toEqual([expect.objectContaining({ row: 2, column: '下载地址', value: pdf })]);
    expect(v.invalid[0]?.reason).toContain('下载地址');
    expect(v.invalid[0]?.reasonEn).toContain('PDF link');
  });
});

describe('imported identifiers', () => {
  it.each([
    ['no', '发票编号', 'WDT\u202E0001', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['order', '订单号', '1001\u200B001', 'U+200B ZERO WIDTH SPACE'],
    ['num', '发票号码', '2632200000\uFEFF0012345678', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ['code', '发票代码', '0320017\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
    ['num', '发票号码', '2632200000001234567\uD800', 'U+D800 LONE SURROGATE'],
  ] as const)('refuses a hidden character in %s (%s), naming it (case %#)', (key, column, value, label) => {
    const v = run(row({ [key]: value }));
    expect(v.valid).toEqual([]);
    expect(v.invalid).toHaveLength(1);
    expect(v.invalid[0]).toMatchObject({ row: 2, column });
    expect(v.invalid[0]?.reason).toContain(label);
    expect(v.invalid[0]?.reasonEn).toContain(label);
  });

  it('free text keeps what it holds but refuses a lone surrogate', () => {
    expect(run(row({ info: '税号错误 \u200F' })).invalid).toEqual([]);
    const v = run(row({ info: '税号错误\uDBFF' }));
    expect(v.invalid[0]).toMatchObject({ row: 2, column: '失败原因', reasonEn: expect.stringContaining('U+DBFF LONE SURROGATE') });
  });
});
