// Unit tests (Node, real files, real processes): the data folder's owner lock is exclusive within a process
// and across processes, names its holder to whoever is refused, and is released by the operating system the
// moment its process dies — SIGKILL included, with no stale lock left behind.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimOwnership, OWNER_INFO_FILE, readOwnerInfo } from '../../../electron/db/owner-lock';
import { spawnTs } from '../../support/processes';
import { tempDir } from './temp-db';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function folder(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const HOLDER = path.join(import.meta.dirname, 'fixtures', 'hold-owner.ts');

describe('owner lock in one process', () => {
  it('lets one claim in, refuses the next with the holder, and lets the next in once released', () => {
    const dir = folder();
    const first = claimOwnership(dir, 'electron');
    if (!first.ok) throw new Error('first claim refused');
    expect(first.lock.info).toMatchObject({ pid: process.pid, host: 'electron' });
    const second = claimOwnership(dir, 'cli');
    expect(second).toEqual({ ok: false, holder: first.lock.info });
    first.lock.release();
    first.lock.release();
    const third = claimOwnership(dir, 'cli');
    expect(third.ok).toBe(true);
    if (third.ok) {
      expect(readOwnerInfo(dir)).toMatchObject({ pid: process.pid, host: 'cli' });
      third.lock.release();
    }
  });

  it('decides by the lock, never by the info file: a stale or broken file neither blocks nor breaks a claim', () => {
    const dir = folder();
    writeFileSync(path.join(dir, OWNER_INFO_FILE), JSON.stringify({ pid: 1, host: 'cli', since: '2020-01-01T00:00:00Z', hostname: 'x' }));
    const a = claimOwnership(dir, 'browser');
    expect(a.ok).toBe(true);
    if (a.ok) a.lock.release();
    writeFileSync(path.join(dir, OWNER_INFO_FILE), '{ not json');
    expect(readOwnerInfo(dir)).toBeNull();
    const b = claimOwnership(dir, 'browser');
    expect(b.ok).toBe(true);
    if (b.ok) b.lock.release();
  });
});

/** Each step of the cross-process test in bounded time, so a stuck step fails naming itself. */
function step<T>(label: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`owner-lock step did not finish in 25 s: ${label}`)), 25_000);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

describe('owner lock across processes', () => {
  // Real child processes (tsx start-up): more than the unit default of 5 s on a busy machine. Retried: in two of
  // about six full runs on a loaded 2-core machine one step stalled past 60 s, cause not yet caught (each step
  // now names itself when it stalls); a broken lock fails every attempt.
  it('refuses another process while the holder lives, and is free at once when the holder is SIGKILLed', { timeout: 90_000, retry: 2 }, async () => {
    const dir = folder();
    const holder = spawnTs(HOLDER, [dir], {});
    cleanups.push(() => holder.process.kill('SIGKILL'));
    await step('the holder prints HELD', holder.line(/^HELD /));
    const refused = claimOwnership(dir, 'browser');
    expect(refused).toEqual({ ok: false, holder: expect.objectContaining({ pid: holder.pid, host: 'cli' }) });
    // Another process is refused the same way.
    const other = spawnTs(HOLDER, [dir], {});
    cleanups.push(() => other.process.kill('SIGKILL'));
    expect(await step('the second process prints BUSY', other.line(/^BUSY /))).toContain(`"pid":${holder.pid}`);
    await step('the refused process exits', other.exited);

    holder.process.kill('SIGKILL');
    expect((await step('the killed holder exits', holder.exited)).signal).toBe('SIGKILL');
    const after = claimOwnership(dir, 'browser');
    expect(after.ok).toBe(true);
    if (after.ok) after.lock.release();
  });
});
