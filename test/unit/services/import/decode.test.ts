// Unit tests (Node): encoding and format detection of imported files.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, detectFormat } from '../../../../electron/services/import/decode';

const text = '发票编号,金额\r\nA1,1.00\r\n';

describe('decodeText', () => {
  it('uses the UTF-8 BOM and strips it', () => {
    const r = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(r).toEqual({ text, encoding: 'utf-8', encodingSource: 'bom', undecodableLines: [] });
  });

  it('accepts valid UTF-8 without a BOM', () => {
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8', encodingSource: 'utf8-valid', undecodableLines: [] });
  });

  it('falls back to GB18030 for GBK bytes, including characters outside GBK', () => {
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030', encodingSource: 'gb18030-fallback', undecodableLines: [] });
    const rare = '𠀀,€,䶵';
    expect(decodeText(iconv.encode(rare, 'gb18030')).text).toBe(rare);
  });

  it('honours the user choice either way', () => {
    expect(decodeText(iconv.encode(text, 'gbk'), 'gb18030')).toEqual({ text, encoding: 'gb18030', encodingSource: 'user', undecodableLines: [] });
    expect(decodeText(Buffer.from(text), 'utf-8')).toEqual({ text, encoding: 'utf-8', encodingSource: 'user', undecodableLines: [] });
    expect(() => decodeText(iconv.encode(text, 'gbk'), 'utf-8')).toThrow(expect.objectContaining({ code: 'import.encoding' }) as Error);
  });

  it('refuses UTF-16 in both byte orders', () => {
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      expect(() => decodeText(Buffer.from([...bom, 0x41, 0x00]))).toThrow(expect.objectContaining({ code: 'import.encoding' }) as Error);
    }
  });
});

describe('decodeText with a file that is UTF-8 except for some lines', () => {
  const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
  const gbk = (s: string): Buffer => iconv.encode(s, 'gbk');

  it('keeps a UTF-8 file with one GBK row as UTF-8 and names the line that does not decode (ASCII headers)', () => {
    const bytes = Buffer.concat([utf8('invoice_no,order_no,amount,shop\nA1,1,1.00,苏宁旗舰店\nA2,2,2.00,南京店\n'), gbk('A3,3,3.00,南京某某科技有限公司\n'), utf8('A4,4,4.00,上海店\n')]);
    const r = decodeText(bytes);
    expect(r).toMatchObject({ encoding: 'utf-8', encodingSource: 'utf8-invalid-rows', undecodableLines: [4] });
    const lines = r.text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['invoice_no,order_no,amount,shop', 'A1,1,1.00,苏宁旗舰店', 'A2,2,2.00,南京店']);
    expect(lines[3]).toMatch(/^A3,3,3\.00,.*\uFFFD/);
    expect(lines[4]).toBe('A4,4,4.00,上海店');
  });

  it('does the same with Chinese headers, a BOM, and a single stray byte', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const bytes = Buffer.concat([bom, utf8('发票编号,订单号,金额\r\nA1,1,1.00\r\nA2,2,'), Buffer.from([0xa3]), utf8('2.00\r\nA3,3,店铺\r\n')]);
    expect(decodeText(bytes)).toMatchObject({ encoding: 'utf-8', encodingSource: 'utf8-invalid-rows', undecodableLines: [3] });
    expect(decodeText(Buffer.concat([utf8('发票编号,订单号,金额\nA1,1,1.00\n'), Buffer.from([0xff]), utf8('\n')])))
      .toMatchObject({ encoding: 'utf-8', encodingSource: 'utf8-invalid-rows', undecodableLines: [3] });
  });

  it('still reads a wholly GBK file as GB18030, even when a line of it happens to be valid UTF-8', () => {
    // 茅台 in GBK is C3 A9 CC A8: valid UTF-8 ("ę́"), as short GBK lines sometimes are.
    const text = '发票编号,店铺\nA1,南京某某科技有限公司\nA2,上海某某贸易有限公司\nA3,茅台\n';
    expect(Buffer.from(new TextDecoder('utf-8').decode(iconv.encode('茅台', 'gbk')), 'utf8')).toEqual(iconv.encode('茅台', 'gbk'));
    expect(decodeText(gbk(text))).toEqual({ text, encoding: 'gb18030', encodingSource: 'gb18030-fallback', undecodableLines: [] });
  });

  it('names the lines that do not decode as GB18030 either', () => {
    const bytes = Buffer.concat([gbk('发票编号,店铺\nA1,南京店\n'), Buffer.from([0x41, 0x32, 0x2c, 0xff, 0x0a])]);
    expect(decodeText(bytes)).toMatchObject({ encoding: 'gb18030', encodingSource: 'gb18030-fallback', undecodableLines: [3] });
  });

  it('judges each line exactly as a strict UTF-8 decoder does (generated lines, random bytes included)', () => {
    // mulberry32: deterministic, and its low bits are as random as its high ones.
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) % n;
    };
    const samples = ['苏宁旗舰店', '𠀀€', 'é', '\u{10FFFF}', 'ascii'];
    const lines: Buffer[] = [];
    for (let i = 0; i < 3000; i++) {
      const kind = rand(4);
      if (kind === 0) lines.push(utf8(samples[rand(samples.length)] ?? ''));
      else if (kind === 1) lines.push(gbk('南京某某科技有限公司'.slice(0, 1 + rand(8))));
      // Random bytes, sparing LF: lead bytes, continuations, overlongs, surrogates and F5–FF all turn up.
      else lines.push(Buffer.from(Array.from({ length: 1 + rand(6) }, () => 0x80 + rand(128))));
      if (kind === 3) lines.push(Buffer.from([0xed, 0xa0 + rand(32), 0x80 + rand(64)]), Buffer.from([0xe0, 0x80 + rand(32), 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]));
    }
    const expected = lines.flatMap((l, i) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(l);
        return [];
      } catch {
        return [i + 1];
      }
    });
    expect(expected.length).toBeGreaterThan(500);
    // The BOM keeps the file UTF-8 whatever the share of broken lines, so every broken line is named.
    const r = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ...lines.flatMap((l) => [l, Buffer.from([0x0a])])]));
    expect(r.undecodableLines).toEqual(expected);
  });

  it('lists the lines in the error when the clerk chose UTF-8 for a GBK file', () => {
    expect(() => decodeText(gbk('发票编号,金额\r\nA1,1.00\r\n店铺,2\r\n'), 'utf-8')).toThrow(expect.objectContaining({
      code: 'import.encoding', messageZh: expect.stringContaining('第 1、3 行') as string, messageEn: expect.stringContaining('lines 1, 3') as string,
    }) as Error);
  });
});

describe('detectFormat', () => {
  it('recognises the ZIP magic of XLSX and treats anything else as CSV', () => {
    expect(detectFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('xlsx');
    expect(detectFormat(Buffer.from('PK,x\r\n'))).toBe('csv');
    expect(detectFormat(Buffer.alloc(0))).toBe('csv');
  });
});
