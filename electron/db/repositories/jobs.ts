// Main process. Long jobs and their items, persisted so a restart resumes where the last run stopped.
import type { Db } from '../open';
import { AppError } from '../../../shared/errors';
import { fromJson, fromJsonObject, nowIso, toJson } from '../util';

export type JobKind = 'suning_query' | 'wangdian_submit' | 'archive';
export type JobState = 'running' | 'paused' | 'done' | 'cancelled' | 'failed';
export type ItemState = 'pending' | 'done' | 'failed';

export interface JobError {
  readonly code: string;
  readonly message: string;
  readonly messageEn: string;
}

export interface JobRow {
  readonly jobId: number;
  readonly kind: JobKind;
  readonly state: JobState;
  readonly params: Record<string, unknown>;
  readonly total: number;
  /** Items finished, successfully or not (progress = done / total). */
  readonly done: number;
  /** Of `done`, how many failed. */
  readonly failed: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly lastError: JobError | null;
}

interface JobDbRow {
  readonly id: number;
  readonly kind: string;
  readonly state: string;
  readonly params: string;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly started_at: string;
  readonly finished_at: string | null;
  readonly last_error: string | null;
}

function toJob(r: JobDbRow): JobRow {
  const err = fromJson(r.last_error) as JobError | null;
  return {
    jobId: r.id,
    kind: r.kind as JobKind,
    state: r.state as JobState,
    params: fromJsonObject(r.params),
    total: r.total,
    done: r.done,
    failed: r.failed,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    lastError: err,
  };
}

const TERMINAL: ReadonlySet<JobState> = new Set(['done', 'cancelled', 'failed']);

/** Stored on a job whose items are still being written; cleared when the last chunk is in. */
export const CREATION_INTERRUPTED: JobError = {
  code: 'job_interrupted',
  message: '任务在创建过程中被中断，请重新开始',
  messageEn: 'The job was interrupted while it was being created; start it again',
};

