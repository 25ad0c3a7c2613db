// Main process. 自动处理 runs (migration 005): the run's fixed set of invoices, its phase, and the child jobs
// it started, persisted so a run killed in any phase resumes in that phase.
import type { Db } from '../open';
import { AppError } from '../../../shared/errors';
import type { AutoPhase, AutoRunState, AutoSummary } from '../../../shared/domain/auto';
import { CREATION_INTERRUPTED, type JobError, type JobKind } from './jobs';
import { fromJson, fromJsonObject, nowIso, toJson } from '../util';

export interface AutoRunRow {
  readonly runId: number;
  readonly state: AutoRunState;
  readonly phase: AutoPhase;
  readonly params: Record<string, unknown>;
  readonly total: number;
  readonly queryJobId: number | null;
  readonly submitJobId: number | null;
  readonly fillBatch: string | null;
  readonly fillTotal: number;
  readonly filled: number;
  readonly fillFailed: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly lastError: JobError | null;
  readonly summary: AutoSummary | null;
}

interface DbRow {
  readonly id: number;
  readonly state: string;
  readonly phase: string;
  readonly params: string;
  readonly total: number;
  readonly query_job_id: number | null;
  readonly submit_job_id: number | null;
  readonly fill_batch: string | null;
  readonly fill_total: number;
  readonly filled: number;
  readonly fill_failed: number;
  readonly started_at: string;
  readonly finished_at: string | null;
  readonly last_error: string | null;
  readonly summary: string | null;
}

function toRow(r: DbRow): AutoRunRow {
  return {
    runId: r.id,
    state: r.state as AutoRunState,
    phase: r.phase as AutoPhase,
    params: fromJsonObject(r.params),
    total: r.total,
    queryJobId: r.query_job_id,
    submitJobId: r.submit_job_id,
    fillBatch: r.fill_batch,
    fillTotal: r.fill_total,
    filled: r.filled,
    fillFailed: r.fill_failed,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    lastError: fromJson(r.last_error) as JobError | null,
    // Written by this app only (the runner's summary); read back as stored.
    summary: fromJson(r.summary) as AutoSummary | null,
  };
}

const TERMINAL: ReadonlySet<AutoRunState> = new Set(['done', 'failed', 'cancelled']);

