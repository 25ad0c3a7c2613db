// Unit (real SQLite files): what openDatabase does with files that are not a healthy store, and the modes it
// gives the files it creates.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createDataDir, openDatabase } from '../../../electron/db/open';
import { tempDir } from './temp-db';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

function refusal(file: string): AppError {
  try {
    openDatabase(file).close();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected openDatabase to refuse the file');
}

const mode = (p: string): number => statSync(p).mode & 0o777;
const posix = process.platform !== 'win32';

describe('a database file that is not a healthy store', () => {
  it('refuses a 0-byte file with a specific message instead of treating it as a new empty store, and leaves it as it was', () => {
    const file = path.join(dir, 'invoice-recon.sqlite');
    writeFileSync(file, '');
    const e = refusal(file);
    expect(e.code).toBe('db.empty_file');
    expect(e.messageZh).toContain('0 字节');
    expect(e.messageZh).toContain(file);
    expect(e.messageEn).toContain('0 bytes');
    expect(e.messageEn).toContain('not treated as a new, empty database');
    expect(statSync(file).size).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it.each([
    ['a text file', Buffer.from('发票编号,订单号\nWDT0001,1001\n'.repeat(200), 'utf8')],
    ['random bytes', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256))],
  ])('refuses %s as a corrupt database, leaving the bytes untouched', (_l, bytes) => {
    const file = path.join(dir, 'invoice-recon.sqlite');
    writeFileSync(file, bytes);
    const e = refusal(file);
    expect(e.code).toBe('db.corrupt');
    expect(e.messageZh).toContain('已损坏');
    expect(e.messageZh).toContain(file);
    expect(e.messageEn).toContain('damaged or not a database of this app');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a real database whose pages were overwritten (SQLITE_CORRUPT) as corrupt', () => {
    const file = path.join(dir, 'invoice-recon.sqlite');
    openDatabase(file).close();
    const bytes = readFileSync(file);
    // Keep the 100-byte header, scribble over the schema page and the rest.
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    writeFileSync(file, bytes);
    expect(refusal(file).code).toBe('db.corrupt');
  });

  it('still opens a healthy database again', () => {
    const file = path.join(dir, 'invoice-recon.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect((db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
  });
});

describe.runIf(posix)('file modes (POSIX)', () => {
  it('creates the database 0600, its WAL and shared-memory files too', () => {
    const file = path.join(dir, 'invoice-recon.sqlite');
    const db = openDatabase(file);
    db.exec('CREATE TABLE probe (a)');
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
    // Built under a temporary name and linked into place: nothing of that is left behind.
    expect(readdirSync(dir).sort()).toEqual(['invoice-recon.sqlite', 'invoice-recon.sqlite-shm', 'invoice-recon.sqlite-wal']);
    db.close();
  });

  it('tightens an existing database readable by others to 0600', () => {
    const file = path.join(dir, 'invoice-recon.sqlite');
    openDatabase(file).close();
    chmodSync(file, 0o644);
    openDatabase(file).close();
    expect(mode(file)).toBe(0o600);
  });

  it('creates the data folder 0700 (and its missing parents), and leaves an existing folder alone', () => {
    const data = path.join(dir, 'a', 'Invoice Recon');
    createDataDir(data);
    expect(mode(data)).toBe(0o700);
    expect(mode(path.join(dir, 'a'))).toBe(0o700);
    const existing = path.join(dir, 'shared');
    createDataDir(existing);
    chmodSync(existing, 0o755);
    createDataDir(existing);
    expect(mode(existing)).toBe(0o755);
  });
});
