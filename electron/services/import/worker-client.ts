// Main process. Runs import:preview / import:commit in a worker thread (worker-entry.ts) so decoding, parsing
// and the one big SQLite transaction never block the main event loop; the main thread only posts the request
// and awaits its reply. One worker, created on first use and reused while imports keep coming.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import type { EncodingChoice } from './decode';
import type { ImportMapping } from './mapping';
import { importWorkerLaunch } from './worker-launch';
import {
  workerCommitValue, workerPreviewValue, workerReplyEnvelope, type WorkerCommitValue, type WorkerEnvelope, type WorkerPreviewValue,
  type WorkerReply, type WorkerRequest,
} from './worker-protocol';

export interface WorkerImportRequest {
  readonly dbFile: string;
  readonly fileName: string;
  /**
   * The file. Its memory is transferred to the worker, not copied (a 100,000-row file is ~14 MB), so a Buffer
   * that owns its whole ArrayBuffer is empty afterwards: pass one you no longer need (or a copy).
   */
  readonly bytes: Buffer;
  readonly encoding?: EncodingChoice;
  readonly mapping?: ImportMapping;
  readonly onConflict?: 'keep' | 'take';
  readonly conflictToken?: string;
}

export interface WorkerHooks {
  /** Called with the worker the request was posted to (tests terminate it mid-way). */
  readonly onWorker?: (worker: Worker) => void;
}

function diedError(detail: string): AppError {
  return new AppError('internal', {
    zh: `导入的后台线程意外退出（${detail}），本次导入没有写入任何数据，请重试`,
    en: `The import's background thread stopped unexpectedly (${detail}); nothing was imported. Please try again`,
  }, { detail });
}

function outOfMemoryError(limitMb: number): AppError {
  return new AppError('import.too_large', {
    zh: `导入这个文件需要的内存超过了导入线程的上限（${limitMb} MB），导入线程已停止，没有写入任何数据，程序的其余部分不受影响。请把文件拆成几份后分别导入。`,
    en: `Importing this file needs more memory than the import thread may use (${limitMb} MB). The thread was stopped and nothing was imported; the rest of the app is unaffected. Split the file and import the parts.`,
  }, { limitMb });
}

function badReplyError(issues: string): AppError {
  return new AppError('internal', {
    zh: `导入的后台线程返回了无法识别的结果（程序缺陷，请联系技术支持）：${issues}`,
    en: `The import's background thread answered with a malformed result (a bug; please report it): ${issues}`,
  });
}

/** An ArrayBuffer holding exactly the file, transferable without detaching anything else. */
function ownBuffer(bytes: Buffer): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  // Small Buffers share Node's pool (and a SharedArrayBuffer cannot be transferred): copy those.
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/** One request the worker has not answered yet. */
interface Pending {
  /** A large file: the worker is stopped after answering, so its heap goes back to the OS now, not in a minute. */
  readonly recycle: boolean;
  settle(reply: WorkerReply): void;
  fail(error: AppError): void;
}

