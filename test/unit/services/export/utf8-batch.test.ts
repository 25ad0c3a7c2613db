import { describe, expect, it } from 'vitest';
import { Utf8Batch } from '../../../../electron/services/export/utf8-batch';

function collect(capacity: number, texts: readonly string[]): { bytes: Buffer; pieces: number[] } {
  const got: Buffer[] = [];
  const batch = new Utf8Batch((b) => got.push(Buffer.from(b)), capacity);
  for (const t of texts) batch.add(t);
  batch.flush();
  return { bytes: Buffer.concat(got), pieces: got.map((b) => b.length) };
}

describe('Utf8Batch', () => {
  it('hands on exactly the UTF-8 of what was added, in order, across piece boundaries', () => {
    const texts = ['<row r="2">', '发票编号', '😀', 'a&amp;b', '', 'x'.repeat(40), '税额(元)', '\u00e9\u0301', 'end'];
    for (const capacity of [8, 12, 30, 64, 1024]) {
      const { bytes } = collect(capacity, texts);
      expect(bytes.toString('utf8'), `capacity ${capacity}`).toBe(texts.join(''));
    }
  });

  it('passes a text larger than its buffer through whole, after what it holds', () => {
    const { bytes, pieces } = collect(16, ['ab', 'c'.repeat(100), 'd']);
    expect(bytes.toString('utf8')).toBe(`ab${'c'.repeat(100)}d`);
    expect(pieces).toEqual([2, 100, 1]);
  });

  it('reuses its buffer: each piece is only valid until the sink returns', () => {
    const seen: Buffer[] = [];
    const batch = new Utf8Batch((b) => seen.push(b), 8);
    batch.add('aa');
    batch.flush();
    batch.add('bb');
    batch.flush();
    expect(seen[0]?.buffer).toBe(seen[1]?.buffer);
    expect(seen[0]?.toString()).toBe('bb');
  });

  it('does nothing when flushed empty', () => {
    expect(collect(8, []).pieces).toEqual([]);
  });
});
