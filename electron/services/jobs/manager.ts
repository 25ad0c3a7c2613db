// Main process. Starts, tracks, cancels, pauses and resumes the persisted bulk jobs; emits their progress.
import { AppError } from '../../../shared/errors';
import type { JobProgress } from '../../../shared/api/schemas';
import type { JobRow } from '../../db/repositories/jobs';
import type { EventSink } from '../events';
import { FatalJobError, type JobContext, type JobFailure } from './context';
import { toFailure } from './failure';
import { ProgressTracker, withRate } from './progress';
import { runQueryJob } from './query-job';
import { yieldToEventLoop } from './pool';
import { runSubmitJob } from './submit-job';
import { runArchiveJob } from '../archive/job';
import { createJobWriter, type WriterGate } from './writer';

/** Items written per transaction when a job starts: ~10 ms each, so starting 10,000 never stalls the loop. */
const CREATE_CHUNK = 1000;

/** Job writes per event-loop turn, in milliseconds. */
const WRITE_BUDGET_MS = 8;
/**
 * Least time between two commits of job writes while they trickle in: a 250 rps submit answered every ~4 ms
 * and committed nearly every write alone; 10 ms gathers a few per commit, which wrote 2.4× fewer bytes (and
 * so ran 2.4× fewer WAL checkpoints, each a blocking fsync on the loop) for the same 3,000 submissions in the
 * same time. Each send waits at most this much longer for its outbox row to be committed.
 */
const WRITE_GAP_MS = 10;

type Kind = JobRow['kind'];

const RUNNERS: Readonly<Record<Kind, (ctx: JobContext, jobId: number, signal: AbortSignal) => Promise<void>>> = {
  suning_query: runQueryJob,
  wangdian_submit: runSubmitJob,
  archive: runArchiveJob,
};
const CHANGED_REASON = { suning_query: 'query', wangdian_submit: 'submit', archive: 'archive' } as const satisfies Record<Kind, string>;
const START_ACTION: Readonly<Record<Kind, string>> = { suning_query: 'query.start', wangdian_submit: 'submit.start', archive: 'archive.start' };

interface Running {
  readonly controller: AbortController;
  readonly tracker: ProgressTracker;
  done: Promise<void>;
  /** Why it stopped early: the clerk cancelled, or the app is closing (pause, resume later). */
  stopReason: 'cancel' | 'pause' | null;
  /** How it ended when the store could not record that (a full disk): what `wait` reports instead. */
  unrecorded: { readonly state: JobRow['state']; readonly failure: JobFailure | null } | null;
}

export interface JobManager {
  /** Writes the job's items in bounded chunks (yielding between them), then starts it. */
  start(kind: Kind, invoiceIds: readonly number[], params: Record<string, unknown>): Promise<{ jobId: number; total: number }>;
  get(jobId: number): JobProgress;
  active(): JobProgress[];
  cancel(jobId: number): Promise<JobProgress>;
  /** Waits for a job to stop (tests, CLI). */
  wait(jobId: number): Promise<JobProgress>;
  /**
   * Resumes jobs that were running or paused when the app stopped: of each kind one at a time, newest
   * first, so an older job finds what a newer one has already submitted and does not send it again.
   */
  resumeAll(): void;
  /**
   * Resumes one job stored running or paused that this process does not run yet (自动处理 resuming its child
   * job where the host does not resume all jobs, the CLI); a no-op otherwise, or while closing.
   */
  resume(jobId: number): void;
  /** Pauses every running job and waits for in-flight requests to settle. */
  pauseAll(): Promise<void>;
}

