// Unit test (Node, real files): exports are written to a private temporary file, then returned base64.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportToBase64 } from '../../../../electron/services/handlers/export';

describe('exportToBase64', () => {
  it('returns what the writer wrote, base64, and removes its temporary folder', async () => {
    let written = '';
    const r = await exportToBase64(async (file) => {
      written = file;
      await writeFile(file, Buffer.from('\uFEFF发票,金额\r\n1,2.00\r\n', 'utf8'));
      return { rows: 1 };
    });
    expect(r.rows).toBe(1);
    expect(Buffer.from(r.contentBase64, 'base64').toString('utf8')).toBe('\uFEFF发票,金额\r\n1,2.00\r\n');
    expect(existsSync(path.dirname(written))).toBe(false);
  });

  it('removes its temporary folder when the writer fails', async () => {
    let written = '';
    await expect(exportToBase64(async (file) => {
      written = file;
      await writeFile(file, 'partial');
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(written).not.toBe('');
    expect(existsSync(path.dirname(written))).toBe(false);
  });
});
