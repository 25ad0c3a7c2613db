// Node (Vitest), the Electron shell mocked, real files. 打开原件 in Electron: shell.openPath gets the stored file
// only after the archive check; a refused path never reaches the shell, and the system's own refusal is told.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Shell } from 'electron';
import { shellFileOpener } from '../../../../electron/hosts/electron/open-file';
import { AppError } from '../../../../shared/errors';

const SHA = '12'.padEnd(64, 'a');
let base: string;
let root: string;
let stored: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'open-file-'));
  root = path.join(base, 'archive');
  mkdirSync(path.join(root, '12'), { recursive: true });
  stored = path.join(root, '12', `${SHA}.pdf`);
  writeFileSync(stored, '%PDF-1.7\n%%EOF\n');
  writeFileSync(path.join(base, 'invoices.db'), 'db');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function fakeShell(answer = '') {
  const openPath = vi.fn(async (_p: string) => answer);
  return { shell: { openPath } as unknown as Pick<Shell, 'openPath'>, openPath };
}

describe('shellFileOpener', () => {
  it('opens the stored file with the system viewer and offers no download', async () => {
    const { shell, openPath } = fakeShell();
    expect(await shellFileOpener(shell).open({ root, path: stored, fileName: '12345678.pdf' })).toBeNull();
    expect(openPath).toHaveBeenCalledWith(stored);
  });

  it('refuses a path outside the archive before the shell sees it', async () => {
    const { shell, openPath } = fakeShell();
    const opener = shellFileOpener(shell);
    for (const p of [path.join(base, 'invoices.db'), `${root}/12/../../invoices.db`]) {
      const e = await opener.open({ root, path: p, fileName: 'x.pdf' }).catch((error: unknown) => error);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('forbidden');
    }
    expect(openPath).not.toHaveBeenCalled();
  });

  it('says why when the system cannot open the file', async () => {
    const { shell } = fakeShell('No application is associated with the specified file');
    const e = await shellFileOpener(shell).open({ root, path: stored, fileName: '12345678.pdf' }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).messageZh).toContain('No application is associated');
  });
});
