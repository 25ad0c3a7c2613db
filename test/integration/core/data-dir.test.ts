// Integration (real files): the data folder and database each host creates are private, and a damaged
// database stops every host with its own message instead of being replaced by an empty one.
import { statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, DATABASE_FILE } from '../../../electron/services/app-core';
import { runCli } from '../../../electron/hosts/cli/main';
import { appErrorOf } from '../../support/app-error';
import { tempDir, testCipher } from '../../support/core-harness';

const tmp: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const t of tmp.splice(0)) t.remove();
});
function fresh(): string {
  const t = tempDir();
  tmp.push(t);
  return t.dir;
}
const mode = (p: string): number => statSync(p).mode & 0o777;
const open = (dataDir: string) => createAppCore({ dataDir, host: 'browser', cipher: testCipher(), version: 'test', resumeJobs: false });

describe.runIf(process.platform !== 'win32')('a new data folder (POSIX)', () => {
  it('app core: the folder is created 0700 and the database 0600', async () => {
    const dataDir = path.join(fresh(), 'Invoice Recon');
    const core = await open(dataDir);
    await core.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, DATABASE_FILE))).toBe(0o600);
  });

  it('CLI: the folder it creates for --data-dir is 0700 as well', async () => {
    const dataDir = path.join(fresh(), 'cli-data');
    const code = await runCli(['status', '--data-dir', dataDir], { out: () => undefined, err: () => undefined, env: {} });
    expect(code).toBe(0);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, DATABASE_FILE))).toBe(0o600);
  });
});

describe('a damaged database', () => {
  it('a 0-byte database is refused (db.empty_file), not replaced by a new empty store', async () => {
    const dataDir = fresh();
    writeFileSync(path.join(dataDir, DATABASE_FILE), '');
    const e = await appErrorOf(open(dataDir));
    expect(e.code).toBe('db.empty_file');
    expect(statSync(path.join(dataDir, DATABASE_FILE)).size).toBe(0);
  });

  it('the CLI says so and exits non-zero', async () => {
    const dataDir = fresh();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, DATABASE_FILE), 'not a database at all, just text'.repeat(100));
    const err: string[] = [];
    const code = await runCli(['status', '--data-dir', dataDir], { out: () => undefined, err: (l) => err.push(l), env: {} });
    expect(code).not.toBe(0);
    expect(err.join('\n')).toContain('已损坏');
    expect(err.join('\n')).toContain('damaged or not a database of this app');
  });
});