export function createJobManager(ctxBase: Omit<JobContext, 'changed' | 'progressed' | 'writer'>, emit: EventSink, gate?: WriterGate): JobManager {
  // One writer for all jobs, so a query and a submit running together still share one budget per turn.
  const writer = createJobWriter(ctxBase.db, WRITE_BUDGET_MS, undefined, WRITE_GAP_MS, gate);
  const running = new Map<number, Running>();
  /** Jobs waiting for their turn to resume (another job of their kind resumes first), by id. */
  const resumeQueue = new Map<number, { readonly kind: Kind; readonly turn: Promise<void> }>();
  let closing = false;
  /** Jobs that ended in this process without their outcome being stored (a full disk), read by `get`. */
  const unrecorded = new Map<number, NonNullable<Running['unrecorded']>>();
  /** Kinds whose job is being created right now (its items are still being written). */
  const starting = new Set<Kind>();
  let lastChanged = 0;
  let changedTimer: NodeJS.Timeout | null = null;

  function changed(reason: (typeof CHANGED_REASON)[Kind]): void {
    // Coalesce: the renderer refetches at most about twice a second while a job runs.
    const now = Date.now();
    if (now - lastChanged >= 500) {
      lastChanged = now;
      emit('invoices:changed', { reason });
    } else if (!changedTimer) {
      changedTimer = setTimeout(() => {
        changedTimer = null;
        lastChanged = Date.now();
        emit('invoices:changed', { reason });
      }, 500);
    }
  }

  function progressOf(row: JobRow, tracker?: ProgressTracker): JobProgress {
    const t = tracker ?? new ProgressTracker();
    return withRate({
      jobId: row.jobId,
      kind: row.kind,
      state: row.state,
      total: row.total,
      done: row.done - row.failed,
      failed: row.failed,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      lastError: row.lastError,
    }, t);
  }

  function emitProgress(jobId: number, force: boolean): void {
    const r = running.get(jobId);
    const row = ctxBase.repos.jobs.get(jobId);
    if (!row) return;
    if (r) {
      r.tracker.record(row.done);
      if (!r.tracker.shouldEmit(force)) return;
    }
    emit('job:progress', progressOf(row, r?.tracker));
  }

  function launch(jobId: number, kind: Kind): Running {
    const controller = new AbortController();
    const tracker = new ProgressTracker();
    const ctx: JobContext = {
      ...ctxBase,
      writer,
      changed: () => changed(CHANGED_REASON[kind]),
      progressed: () => emitProgress(jobId, false),
    };
    const entry: Running = { controller, tracker, stopReason: null, done: Promise.resolve(), unrecorded: null };
    entry.done = (async function runJob() {
      tracker.record(0);
      let state: JobRow['state'];
      let failure: JobFailure | null = null;
      try {
        await RUNNERS[kind](ctx, jobId, controller.signal);
        state = entry.stopReason === 'cancel' ? 'cancelled' : entry.stopReason === 'pause' ? 'paused' : 'done';
      } catch (error) {
        failure = error instanceof FatalJobError ? error.failure : toFailure(error);
        state = entry.stopReason === 'pause' ? 'paused' : 'failed';
      }
      // Settles whatever happens (a store that cannot write included): `wait` and `pauseAll` rely on it.
      try {
        if (failure) ctxBase.repos.jobs.setState(jobId, state, failure);
        else ctxBase.repos.jobs.setState(jobId, state);
      } catch (error) {
        // Stored as running until the next start, whose recovery pauses it; this process reports the truth.
        const f = toFailure(error);
        entry.unrecorded = { state: state === 'done' ? 'failed' : state, failure: failure ?? f };
      }
      try {
        emitProgress(jobId, true);
      } catch {
        // Progress is only a notification; the outcome is in `unrecorded` or the store.
      }
      running.delete(jobId);
      if (entry.unrecorded) unrecorded.set(jobId, entry.unrecorded);
      changed(CHANGED_REASON[kind]);
      if (kind === 'suning_query' && state === 'done') await archiveAfterQuery(jobId);
    })();
    running.set(jobId, entry);
    return entry;
  }

  /**
   * 自动存档 (setting archive.autoAfterQuery): a finished query job starts an archive job over the same invoices.
   * An archive job already running keeps its own; the skip is audited, never an error of the query.
   */
  async function archiveAfterQuery(queryJobId: number): Promise<void> {
    if (closing || !ctxBase.archive) return;
    try {
      if (!ctxBase.settings().archive.autoAfterQuery) return;
      const ids = ctxBase.repos.jobs.items(queryJobId).map((i) => i.invoiceId);
      if (ids.length === 0) return;
      await api.start('archive', ids, { after: queryJobId });
    } catch (error) {
      const f = toFailure(error);
      try {
        ctxBase.repos.audit.append('system', 'archive.auto_skipped', `job:${queryJobId}`, { code: f.code, message: f.message });
      } catch {
        // The store cannot even take the audit line (a full disk): the query job's outcome is already stored.
      }
    }
  }

  function resumeInTurn(rows: readonly JobRow[]): void {
    // Newest first, one after another; each waits for the one before it.
    let turn: Promise<void> = Promise.resolve();
    for (const row of [...rows].sort((a, b) => b.jobId - a.jobId)) {
      const previous = turn;
      turn = (async () => {
        await previous;
        resumeQueue.delete(row.jobId);
        // The app is closing (its database may be closed next): the job stays paused for the next start.
        if (closing) return;
        try {
          const current = ctxBase.repos.jobs.get(row.jobId);
          // Cancelled while it waited: nothing to resume.
          if (!current || (current.state !== 'running' && current.state !== 'paused')) return;
          ctxBase.repos.jobs.setState(row.jobId, 'running');
          ctxBase.repos.audit.append('system', 'job.resume', `job:${row.jobId}`, { kind: row.kind });
        } catch (error) {
          // Could not even be marked running (a full disk): it stays paused, and this process says why.
          unrecorded.set(row.jobId, { state: 'paused', failure: toFailure(error) });
          return;
        }
        await launch(row.jobId, row.kind).done;
      })();
      resumeQueue.set(row.jobId, { kind: row.kind, turn });
    }
  }

  function get(jobId: number): JobProgress {
    const row = ctxBase.repos.jobs.progress(jobId);
    const lost = unrecorded.get(jobId);
    if (lost && (row.state === 'running' || row.state === 'paused')) return progressOf({ ...row, state: lost.state, lastError: lost.failure }, undefined);
    return progressOf(row, running.get(jobId)?.tracker);
  }

  const api: JobManager = {
    async start(kind, invoiceIds, params) {
      if (invoiceIds.length === 0) {
        throw new AppError('validation', { zh: '没有选中任何发票', en: 'No invoice is selected' });
      }
      const busy = [...running.keys(), ...[...resumeQueue].filter(([, q]) => q.kind === kind).map(([id]) => id)]
        .map((id) => ctxBase.repos.jobs.get(id)).find((j) => j?.kind === kind);
      if (busy) {
        throw new AppError('job_running', {
          zh: `已有一个同类任务（#${busy.jobId}）正在进行，请等它完成或取消后再开始`,
          en: `A job of this kind (#${busy.jobId}) is already running; wait for it or cancel it first`,
        }, { jobId: busy.jobId });
      }
      if (starting.has(kind)) {
        throw new AppError('job_running', {
          zh: '已有一个同类任务正在创建，请稍候',
          en: 'A job of this kind is being started; wait a moment',
        });
      }
      starting.add(kind);
      let jobId: number;
      try {
        jobId = await ctxBase.repos.jobs.createInChunks(kind, params, invoiceIds, yieldToEventLoop, CREATE_CHUNK);
      } finally {
        starting.delete(kind);
      }
      ctxBase.repos.audit.append('clerk', START_ACTION[kind], `job:${jobId}`, { total: invoiceIds.length, ...params });
      launch(jobId, kind);
      emitProgress(jobId, true);
      return { jobId, total: ctxBase.repos.jobs.progress(jobId).total };
    },
    get,
    active() {
      return ctxBase.repos.jobs.listActive().map((row) => progressOf(row, running.get(row.jobId)?.tracker));
    },
    async cancel(jobId) {
      const r = running.get(jobId);
      if (r) {
        r.stopReason = 'cancel';
        r.controller.abort(new AppError('cancelled', { zh: '已取消', en: 'Cancelled' }));
        await r.done;
      } else {
        const row = ctxBase.repos.jobs.progress(jobId);
        if (row.state === 'running' || row.state === 'paused') ctxBase.repos.jobs.setState(jobId, 'cancelled');
      }
      ctxBase.repos.audit.append('clerk', 'job.cancel', `job:${jobId}`, {});
      return get(jobId);
    },
    async wait(jobId) {
      await resumeQueue.get(jobId)?.turn;
      await running.get(jobId)?.done;
      return get(jobId);
    },
    resumeAll() {
      const rows = ctxBase.repos.jobs.listResumable().filter((r) => !running.has(r.jobId) && !resumeQueue.has(r.jobId));
      for (const kind of ['wangdian_submit', 'suning_query', 'archive'] as const) resumeInTurn(rows.filter((r) => r.kind === kind));
    },
    resume(jobId) {
      if (closing || running.has(jobId) || resumeQueue.has(jobId)) return;
      const row = ctxBase.repos.jobs.get(jobId);
      if (row && (row.state === 'running' || row.state === 'paused')) resumeInTurn([row]);
    },
    async pauseAll() {
      closing = true;
      const waiting = [...resumeQueue.values()].map((q) => q.turn);
      const all = [...running.values()];
      for (const r of all) {
        r.stopReason = 'pause';
        r.controller.abort(new AppError('cancelled', { zh: '程序退出，任务已暂停', en: 'App closing; job paused' }));
      }
      await Promise.all([...all.map((r) => r.done), ...waiting]);
      if (changedTimer) clearTimeout(changedTimer);
    },
  };
  return api;
}
