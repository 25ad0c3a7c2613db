// Unit test (Node, real files): an export is written where the host's SaveTarget says, and only its name, size
// and row count come back — never its bytes.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../../shared/errors';
import { exportToTarget } from '../../../../electron/services/handlers/export';

function folder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'export-target-'));
  return { dir, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('exportToTarget', () => {
  it('writes to the chosen path and returns its name, size and row count, plus what the target delivers', async () => {
    using f = folder();
    const chosen = path.join(f.dir, '我的导出.csv');
    const text = '\uFEFF发票,金额\r\n1,2.00\r\n';
    const r = await exportToTarget({ choose: async () => chosen, saved: async (p) => ({ downloadUrl: `/dl/${path.basename(p)}` }) }, '发票对账.csv', async (file) => {
      await writeFile(file, text, 'utf8');
      return { rows: 1 };
    });
    expect(r).toEqual({ fileName: '我的导出.csv', size: Buffer.byteLength(text), rows: 1, downloadUrl: '/dl/我的导出.csv' });
    expect(readFileSync(chosen, 'utf8')).toBe(text);
    expect(Object.keys(r)).not.toContain('contentBase64');
  });

  it('answers cancelled without writing when the clerk cancels the save dialog', async () => {
    let wrote = false;
    const e = await exportToTarget({ choose: async () => null }, 'x.csv', async () => { wrote = true; return { rows: 0 }; }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('cancelled');
    expect(wrote).toBe(false);
  });

  it("passes the writer's failure on and delivers nothing", async () => {
    using f = folder();
    let delivered = false;
    const chosen = path.join(f.dir, 'out.csv');
    await expect(exportToTarget({ choose: async () => chosen, saved: async () => { delivered = true; return null; } }, 'out.csv', async () => {
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(delivered).toBe(false);
    expect(existsSync(chosen)).toBe(false);
  });
});
