// Unit test (Node, real files): the content-addressed archive (electron/services/archive/store.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileStore } from '../../../../electron/services/archive/store';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function root(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'invoice-recon-store-'));
  dirs.push(d);
  return d;
}

describe('file store', () => {
  it('puts complete bytes under their hash only on commit; until then only a .part file in tmp/ exists', async () => {
    const r = root();
    const store = createFileStore(r);
    const sink = await store.openTemp();
    await sink.write(Buffer.from('%PDF-1.7 first half '));
    expect(readdirSync(r)).toEqual(['tmp']);
    expect(readdirSync(path.join(r, 'tmp'))[0]).toMatch(/\.part$/);
    await sink.write(Buffer.from('second half %%EOF'));
    const { sha256, size } = await sink.commit();
    const bytes = Buffer.from('%PDF-1.7 first half second half %%EOF');
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(size).toBe(bytes.length);
    expect(readFileSync(store.pathOf(sha256)).equals(bytes)).toBe(true);
    expect(await store.has(sha256)).toBe(true);
    expect(readdirSync(path.join(r, 'tmp'))).toEqual([]);
  });

  it('keeps one copy of the same bytes, and a discarded download leaves nothing', async () => {
    const store = createFileStore(root());
    const put = async (text: string) => {
      const s = await store.openTemp();
      await s.write(Buffer.from(text));
      return s.commit();
    };
    const a = await put('%PDF-same%%EOF');
    const b = await put('%PDF-same%%EOF');
    expect(a).toEqual(b);
    expect(readdirSync(path.dirname(store.pathOf(a.sha256)))).toEqual([`${a.sha256}.pdf`]);
    const d = await store.openTemp();
    await d.write(Buffer.from('%PDF-half'));
    await d.discard();
    expect(readdirSync(path.join(store.root, 'tmp'))).toEqual([]);
  });

  it('sweeps the .part files a killed process left, and refuses a path for anything but a hex SHA-256', async () => {
    const r = root();
    const store = createFileStore(r);
    await (await store.openTemp()).write(Buffer.from('%PDF-'));
    writeFileSync(path.join(r, 'tmp', 'left.part'), 'x');
    expect(await store.sweepTemp()).toBeGreaterThanOrEqual(1);
    expect(readdirSync(path.join(r, 'tmp'))).toEqual([]);
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/SHA-256/);
    expect(await store.has('../x')).toBe(false);
  });
});
