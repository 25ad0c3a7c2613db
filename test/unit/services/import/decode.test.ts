// Unit tests (Node): encoding and format detection of imported files.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, detectFormat } from '../../../../electron/services/import/decode';

const text = '发票编号,金额\r\nA1,1.00\r\n';

describe('decodeText', () => {
  it('uses the UTF-8 BOM and strips it', () => {
    const r = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(r).toEqual({ text, encoding: 'utf-8', encodingSource: 'bom' });
  });

  it('accepts valid UTF-8 without a BOM', () => {
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8', encodingSource: 'utf8-valid' });
  });

  it('falls back to GB18030 for GBK bytes, including characters outside GBK', () => {
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030', encodingSource: 'gb18030-fallback' });
    const rare = '𠀀,€,䶵';
    expect(decodeText(iconv.encode(rare, 'gb18030')).text).toBe(rare);
  });

  it('honours the user choice either way', () => {
    expect(decodeText(iconv.encode(text, 'gbk'), 'gb18030')).toEqual({ text, encoding: 'gb18030', encodingSource: 'user' });
    expect(decodeText(Buffer.from(text), 'utf-8')).toEqual({ text, encoding: 'utf-8', encodingSource: 'user' });
    expect(() => decodeText(iconv.encode(text, 'gbk'), 'utf-8')).toThrow(expect.objectContaining({ code: 'import.encoding' }) as Error);
  });

  it('refuses UTF-16 in both byte orders', () => {
    for (const bom of [[0xff, 0xfe], [0xfe, 0xff]]) {
      expect(() => decodeText(Buffer.from([...bom, 0x41, 0x00]))).toThrow(expect.objectContaining({ code: 'import.encoding' }) as Error);
    }
  });
});

describe('detectFormat', () => {
  it('recognises the ZIP magic of XLSX and treats anything else as CSV', () => {
    expect(detectFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('xlsx');
    expect(detectFormat(Buffer.from('PK,x\r\n'))).toBe('csv');
    expect(detectFormat(Buffer.alloc(0))).toBe('csv');
  });
});