export function jobsRepo(db: Db) {
  const selJob = db.prepare('SELECT * FROM jobs WHERE id = ?');
  const selItem = db.prepare('SELECT state FROM job_items WHERE job_id = ? AND invoice_id = ?').pluck();
  const updItem = db.prepare('UPDATE job_items SET state = ?, code = ?, message = ? WHERE job_id = ? AND invoice_id = ?');
  const updCounters = db.prepare('UPDATE jobs SET done = done + ?, failed = failed + ? WHERE id = ?');
  const insJob = db.prepare('INSERT INTO jobs (kind, state, params, total, started_at, last_error) VALUES (?, ?, ?, ?, ?, ?)');
  // One statement per chunk: the ids travel as one JSON array instead of one INSERT per item.
  const insItems = db.prepare('INSERT OR IGNORE INTO job_items (job_id, invoice_id) SELECT ?, value FROM json_each(?)');
  const selPending = db.prepare("SELECT invoice_id FROM job_items WHERE job_id = ? AND state = 'pending' ORDER BY invoice_id LIMIT ?").pluck();
  const selPendingAfter = db.prepare(
    "SELECT invoice_id FROM job_items WHERE job_id = ? AND state = 'pending' AND invoice_id > ? ORDER BY invoice_id LIMIT ?",
  ).pluck();

  function get(jobId: number): JobRow | null {
    const r = selJob.get(jobId) as JobDbRow | undefined;
    return r ? toJob(r) : null;
  }

  function progress(jobId: number): JobRow {
    const j = get(jobId);
    if (!j) throw new AppError('not_found', { zh: `任务 ${jobId} 不存在`, en: `Job ${jobId} does not exist` }, { jobId });
    return j;
  }

  function create(kind: JobKind, params: Record<string, unknown>, invoiceIds: readonly number[]): number {
    return db.transaction(() => {
      const ids = [...new Set(invoiceIds)];
      const info = db.prepare("INSERT INTO jobs (kind, state, params, total, started_at) VALUES (?, 'running', ?, ?, ?)")
        .run(kind, toJson(params), ids.length, nowIso());
      const jobId = Number(info.lastInsertRowid);
      const ins = db.prepare('INSERT INTO job_items (job_id, invoice_id) VALUES (?, ?)');
      for (const id of ids) ins.run(jobId, id);
      return jobId;
    })();
  }

  /**
   * Creates a job of many items without holding the event loop: the items are written in transactions of
   * `chunkSize`, with `pause()` (a yield to the event loop) between them. Until the last chunk is written the
   * job is stored as failed with an "interrupted while being created" error, so a crash half-way leaves an
   * honest record that nobody resumes, never a job silently covering part of the clerk's selection; the last
   * chunk's transaction turns it into a running job.
   */
  async function createInChunks(
    kind: JobKind,
    params: Record<string, unknown>,
    invoiceIds: readonly number[],
    pause: () => Promise<void>,
    chunkSize = 2000,
  ): Promise<number> {
    const ids = [...new Set(invoiceIds)];
    const jobId = Number(insJob.run(kind, 'failed', toJson(params), ids.length, nowIso(), toJson(CREATION_INTERRUPTED)).lastInsertRowid);
    const size = Math.max(1, chunkSize);
    for (let i = 0; i < ids.length || i === 0; i += size) {
      const last = i + size >= ids.length;
      db.transaction(() => {
        insItems.run(jobId, JSON.stringify(ids.slice(i, i + size)));
        if (last) db.prepare("UPDATE jobs SET state = 'running', last_error = NULL WHERE id = ?").run(jobId);
      })();
      if (last) break;
      await pause();
    }
    return jobId;
  }

  /** Up to n pending invoice ids, ascending. */
  function nextPending(jobId: number, n: number): number[] {
    return selPending.all(jobId, n) as number[];
  }

  /** Up to n pending invoice ids above `afterId`, ascending (a cursor, so items in flight are not read twice). */
  function nextPendingAfter(jobId: number, afterId: number, n: number): number[] {
    return selPendingAfter.all(jobId, afterId, n) as number[];
  }

  function markItem(jobId: number, invoiceId: number, state: ItemState, code: string | null = null, message: string | null = null): void {
    db.transaction(() => {
      const before = selItem.get(jobId, invoiceId) as ItemState | undefined;
      if (before === undefined) {
        throw new AppError('not_found', { zh: `任务 ${jobId} 中没有发票 ${invoiceId}`, en: `Job ${jobId} has no invoice ${invoiceId}` });
      }
      updItem.run(state, code, message, jobId, invoiceId);
      if (before === state) return;
      // Keep the job's counters equal to its items without recounting them.
      const doneDelta = (state !== 'pending' ? 1 : 0) - (before !== 'pending' ? 1 : 0);
      const failedDelta = (state === 'failed' ? 1 : 0) - (before === 'failed' ? 1 : 0);
      updCounters.run(doneDelta, failedDelta, jobId);
    })();
  }

  const markItemDone = (jobId: number, invoiceId: number, code: string | null = null, message: string | null = null): void =>
    markItem(jobId, invoiceId, 'done', code, message);
  const markItemFailed = (jobId: number, invoiceId: number, code: string, message: string): void =>
    markItem(jobId, invoiceId, 'failed', code, message);
  /** Puts failed items back to pending (retry). Returns how many. */
  function retryFailed(jobId: number): number {
    return db.transaction(() => {
      const n = db.prepare("UPDATE job_items SET state = 'pending', code = NULL, message = NULL WHERE job_id = ? AND state = 'failed'").run(jobId).changes;
      db.prepare('UPDATE jobs SET done = done - ?, failed = failed - ? WHERE id = ?').run(n, n, jobId);
      return n;
    })();
  }

  function items(jobId: number, state?: ItemState): { invoiceId: number; state: ItemState; code: string | null; message: string | null }[] {
    const rows = (state
      ? db.prepare('SELECT invoice_id, state, code, message FROM job_items WHERE job_id = ? AND state = ? ORDER BY invoice_id').all(jobId, state)
      : db.prepare('SELECT invoice_id, state, code, message FROM job_items WHERE job_id = ? ORDER BY invoice_id').all(jobId)) as
      { invoice_id: number; state: ItemState; code: string | null; message: string | null }[];
    return rows.map((r) => ({ invoiceId: r.invoice_id, state: r.state, code: r.code, message: r.message }));
  }

  function setState(jobId: number, state: JobState, lastError?: JobError | null): JobRow {
    const finishedAt = TERMINAL.has(state) ? nowIso() : null;
    if (lastError !== undefined) {
      db.prepare('UPDATE jobs SET state = ?, finished_at = ?, last_error = ? WHERE id = ?').run(state, finishedAt, lastError === null ? null : toJson(lastError), jobId);
    } else {
      db.prepare('UPDATE jobs SET state = ?, finished_at = ? WHERE id = ?').run(state, finishedAt, jobId);
    }
    return progress(jobId);
  }

  function setLastError(jobId: number, lastError: JobError | null): void {
    db.prepare('UPDATE jobs SET last_error = ? WHERE id = ?').run(lastError === null ? null : toJson(lastError), jobId);
  }

  /** Jobs a restart should pick up again (running when the app stopped, or paused). */
  function listResumable(): JobRow[] {
    return (db.prepare("SELECT * FROM jobs WHERE state IN ('running','paused') ORDER BY id").all() as JobDbRow[]).map(toJob);
  }

  function listActive(): JobRow[] {
    return listResumable();
  }

  /**
   * At start-up, in the folder's owner: a job stored as running is one whose process died (a live one would
   * hold the folder). It becomes paused — resumable, and honest: nothing runs it now. Returns the job ids.
   */
  function pauseInterrupted(): number[] {
    return db.transaction(() => {
      const ids = db.prepare("SELECT id FROM jobs WHERE state = 'running' ORDER BY id").pluck().all() as number[];
      if (ids.length > 0) db.prepare("UPDATE jobs SET state = 'paused' WHERE state = 'running'").run();
      return ids;
    })();
  }

  /** Whether a job of the kind was created after this one (only then can it have made this one redundant). */
  function hasLater(jobId: number, kind: JobKind): boolean {
    return db.prepare('SELECT 1 FROM jobs WHERE kind = ? AND id > ? LIMIT 1').get(kind, jobId) !== undefined;
  }

  return { pauseInterrupted, hasLater, create, createInChunks, get, progress, nextPending, nextPendingAfter, markItem, markItemDone, markItemFailed, retryFailed, items, setState, setLastError, listResumable, listActive };
}

export type JobsRepo = ReturnType<typeof jobsRepo>;
