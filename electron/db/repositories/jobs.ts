// Main process. Long jobs and their items, persisted so a restart resumes where the last run stopped.
import type { Db } from '../open';
import { AppError } from '../../../shared/errors';
import { fromJson, fromJsonObject, nowIso, toJson } from '../util';

export type JobKind = 'suning_query' | 'wangdian_submit';
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

export function jobsRepo(db: Db) {
  const selJob = db.prepare('SELECT * FROM jobs WHERE id = ?');
  const selItem = db.prepare('SELECT state FROM job_items WHERE job_id = ? AND invoice_id = ?').pluck();
  const updItem = db.prepare('UPDATE job_items SET state = ?, code = ?, message = ? WHERE job_id = ? AND invoice_id = ?');

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

  /** Up to n pending invoice ids, ascending. */
  function nextPending(jobId: number, n: number): number[] {
    return db.prepare("SELECT invoice_id FROM job_items WHERE job_id = ? AND state = 'pending' ORDER BY invoice_id LIMIT ?")
      .pluck().all(jobId, n) as number[];
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
      db.prepare('UPDATE jobs SET done = done + ?, failed = failed + ? WHERE id = ?').run(doneDelta, failedDelta, jobId);
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

  return { create, get, progress, nextPending, markItem, markItemDone, markItemFailed, retryFailed, items, setState, setLastError, listResumable, listActive };
}

export type JobsRepo = ReturnType<typeof jobsRepo>;
