// Main process. Runs import:preview / import:commit in a worker thread (worker-entry.ts) so decoding, parsing
// and the one big SQLite transaction never block the main event loop; the main thread only posts the request
// and awaits the single reply.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { AppError, ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import type { EncodingChoice } from './decode';
import type { ImportMapping } from './mapping';
import { importWorkerLaunch } from './worker-launch';
import {
  workerCommitValue, workerPreviewValue, workerReplySchema, type WorkerCommitValue, type WorkerPreviewValue, type WorkerRequest,
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
}

export interface WorkerHooks {
  /** Called with the worker once it exists (tests terminate it mid-way). */
  readonly onWorker?: (worker: Worker) => void;
}

function diedError(detail: string): AppError {
  return new AppError('internal', {
    zh: `导入的后台线程意外退出（${detail}），本次导入没有写入任何数据，请重试`,
    en: `The import's background thread stopped unexpectedly (${detail}); nothing was imported. Please try again`,
  }, { detail });
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

function runWorker<T>(kind: WorkerRequest['kind'], req: WorkerImportRequest, actor: string, schema: z.ZodType<T>, hooks: WorkerHooks): Promise<T> {
  const bytes = ownBuffer(req.bytes);
  const request: WorkerRequest = {
    kind, dbFile: req.dbFile, fileName: req.fileName, bytes, actor,
    ...(req.encoding !== undefined ? { encoding: req.encoding } : {}),
    ...(req.mapping !== undefined ? { mapping: req.mapping } : {}),
  };
  const launch = importWorkerLaunch();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    let worker: Worker;
    try {
      worker = new Worker(launch.file, { workerData: request, transferList: [bytes], execArgv: launch.execArgv });
    } catch (e) {
      reject(diedError(e instanceof Error ? e.message : String(e)));
      return;
    }
    worker.once('message', (raw: unknown) => {
      settle(() => {
        const reply = workerReplySchema.safeParse(raw);
        if (!reply.success) return reject(badReplyError(reply.error.message));
        if (!reply.data.ok) {
          const { code, message, messageEn, details } = reply.data.error;
          // Codes come from our own worker; an unknown one is still shown, as 'internal'.
          const known = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal';
          return reject(new AppError(known, { zh: message, en: messageEn }, details));
        }
        const value = schema.safeParse(reply.data.value);
        if (!value.success) return reject(badReplyError(value.error.message));
        resolve(value.data);
      });
    });
    worker.once('error', (e: Error) => settle(() => reject(diedError(e.message))));
    // Exit without a reply: terminated, process.exit, or an out-of-memory abort. Its connection closed without
    // committing, so SQLite rolled the transaction back.
    worker.once('exit', (code) => settle(() => reject(diedError(`exit code ${code}`))));
    hooks.onWorker?.(worker);
  });
}

export function previewImportInWorker(req: WorkerImportRequest, hooks: WorkerHooks = {}): Promise<WorkerPreviewValue> {
  return runWorker('preview', req, '', workerPreviewValue, hooks);
}

export function commitImportInWorker(req: WorkerImportRequest & { readonly actor: string }, hooks: WorkerHooks = {}): Promise<WorkerCommitValue> {
  return runWorker('commit', req, req.actor, workerCommitValue, hooks);
}
