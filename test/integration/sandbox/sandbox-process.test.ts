import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { jsonBody, snPost } from './signing';

const root = path.resolve(import.meta.dirname, '../../..');
let child: ChildProcess | null = null;

afterEach(() => {
  // Only if a test failed half-way: end the process group this test started.
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
  child = null;
});

function firstJsonLine(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    let errText = '';
    proc.stderr?.on('data', (d: Buffer) => {
      errText += d.toString('utf8');
    });
    proc.stdout?.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      // npm prints its own "> invoice-recon@… sandbox" banner first; ours is the line that starts with '{'.
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined) resolve(line);
    });
    proc.once('exit', (code) => reject(new Error(`exited ${code} before printing JSON: ${errText}`)));
  });
}

interface Printed {
  wangdian: Record<string, string>;
  suning: { url: string; appKey: string; appSecret: string; saleOrg: string };
}

function exitOf(proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('the sandbox as a child process', () => {
  it('npm run sandbox -- --json prints the JSON line once listening, serves requests, and ends on SIGTERM', async () => {
    const proc = spawn('npm', ['run', 'sandbox', '--', '--json', '--orders', '15', '--seed', '2'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const exited = exitOf(proc);
    const line = JSON.parse(await firstJsonLine(proc)) as Printed;
    expect(line.wangdian).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as unknown, sid: 'practice', appkey: 'practice-key', appsecret: 'practice-secret-not-real' });
    expect(line.suning.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line.suning.saleOrg).toBe('70066253');

    const res = await snPost(line.suning, jsonBody([{ billNo: '1', billType: '01', saleOrg: line.suning.saleOrg }]));
    expect(await res.text()).toContain('biz.handler.data-get:no-result');

    // npm's `sh -c` does not pass a lone SIGTERM on, so signal the whole group, as a terminal's Ctrl+C does.
    if (proc.pid === undefined) throw new Error('no pid');
    process.kill(-proc.pid, 'SIGTERM');
    await exited;
    await expect(fetch(`${line.suning.url}/`, { method: 'POST' })).rejects.toThrow();
    await expect(fetch(`${line.wangdian['url']}/`, { method: 'POST' })).rejects.toThrow();
  });

  it('the entry script exits 0 after closing both emulators on SIGTERM', async () => {
    const proc = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['electron/hosts/cli/sandbox-main.ts', '--json', '--orders', '3'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const exited = exitOf(proc);
    const line = JSON.parse(await firstJsonLine(proc)) as Printed;
    proc.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    await expect(fetch(`${line.suning.url}/`, { method: 'POST' })).rejects.toThrow();
  });
});
