// Benchmark (plain Node). Starts the emulator child process and talks to it: endpoints, latency and
// platform limits, traffic statistics, shutdown.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Faults } from '../../electron/sandbox/faults';
import type { ChildReply, ChildRequest, Endpoints, TrafficStats } from './emulator-protocol';

export interface EmulatorHost extends Endpoints {
  setFaults(platform: 'wangdian' | 'suning', faults: Faults): Promise<void>;
  reset(): Promise<void>;
  failingOrders(enabled: boolean): Promise<void>;
  stats(platform: 'wangdian' | 'suning'): Promise<TrafficStats>;
  close(): Promise<void>;
}

/** `node --import tsx` so the child runs the TypeScript sources like the bench itself. */
export function tsxExecArgv(): string[] {
  return ['--import', 'tsx'];
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

type Distributive<T> = T extends unknown ? Omit<T, 'id'> : never;

export async function startEmulatorHost(orders: number, seed: number, latencyMs: number): Promise<EmulatorHost> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'emulator-child.ts'), [String(orders), String(seed), String(latencyMs)], {
    cwd: REPO_ROOT,
    execArgv: tsxExecArgv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: ChildReply) => void>();
  let nextId = 1;
  let exited: Error | null = null;

  const ready = new Promise<Endpoints>((resolve, reject) => {
    child.on('message', (msg: ChildReply) => {
      if (msg.type === 'ready') {
        resolve({ wangdian: msg.wangdian, suning: msg.suning });
        return;
      }
      const cb = pending.get(msg.id);
      pending.delete(msg.id);
      cb?.(msg);
    });
    child.once('exit', (code, signal) => {
      exited = new Error(`emulator child exited (code ${String(code)}, signal ${String(signal)})`);
      reject(exited);
      for (const cb of pending.values()) cb({ type: 'ok', id: -1 });
      pending.clear();
    });
  });
  const endpoints = await ready;

  function ask(req: Distributive<ChildRequest>): Promise<ChildReply> {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      child.send({ ...req, id } as ChildRequest);
    });
  }

  return {
    ...endpoints,
    async setFaults(platform, faults) {
      await ask({ type: 'setFaults', platform, faults });
    },
    async reset() {
      await ask({ type: 'reset' });
    },
    async failingOrders(enabled) {
      await ask({ type: 'failingOrders', enabled });
    },
    async stats(platform) {
      const reply = await ask({ type: 'stats', platform });
      if (reply.type !== 'stats') throw exited ?? new Error('emulator child answered without statistics');
      return reply.stats;
    },
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await ask({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}
