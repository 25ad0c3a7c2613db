// Main process. Reads archived e-invoice PDFs off the main loop: a small pool of worker threads
// (worker-entry.ts → read-pdf.ts), one file per worker at a time, each bounded by a time limit and a heap
// limit. A worker that crashes, runs out of memory or overruns answers THAT file with ok:false and is
// replaced by a fresh one for the next file; the rest of the queue is unaffected.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Bilingual } from '../../../../shared/errors';
import type { EinvoiceParse } from '../../../../shared/domain/einvoice-file';
import { parseReplySchema } from './protocol';
import { parseWorkerLaunch } from './worker-launch';

export interface EinvoiceParserOptions {
  /** Worker threads (1–2; default 1 on a 2-core machine, 2 with more cores). */
  readonly workers?: number;
  /** Time one file may take once a worker has started on it (default 15 s). */
  readonly timeoutMs?: number;
  /** Each worker's V8 heap limit (default 256 MB): a hostile PDF exhausts its worker, not the app. */
  readonly heapMb?: number;
  /** Larger inputs are refused unread (default 64 MB; the archive's own download cap is far lower). */
  readonly maxBytes?: number;
  /** Called with each worker started (tests terminate one mid-parse). */
  readonly onWorker?: (worker: Worker) => void;
}

export interface EinvoiceParser {
  parse(bytes: Uint8Array): Promise<EinvoiceParse>;
  close(): Promise<void>;
}

export const DEFAULT_PARSE_TIMEOUT_MS = 15_000;
export const DEFAULT_PARSE_HEAP_MB = 256;
export const DEFAULT_PARSE_MAX_BYTES = 64 * 1024 * 1024;
/** A small young generation: short-lived parse garbage is collected often instead of piling up (RSS). */
const YOUNG_GEN_MB = 8;

interface Task {
  readonly bytes: Uint8Array;
  readonly resolve: (r: EinvoiceParse) => void;
}

interface Slot {
  worker: Worker | null;
  task: { readonly id: number; readonly resolve: (r: EinvoiceParse) => void; timer: NodeJS.Timeout | null } | null;
}

function refusal(reason: Bilingual): EinvoiceParse {
  return { ok: false, reason };
}

const PREFIX: Bilingual = { zh: '无法读取发票文件：', en: 'The invoice file cannot be read: ' };
const said = (zh: string, en: string): EinvoiceParse => refusal({ zh: PREFIX.zh + zh, en: PREFIX.en + en });

export function createEinvoiceParser(opts: EinvoiceParserOptions = {}): EinvoiceParser {
  const count = Math.min(2, Math.max(1, Math.floor(opts.workers ?? (availableParallelism() > 2 ? 2 : 1))));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
  const heapMb = opts.heapMb ?? DEFAULT_PARSE_HEAP_MB;
  const maxBytes = opts.maxBytes ?? DEFAULT_PARSE_MAX_BYTES;
  const slots: Slot[] = Array.from({ length: count }, () => ({ worker: null, task: null }));
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  /** Ends the slot's current file with `result` and drops its worker (a fresh one starts for the next file). */
  function fail(slot: Slot, worker: Worker, result: EinvoiceParse): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    const task = slot.task;
    slot.task = null;
    if (task?.timer) clearTimeout(task.timer);
    void worker.terminate();
    task?.resolve(result);
    pump();
  }

  function start(slot: Slot): Worker {
    const launch = parseWorkerLaunch();
    const worker = new Worker(launch.file, {
      execArgv: launch.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GEN_MB },
    });
    slot.worker = worker;
    worker.unref();
    worker.on('message', (raw: unknown) => {
      if (typeof raw === 'object' && raw !== null && 'ready' in raw) return;
      const reply = parseReplySchema.safeParse(raw);
      const task = slot.task;
      if (!task || slot.worker !== worker) return;
      if (!reply.success || reply.data.id !== task.id) {
        fail(slot, worker, said('解析线程返回了无法识别的结果（程序缺陷）', 'the parse thread answered with a malformed result (a bug)'));
        return;
      }
      if (task.timer) clearTimeout(task.timer);
      slot.task = null;
      task.resolve(reply.data.result);
      pump();
    });
    worker.on('error', (e: Error) => {
      const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      fail(
        slot,
        worker,
        oom
          ? said(`读取时所需内存超过上限 ${heapMb} MB，已停止读取`, `reading it needed more than the ${heapMb} MB memory limit and was stopped`)
          : said(`解析线程出错（${e.message.slice(0, 200)}）`, `the parse thread failed (${e.message.slice(0, 200)})`),
      );
    });
    worker.on('exit', (code) => {
      fail(slot, worker, said(`解析线程意外退出（退出码 ${code}）`, `the parse thread stopped unexpectedly (exit code ${code})`));
    });
    opts.onWorker?.(worker);
    return worker;
  }

  function pump(): void {
    if (closed) return;
    for (const slot of slots) {
      if (slot.task || queue.length === 0) continue;
      const next = queue.shift();
      if (!next) break;
      const worker = slot.worker ?? start(slot);
      const id = nextId++;
      const task: NonNullable<Slot['task']> = { id, resolve: next.resolve, timer: null };
      slot.task = task;
      const limit = timeoutMs >= 1000 ? { zh: `${Math.round(timeoutMs / 1000)} 秒`, en: `${Math.round(timeoutMs / 1000)} s` } : { zh: `${timeoutMs} 毫秒`, en: `${timeoutMs} ms` };
      task.timer = setTimeout(() => {
        fail(slot, worker, said(`读取超过 ${limit.zh}仍未完成，已停止`, `reading took longer than ${limit.en} and was stopped`));
      }, timeoutMs);
      // The worker gets its own copy (transferred, not cloned twice); the caller keeps its bytes.
      const copy = new Uint8Array(next.bytes);
      worker.postMessage({ id, bytes: copy }, [copy.buffer]);
    }
  }

  return {
    parse(bytes: Uint8Array): Promise<EinvoiceParse> {
      if (closed) return Promise.resolve(said('解析器已关闭', 'the parser is closed'));
      if (bytes.length > maxBytes) {
        return Promise.resolve(said(`文件有 ${bytes.length} 字节，超过读取上限 ${maxBytes} 字节`, `the file has ${bytes.length} bytes, over the ${maxBytes}-byte reading limit`));
      }
      return new Promise((resolve) => {
        queue.push({ bytes, resolve });
        pump();
      });
    },
    async close(): Promise<void> {
      closed = true;
      const stopped = said('解析器已关闭，文件未读取', 'the parser was closed before the file was read');
      for (const t of queue.splice(0)) t.resolve(stopped);
      const ends: Promise<number>[] = [];
      for (const slot of slots) {
        const w = slot.worker;
        const task = slot.task;
        slot.worker = null;
        slot.task = null;
        if (task?.timer) clearTimeout(task.timer);
        task?.resolve(stopped);
        if (w) ends.push(w.terminate());
      }
      await Promise.all(ends);
    },
  };
}
