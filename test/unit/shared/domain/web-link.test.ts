import { describe, expect, it } from 'vitest';
import { readWebLink, webLinkProblem } from '../../../../shared/domain/web-link';

describe('readWebLink: links to invoice files are web links only', () => {
  it.each([
    ['https://fp.example.cn/a.pdf', 'https://fp.example.cn/a.pdf'],
    ['http://fp.example.cn:8080/a.pdf?id=9f8e&sig=a%2Bb==&name=发票.pdf', 'http://fp.example.cn:8080/a.pdf?id=9f8e&sig=a%2Bb==&name=发票.pdf'],
    ['HTTPS://FP.EXAMPLE.CN/A.PDF', 'HTTPS://FP.EXAMPLE.CN/A.PDF'],
    ['  https://fp.example.cn/a.pdf  ', 'https://fp.example.cn/a.pdf'],
    ['', ''],
    ['   ', ''],
  ])('keeps %j as %j', (raw, url) => {
    expect(readWebLink(raw)).toEqual({ ok: true, url });
  });

  it.each([
    // Suning's own sample answer carries `invoicePdfUrl: www.suning.com`.
    ['www.suning.com', 'https://www.suning.com'],
    ['www.suning.com/发票/a.pdf?x=1', 'https://www.suning.com/发票/a.pdf?x=1'],
    ['fp.example.cn:8443/a.pdf', 'https://fp.example.cn:8443/a.pdf'],
    ['//fp.example.cn/a.pdf', 'https://fp.example.cn/a.pdf'],
  ])('reads the scheme-less host link %j as %j', (raw, url) => {
    expect(readWebLink(raw)).toEqual({ ok: true, url });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'file:///C:/Windows/win.ini',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'smb://server/share/a.pdf',
    'mailto:a@example.cn',
    'ms-excel:ofe|u|https://x.cn/a.xlsx',
  ])('refuses the non-web link %j, naming its scheme', (raw) => {
    const r = readWebLink(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.zh).toContain('只接受 http:// 或 https://');
    expect(r.reason.en).toContain('only http:// or https://');
    expect(r.reason.en).toContain(`"${raw.trim().split(':')[0]}:"`);
  });

  it.each([
    ['java\tscript:alert(1)', 'U+0009 CHARACTER TABULATION'],
    ['https://fp.example.cn/\u202Efdp.exe', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['https://fp.example.cn/a\u200B.pdf', 'U+200B ZERO WIDTH SPACE'],
    ['https://fp.example.cn/\uD800.pdf', 'U+D800 LONE SURROGATE'],
  ])('refuses %j, naming %s', (raw, label) => {
    const r = readWebLink(raw);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) {
      expect(r.reason.zh).toContain(label);
      expect(r.reason.en).toContain(label);
    }
  });

  it.each([
    'https://user:pass@fp.example.cn/a.pdf',
    'https:///fp.example.cn',
    'https://',
    'C:\\发票\\a.pdf',
    '\\\\server\\share\\a.pdf',
    'https://fp.example.cn/a b.pdf',
    'https://fp.example.cn/"onmouseover="x',
    'not a url',
    '无',
    'abc',
    '192.168.1.1/a.pdf',
  ])('refuses %j', (raw) => {
    expect(readWebLink(raw).ok).toBe(false);
  });

  it('names the field in webLinkProblem', () => {
    expect(webLinkProblem({ zh: 'PDF链接', en: 'PDF link' }, 'javascript:alert(1)')).toMatchObject({
      zh: expect.stringMatching(/^PDF链接：/),
      en: expect.stringMatching(/^PDF link: /),
    });
    expect(webLinkProblem({ zh: 'PDF链接', en: 'PDF link' }, 'www.suning.com')).toBeNull();
  });
});