export function autoRunsRepo(db: Db) {
  const sel = db.prepare('SELECT * FROM auto_runs WHERE id = ?');
  const insItems = db.prepare('INSERT OR IGNORE INTO auto_run_items (run_id, invoice_id) SELECT ?, value FROM json_each(?)');
  const selItemsAfter = db.prepare('SELECT invoice_id FROM auto_run_items WHERE run_id = ? AND invoice_id > ? ORDER BY invoice_id LIMIT ?').pluck();

  function get(runId: number): AutoRunRow | null {
    const r = sel.get(runId) as DbRow | undefined;
    return r ? toRow(r) : null;
  }

  function progress(runId: number): AutoRunRow {
    const r = get(runId);
    if (!r) throw new AppError('not_found', { zh: `自动处理任务 ${runId} 不存在`, en: `Auto-processing run ${runId} does not exist` }, { runId });
    return r;
  }

  /**
   * Writes the run and its invoices in chunks with `pause()` between them. Until the last chunk is in, the run
   * is stored as failed ("interrupted while being created"), so a crash half-way never leaves a run covering
   * part of the clerk's selection that someone resumes.
   */
  async function create(params: Record<string, unknown>, invoiceIds: readonly number[], pause: () => Promise<void>, chunkSize = 2000): Promise<number> {
    const ids = [...new Set(invoiceIds)];
    const runId = Number(db.prepare("INSERT INTO auto_runs (state, phase, params, total, started_at, last_error) VALUES ('failed', 'query', ?, ?, ?, ?)")
      .run(toJson(params), ids.length, nowIso(), toJson(CREATION_INTERRUPTED)).lastInsertRowid);
    for (let i = 0; i < ids.length || i === 0; i += chunkSize) {
      const last = i + chunkSize >= ids.length;
      db.transaction(() => {
        insItems.run(runId, JSON.stringify(ids.slice(i, i + chunkSize)));
        if (last) db.prepare("UPDATE auto_runs SET state = 'running', last_error = NULL WHERE id = ?").run(runId);
      })();
      if (last) break;
      await pause();
    }
    return runId;
  }

  /** Up to n of the run's invoice ids above `afterId`, ascending. */
  function itemsAfter(runId: number, afterId: number, n: number): number[] {
    return selItemsAfter.all(runId, afterId, n) as number[];
  }

  function setState(runId: number, state: AutoRunState, lastError?: JobError | null): void {
    const finishedAt = TERMINAL.has(state) ? nowIso() : null;
    if (lastError === undefined) db.prepare('UPDATE auto_runs SET state = ?, finished_at = ? WHERE id = ?').run(state, finishedAt, runId);
    else db.prepare('UPDATE auto_runs SET state = ?, finished_at = ?, last_error = ? WHERE id = ?').run(state, finishedAt, lastError === null ? null : toJson(lastError), runId);
  }

  function setPhase(runId: number, phase: AutoPhase): void {
    db.prepare('UPDATE auto_runs SET phase = ? WHERE id = ?').run(phase, runId);
  }

  function setChildJob(runId: number, phase: 'query' | 'submit', jobId: number): void {
    db.prepare(`UPDATE auto_runs SET ${phase === 'query' ? 'query_job_id' : 'submit_job_id'} = ? WHERE id = ?`).run(jobId, runId);
  }

  /**
   * The child job of a phase that a crash left unrecorded (started, but killed before its id was stored):
   * found by the run id in its params. A job whose creation was interrupted never ran and is ignored.
   */
  function findChildJob(runId: number, kind: JobKind): number | null {
    const rows = db.prepare("SELECT id, state, last_error FROM jobs WHERE kind = ? AND json_extract(params, '$.autoRun') = ? ORDER BY id DESC")
      .all(kind, runId) as { id: number; state: string; last_error: string | null }[];
    const usable = rows.find((r) => !(r.state === 'failed' && (fromJson(r.last_error) as JobError | null)?.code === CREATION_INTERRUPTED.code));
    return usable?.id ?? null;
  }

  function startFill(runId: number, batch: string, total: number): void {
    db.prepare('UPDATE auto_runs SET fill_batch = ?, fill_total = ? WHERE id = ? AND fill_batch IS NULL').run(batch, total, runId);
  }

  function addFilled(runId: number, filled: number, failed: number): void {
    db.prepare('UPDATE auto_runs SET filled = filled + ?, fill_failed = fill_failed + ? WHERE id = ?').run(filled, failed, runId);
  }

  function finish(runId: number, state: AutoRunState, summary: AutoSummary | null, lastError?: JobError | null): void {
    db.transaction(() => {
      db.prepare("UPDATE auto_runs SET phase = CASE WHEN ? = 'done' THEN 'finished' ELSE phase END, summary = ? WHERE id = ?").run(state, summary === null ? null : toJson(summary), runId);
      setState(runId, state, lastError);
    })();
  }

  /** Runs a restart should pick up again. */
  function listResumable(): AutoRunRow[] {
    return (db.prepare("SELECT * FROM auto_runs WHERE state IN ('running','paused') ORDER BY id").all() as DbRow[]).map(toRow);
  }

  function latest(): AutoRunRow | null {
    const r = db.prepare('SELECT * FROM auto_runs ORDER BY id DESC LIMIT 1').get() as DbRow | undefined;
    return r ? toRow(r) : null;
  }

  /** At start-up, in the folder's owner: a run stored as running is one whose process died; it becomes paused. */
  function pauseInterrupted(): number[] {
    return db.transaction(() => {
      const ids = db.prepare("SELECT id FROM auto_runs WHERE state = 'running' ORDER BY id").pluck().all() as number[];
      if (ids.length > 0) db.prepare("UPDATE auto_runs SET state = 'paused' WHERE state = 'running'").run();
      return ids;
    })();
  }

  return { get, progress, create, itemsAfter, setState, setPhase, setChildJob, findChildJob, startFill, addFilled, finish, listResumable, latest, pauseInterrupted };
}

export type AutoRunsRepo = ReturnType<typeof autoRunsRepo>;
