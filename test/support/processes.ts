// Test support (plain Node). Real child processes on one data folder: the CLI as a script runs it, and the
// app's core (as the browser host opens it) in a process of its own, so tests can SIGKILL either.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI_ENTRY = path.join(ROOT, 'electron', 'hosts', 'cli', 'main.ts');
export const APP_CHILD = path.join(ROOT, 'test', 'integration', 'core', 'fixtures', 'app-child.ts');

/**
 * The longest a child may take before it counts as hung. Not a performance bound: every child here ends in
 * seconds; this only turns a hang (the fault some tests reproduce) into a failure instead of a stuck run.
 */
export const HANG_MS = 90_000;

export interface Exited {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the child had to be killed after HANG_MS. */
  readonly hung: boolean;
}

export interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly pid: number;
  readonly exited: Promise<Exited>;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `re` (rejects when the child exits first). */
  line(re: RegExp): Promise<string>;
}

export function spawnTs(entry: string, args: readonly string[], env: Readonly<Record<string, string>>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, HANG_MS);
  let ended = false;
  const exited = new Promise<Exited>((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // 'exit' may come before the pipes are drained; 'close' follows once they are.
      child.on('close', () => {
        ended = true;
        resolve({ code, signal, stdout: out, stderr: err, hung });
        for (const w of waiters.splice(0)) w();
      });
    });
  });
  return {
    process: child,
    pid: child.pid ?? -1,
    exited,
    stdout: () => out,
    stderr: () => err,
    line(re) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          // Complete lines only: a line still being written could match before its end (JSON cut short).
          const lines = out.split('\n');
          if (!ended) lines.pop();
          const hit = lines.find((l) => re.test(l));
          if (hit !== undefined) resolve(hit);
          else if (ended) reject(new Error(`child exited before printing ${re}: ${out}\n${err}`));
          else waiters.push(check);
        };
        check();
      });
    },
  };
}

export function spawnCli(args: readonly string[], env: Readonly<Record<string, string>>): Child {
  return spawnTs(CLI_ENTRY, args, env);
}

export function runCliProcess(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Exited> {
  return spawnCli(args, env).exited;
}

export type AppChildMode = 'resume' | 'submit' | 'hold';

/** The app's core in its own process (what the browser host opens), in one of the fixture's modes. */
export function spawnApp(dataDir: string, mode: AppChildMode, env: Readonly<Record<string, string>>): Child {
  return spawnTs(APP_CHILD, [], { ...env, IR_DATA_DIR: dataDir, IR_APP_MODE: mode });
}

/** Rows of the folder's database read by a connection that cannot write (so it changes nothing it looks at). */
export function readDb<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dataDir, 'invoice-recon.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Polls `ready` every few milliseconds until it holds. */
export function until(ready: () => boolean, stop?: Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
    void stop?.then(() => {
      clearInterval(timer);
      reject(new Error('the process ended before the condition held'));
    });
  });
}
