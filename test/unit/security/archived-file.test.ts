// Node (Vitest), real files in a temp folder. The check before 打开原件 opens or serves a stored file: only a
// regular `ab/<sha256>.pdf` inside the archive, whatever links or `..` try.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveArchivedFile } from '../../../electron/security/archived-file';

const SHA = 'ab'.padEnd(64, 'c');
const OTHER = 'cd'.padEnd(64, 'e');
let base: string;
let root: string;
let stored: string;
let outside: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'archived-file-'));
  root = path.join(base, 'data', 'archive');
  mkdirSync(path.join(root, 'ab'), { recursive: true });
  stored = path.join(root, 'ab', `${SHA}.pdf`);
  writeFileSync(stored, '%PDF-1.7\n%%EOF\n');
  outside = path.join(base, 'secret.pdf');
  writeFileSync(outside, 'not yours');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveArchivedFile', () => {
  it('answers the real path of a stored file', async () => {
    expect(await resolveArchivedFile(root, stored)).toBe(path.join(root, 'ab', `${SHA}.pdf`));
  });

  it('refuses a file outside the archive', async () => {
    expect(await resolveArchivedFile(root, outside)).toBeNull();
    expect(await resolveArchivedFile(root, path.join(base, 'data', 'invoices.db'))).toBeNull();
  });

  it('refuses `..`, even when it would lead back into the archive', async () => {
    expect(await resolveArchivedFile(root, `${root}/ab/../../secret.pdf`)).toBeNull();
    expect(await resolveArchivedFile(root, `${root}/ab/../ab/${SHA}.pdf`)).toBeNull();
  });

  it('refuses a symlink inside the archive that points out of it, and one that points at a stored file', async () => {
    mkdirSync(path.join(root, 'cd'), { recursive: true });
    const link = path.join(root, 'cd', `${OTHER}.pdf`);
    symlinkSync(outside, link);
    expect(await resolveArchivedFile(root, link)).toBeNull();
    rmSync(link);
    symlinkSync(stored, link);
    expect(await resolveArchivedFile(root, link)).toBeNull();
    rmSync(link);
  });

  it('refuses a shard folder swapped for a link to elsewhere', async () => {
    const elsewhere = path.join(base, 'elsewhere');
    mkdirSync(elsewhere);
    const sha = 'ef'.padEnd(64, '0');
    writeFileSync(path.join(elsewhere, `${sha}.pdf`), '%PDF-1.7\n');
    symlinkSync(elsewhere, path.join(root, 'ef'));
    expect(await resolveArchivedFile(root, path.join(root, 'ef', `${sha}.pdf`))).toBeNull();
  });

  it('refuses what the store never writes: other names, folders, relative or missing paths', async () => {
    writeFileSync(path.join(root, 'ab', 'notes.pdf'), 'x');
    expect(await resolveArchivedFile(root, path.join(root, 'ab', 'notes.pdf'))).toBeNull();
    expect(await resolveArchivedFile(root, path.join(root, 'ab'))).toBeNull();
    expect(await resolveArchivedFile(root, root)).toBeNull();
    expect(await resolveArchivedFile(root, `ab/${SHA}.pdf`)).toBeNull();
    expect(await resolveArchivedFile(root, path.join(root, 'ab', `${'ab'.padEnd(64, '9')}.pdf`))).toBeNull();
  });
});