interface Running {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * Kept after an import so the next one skips the thread's start-up (~0.3 s of module loading, more through tsx)
 * and runs JIT-warm code; stopped after this long without work so its heap goes back to the OS.
 */
const IDLE_MS = 60_000;

let running: Running | null = null;
let nextId = 1;

function retire(r: Running, error: AppError): void {
  if (running === r) running = null;
  if (r.idleTimer) clearTimeout(r.idleTimer);
  const pending = [...r.pending.values()];
  r.pending.clear();
  for (const p of pending) p.fail(error);
}

/**
 * The worker's own V8 heap limit. Past it the worker alone is stopped (ERR_WORKER_OUT_OF_MEMORY) and its heap
 * returned; without a limit it shares the process's, and running out aborts the whole app. A 1,000,000-row CSV
 * and an XLSX near the cell limit each peak at ~1.5 GB of the process's memory (docs/PERFORMANCE.md), so this
 * leaves room for both. (One single allocation far past the limit still aborts the process: docs/ARCHITECTURE.md.)
 */
export const IMPORT_WORKER_HEAP_MB = 3072;

let heapLimitMb = IMPORT_WORKER_HEAP_MB;

/**
 * Sets the heap limit of workers started from now on (tests use a small one to run a worker out of memory).
 * The running worker, if any, is stopped so the next import starts with the new limit.
 */
export function setImportWorkerHeapLimit(mb: number): void {
  heapLimitMb = mb;
  if (running && running.pending.size === 0) stop(running);
}

function isOutOfMemory(e: Error): boolean {
  return (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function startWorker(): Running {
  const launch = importWorkerLaunch();
  const limitMb = heapLimitMb;
  const worker = new Worker(launch.file, { execArgv: launch.execArgv, resourceLimits: { maxOldGenerationSizeMb: limitMb } });
  const r: Running = { worker, pending: new Map(), idleTimer: null };
  worker.on('message', (raw: unknown) => {
    const env = workerReplyEnvelope.safeParse(raw);
    const p = env.success ? r.pending.get(env.data.id) : undefined;
    if (!env.success || !p) {
      // Not an answer to anything we asked: a bug. Everything in flight fails with it; a fresh worker follows.
      retire(r, badReplyError(env.success ? `unknown request id ${env.data.id}` : env.error.message));
      void worker.terminate();
      return;
    }
    r.pending.delete(env.data.id);
    if (r.pending.size === 0) {
      if (p.recycle) stop(r);
      else idle(r);
    }
    p.settle(env.data.reply);
  });
  worker.on('error', (e: Error) => retire(r, isOutOfMemory(e) ? outOfMemoryError(limitMb) : diedError(e.message)));
  // Exit without answering: terminated, process.exit, or an out-of-memory abort. Its connection closed
  // without committing, so SQLite rolled any open transaction back.
  worker.on('exit', (code) => retire(r, diedError(`exit code ${code}`)));
  return r;
}

/**
 * Files from this size on leave the worker with a heap of hundreds of MB (1,000,000 rows: ~1.5 GB); keeping it
 * warm saves ~0.3 s of start-up against an import of many seconds.
 */
const RECYCLE_BYTES = 32 * 1024 * 1024;

function stop(r: Running): void {
  if (running === r) running = null;
  if (r.idleTimer) clearTimeout(r.idleTimer);
  r.idleTimer = null;
  r.worker.unref();
  void r.worker.terminate();
}

/** No work: the thread must not keep the process (the CLI, a test run) alive, and stops after IDLE_MS. */
function idle(r: Running): void {
  r.worker.unref();
  r.idleTimer = setTimeout(() => {
    if (r.pending.size > 0) return;
    if (running === r) running = null;
    void r.worker.terminate();
  }, IDLE_MS);
  r.idleTimer.unref();
}

function busy(): Running {
  running ??= startWorker();
  const r = running;
  if (r.idleTimer) clearTimeout(r.idleTimer);
  r.idleTimer = null;
  r.worker.ref();
  return r;
}

function runWorker<T>(kind: WorkerRequest['kind'], req: WorkerImportRequest, actor: string, schema: z.ZodType<T>, hooks: WorkerHooks): Promise<T> {
  const bytes = ownBuffer(req.bytes);
  const request: WorkerRequest = {
    kind, dbFile: req.dbFile, fileName: req.fileName, bytes, actor,
    ...(req.encoding !== undefined ? { encoding: req.encoding } : {}),
    ...(req.mapping !== undefined ? { mapping: req.mapping } : {}),
    ...(req.onConflict !== undefined ? { onConflict: req.onConflict } : {}),
    ...(req.conflictToken !== undefined ? { conflictToken: req.conflictToken } : {}),
  };
  return new Promise<T>((resolve, reject) => {
    let r: Running;
    try {
      r = busy();
    } catch (e) {
      reject(diedError(e instanceof Error ? e.message : String(e)));
      return;
    }
    const id = nextId++;
    r.pending.set(id, {
      recycle: bytes.byteLength >= RECYCLE_BYTES,
      fail: reject,
      settle(reply) {
        if (!reply.ok) {
          const { code, message, messageEn, details } = reply.error;
          // Codes come from our own worker; an unknown one is still shown, as 'internal'.
          const known = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal';
          reject(new AppError(known, { zh: message, en: messageEn }, details));
          return;
        }
        const value = schema.safeParse(reply.value);
        if (value.success) resolve(value.data);
        else reject(badReplyError(value.error.message));
      },
    });
    try {
      r.worker.postMessage({ id, request } satisfies WorkerEnvelope, [bytes]);
    } catch (e) {
      r.pending.delete(id);
      if (r.pending.size === 0) idle(r);
      reject(diedError(e instanceof Error ? e.message : String(e)));
      return;
    }
    hooks.onWorker?.(r.worker);
  });
}

export function previewImportInWorker(req: WorkerImportRequest, hooks: WorkerHooks = {}): Promise<WorkerPreviewValue> {
  return runWorker('preview', req, '', workerPreviewValue, hooks);
}

export function commitImportInWorker(req: WorkerImportRequest & { readonly actor: string }, hooks: WorkerHooks = {}): Promise<WorkerCommitValue> {
  return runWorker('commit', req, req.actor, workerCommitValue, hooks);
}
