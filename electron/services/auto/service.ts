// Main process. 自动处理: one action over a selection — query what needs a query, fill every fillable from its
// one valid blue (the bulk 采用苏宁结果 path: audited, one batch to undo), submit every invoice whose plan is
// "submit". It composes the existing persisted jobs instead of sending anything itself: the query and the
// submit are child jobs (the outbox gives each send its exactly-once), and the run stores its phase and their
// ids, so a process killed in any phase resumes in that phase and waits for (or resumes) the same child.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Selection, Settings } from '../../../shared/api/schemas';
import type { AutoPhaseProgress, AutoRun } from '../../../shared/domain/auto';
import type { JobProgress } from '../../../shared/api/schemas';
import type { Db } from '../../db/open';
import type { Repositories } from '../../db/repositories';
import type { AutoRunRow } from '../../db/repositories/auto-runs';
import type { JobError, JobKind } from '../../db/repositories/jobs';
import { chunk } from '../../db/util';
import { applySuningBatch, previewApplySuning } from '../apply-suning';
import type { EventSink } from '../events';
import { toFailure } from '../jobs/failure';
import type { JobManager } from '../jobs/manager';
import { yieldToEventLoop } from '../jobs/pool';
import { ProgressTracker, withRate } from '../jobs/progress';
import { planClock } from '../plan';
import type { PlatformClients } from '../platform-clients';
import type { WriteGate } from '../write-gate';
import { idsNeeding, summarize } from './scope';
import { isDiskFull } from '../disk-full';
import { invoiceFilterSchema } from '../../../shared/api/schemas';

/**
 * Invoices filled per transaction (a preview and an apply of the bulk path). 250 took ~60 ms on a busy 2-core
 * machine, held on the main thread; 50 keep each step near 10 ms and the event loop free between them.
 */
const FILL_CHUNK = 50;

/**
 * Fault injection for the crash tests, never set by the app: after this many fill chunks the fill stops and
 * waits (until cancelled or the process is killed), so a test can SIGKILL it half-way through the fill at a
 * known point instead of racing a phase that takes a few milliseconds.
 */
const STALL_FILL_AFTER = Number(process.env['INVOICE_RECON_TEST_STALL_FILL_AFTER'] ?? '') || 0;

function stalled(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export interface AutoDeps {
  readonly db: Db;
  readonly repos: Repositories;
  readonly jobs: JobManager;
  readonly clients: PlatformClients;
  readonly writeGate: WriteGate;
  readonly actor: string;
  settings(): Settings;
  readonly emit: EventSink;
}

export interface AutoService {
  /** Creates the run over the selection (its invoices fixed now) and starts it. */
  start(selection: Selection): Promise<AutoRun>;
  get(runId: number): AutoRun;
  /** The newest run, or null. */
  latest(): AutoRun | null;
  /** The run a restart would pick up (running or paused), if any. */
  resumable(): AutoRun | null;
  /** Resumes a run stored running or paused, in the phase it was in. */
  resume(runId: number): AutoRun;
  cancel(runId: number): Promise<AutoRun>;
  /** Waits for a run to stop (CLI, tests). */
  wait(runId: number): Promise<AutoRun>;
  /** At start-up, in the folder's owner: runs left running by a dead process become paused. */
  recover(): void;
  /** Resumes every run a restart should pick up. */
  resumeAll(): void;
  /** Stops the runners (each run stays paused, its child job is paused by the job manager); call before jobs.pauseAll. */
  pauseAll(): Promise<void>;
  /** Forwards a child job's progress as the run's (app-core feeds it every job:progress event). */
  onJobProgress(p: JobProgress): void;
}

interface Running {
  readonly controller: AbortController;
  stopReason: 'cancel' | 'pause' | null;
  done: Promise<void>;
  readonly tracker: ProgressTracker;
}

type PhaseEnd = 'done' | 'stopped' | 'cancelled' | { readonly failed: JobError };

const GENERIC_FAILURE: JobError = { code: 'internal', message: '子任务失败', messageEn: 'A child job failed' };

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T | null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then((v) => {
      signal.removeEventListener('abort', onAbort);
      resolve(v);
    }, (e: unknown) => {
      signal.removeEventListener('abort', onAbort);
      reject(e instanceof Error ? e : new Error(String(e)));
    });
  });
}

function busyJobOf(error: unknown): number | null | undefined {
  if (!(error instanceof AppError) || error.code !== 'job_running') return undefined;
  const id = (error.details as { jobId?: unknown } | undefined)?.jobId;
  return typeof id === 'number' ? id : null;
}

export function createAutoService(d: AutoDeps): AutoService {
  const { db, repos, jobs } = d;
  const running = new Map<number, Running>();
  /** Child job id → run id, for forwarding progress. */
  const children = new Map<number, number>();
  let closing = false;
  let starting = false;
  let lastEmit = 0;

  const clock = () => planClock(d.settings());

  function childPhase(run: AutoRunRow, phase: 'query' | 'submit'): AutoPhaseProgress {
    const jobId = phase === 'query' ? run.queryJobId : run.submitJobId;
    const order = ['query', 'fill', 'submit', 'finished'];
    const past = order.indexOf(run.phase) > order.indexOf(phase);
    if (jobId === null) return { phase, state: past ? 'skipped' : 'pending', total: 0, done: 0, failed: 0, jobId: null };
    const j = jobs.get(jobId);
    return { phase, state: j.state, total: j.total, done: j.done, failed: j.failed, jobId };
  }

  function view(run: AutoRunRow): AutoRun {
    const query = childPhase(run, 'query');
    const submit = childPhase(run, 'submit');
    const fillState: AutoPhaseProgress['state'] = run.phase === 'fill'
      ? (run.state === 'running' ? 'running' : run.state === 'paused' ? 'paused' : run.state)
      : run.phase === 'query' ? 'pending' : run.fillBatch === null ? 'skipped' : 'done';
    const fill: AutoPhaseProgress = { phase: 'fill', state: fillState, total: run.fillTotal, done: run.filled, failed: run.fillFailed, jobId: null };
    let ratePerSec = 0;
    let etaSec: number | null = null;
    const live = run.state === 'running';
    if (live && run.phase === 'fill') {
      const r = withRate({ jobId: 0, kind: 'suning_query', state: 'running', total: fill.total, done: fill.done, failed: fill.failed, startedAt: run.startedAt, finishedAt: null, lastError: null }, running.get(run.runId)?.tracker ?? new ProgressTracker());
      ratePerSec = r.ratePerSec;
      etaSec = r.etaSec;
    } else if (live && (run.phase === 'query' || run.phase === 'submit')) {
      const jobId = run.phase === 'query' ? run.queryJobId : run.submitJobId;
      if (jobId !== null) {
        const j = jobs.get(jobId);
        ratePerSec = j.ratePerSec;
        etaSec = j.etaSec;
      }
    }
    return {
      runId: run.runId, state: run.state, phase: run.phase, total: run.total, phases: [query, fill, submit],
      ratePerSec, etaSec, startedAt: run.startedAt, finishedAt: run.finishedAt, lastError: run.lastError, summary: run.summary,
    };
  }

  const get = (runId: number): AutoRun => view(repos.autoRuns.progress(runId));

  function emitView(runId: number, force: boolean): void {
    const now = Date.now();
    if (!force && now - lastEmit < 200) return;
    lastEmit = now;
    const run = repos.autoRuns.get(runId);
    if (run) d.emit('auto:progress', view(run));
  }

  /** Starts the phase's child job; waits for another job of the kind to finish first. Null: stopped meanwhile. */
  async function startChild(runId: number, kind: JobKind, ids: readonly number[], signal: AbortSignal): Promise<number | null> {
    for (;;) {
      if (signal.aborted) return null;
      try {
        const { jobId } = await jobs.start(kind, ids, { selection: 'auto', autoRun: runId });
        return jobId;
      } catch (error) {
        const busy = busyJobOf(error);
        if (busy === undefined) throw error;
        // The clerk's own query or submit is running: this phase goes after it, not beside it.
        if (busy === null) await abortable(new Promise((r) => setTimeout(r, 100)), signal);
        else await abortable(jobs.wait(busy), signal);
      }
    }
  }

  async function runChildPhase(runId: number, phase: 'query' | 'submit', entry: Running): Promise<PhaseEnd> {
    const { signal } = entry.controller;
    const kind: JobKind = phase === 'query' ? 'suning_query' : 'wangdian_submit';
    const run = repos.autoRuns.progress(runId);
    // Recorded, or started but killed before its id was stored: found by the run id in its params.
    let jobId = (phase === 'query' ? run.queryJobId : run.submitJobId) ?? repos.autoRuns.findChildJob(runId, kind);
    if (jobId === null) {
      const ids = await idsNeeding(repos, runId, phase, clock());
      if (ids.length === 0) return 'done';
      jobId = await startChild(runId, kind, ids, signal);
      if (jobId === null) return 'stopped';
    }
    repos.autoRuns.setChildJob(runId, phase, jobId);
    children.set(jobId, runId);
    emitView(runId, true);
    // A child left paused by a dead process (or a host that resumes no jobs, the CLI) is resumed here.
    jobs.resume(jobId);
    const p = await abortable(jobs.wait(jobId), signal);
    if (p === null) return 'stopped';
    if (p.state === 'done') return 'done';
    if (p.state === 'cancelled') return 'cancelled';
    if (p.state === 'failed') return { failed: p.lastError ?? GENERIC_FAILURE };
    return 'stopped'; // paused: the app is closing or the CLI was told to stop
  }

  /** Fills one chunk through the bulk 采用苏宁结果 path; values typed by hand are never replaced unseen. */
  function fillChunk(runId: number, batch: string, part: readonly number[]): void {
    let ids = [...part];
    let p = previewApplySuning(db, repos, { kind: 'ids', ids });
    const typed = new Set(p.typedOverwrites.map((o) => o.invoiceId));
    if (typed.size > 0) {
      // Left for the clerk (the summary says why): nobody saw a preview of these replacements.
      ids = ids.filter((id) => !typed.has(id));
      if (ids.length === 0) return;
      p = previewApplySuning(db, repos, { kind: 'ids', ids });
    }
    const token = p.token;
    if (token === null) return;
    db.transaction(() => {
      const r = applySuningBatch(db, repos, d.actor, { kind: 'ids', ids }, token, 'bulk', batch);
      repos.autoRuns.addFilled(runId, r.changed, 0);
    })();
  }

  async function runFillPhase(runId: number, entry: Running): Promise<PhaseEnd> {
    const { signal } = entry.controller;
    const run = repos.autoRuns.progress(runId);
    const ids = await idsNeeding(repos, runId, 'fill', clock());
    let batch = run.fillBatch;
    if (batch === null) {
      batch = randomUUID();
      repos.autoRuns.startFill(runId, batch, ids.length);
    }
    entry.tracker.record(run.filled);
    let chunksDone = 0;
    for (const part of chunk(ids, FILL_CHUNK)) {
      if (signal.aborted) return 'stopped';
      await d.writeGate.idle();
      try {
        fillChunk(runId, batch, part);
      } catch (error) {
        if (isDiskFull(error)) throw error;
        // The records changed between preview and apply (an edit, an import): one more try from a new preview.
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
        try {
          fillChunk(runId, batch, part);
        } catch (again) {
          if (!(again instanceof AppError && again.code === 'conflict')) throw again;
          repos.autoRuns.addFilled(runId, 0, part.length);
        }
      }
      entry.tracker.record(repos.autoRuns.progress(runId).filled);
      emitView(runId, false);
      await yieldToEventLoop();
      chunksDone++;
      if (STALL_FILL_AFTER > 0 && chunksDone >= STALL_FILL_AFTER) await stalled(signal);
    }
    repos.autoRuns.setPhase(runId, 'submit');
    return 'done';
  }

  function runFilter(run: AutoRunRow) {
    const sel = run.params.selection as { kind?: unknown; filter?: unknown } | undefined;
    const f = sel?.kind === 'filter' ? invoiceFilterSchema.safeParse(sel.filter) : null;
    return f?.success ? f.data : {};
  }

  async function finish(runId: number, state: 'done' | 'failed' | 'cancelled', lastError?: JobError): Promise<void> {
    const run = repos.autoRuns.progress(runId);
    const q = run.queryJobId === null ? null : repos.jobs.get(run.queryJobId);
    const s = run.submitJobId === null ? null : repos.jobs.get(run.submitJobId);
    const summary = await summarize(repos, runId, runFilter(run), clock(), {
      queried: { ok: q ? q.done - q.failed : 0, failed: q ? q.failed : 0 },
      filled: run.filled,
      fillFailed: run.fillFailed,
      submitted: { ok: s ? s.done - s.failed : 0, failed: s ? s.failed : 0 },
    });
    repos.autoRuns.finish(runId, state, summary, lastError);
    repos.audit.append(d.actor, 'auto.finish', `auto:${runId}`, { state, automaticFailures: summary.automaticFailures, left: summary.leftForClerk.reduce((n, g) => n + g.count, 0) });
  }

  async function drive(runId: number, entry: Running): Promise<void> {
    let end: PhaseEnd = 'done';
    try {
      for (;;) {
        if (entry.controller.signal.aborted) {
          end = 'stopped';
          break;
        }
        const phase = repos.autoRuns.progress(runId).phase;
        if (phase === 'finished') break;
        end = phase === 'fill' ? await runFillPhase(runId, entry) : await runChildPhase(runId, phase, entry);
        if (end !== 'done') break;
        if (phase === 'query') repos.autoRuns.setPhase(runId, 'fill');
        if (phase === 'submit') repos.autoRuns.setPhase(runId, 'finished');
        emitView(runId, true);
      }
      if (end === 'stopped') {
        if (entry.stopReason === 'cancel') {
          // A child started while the cancel was on its way would otherwise go on alone.
          await cancelChildren(runId);
          await finish(runId, 'cancelled');
        }
        else repos.autoRuns.setState(runId, 'paused');
      } else if (end === 'cancelled') await finish(runId, 'cancelled');
      else if (end === 'done') await finish(runId, 'done');
      else await finish(runId, 'failed', end.failed);
    } catch (error) {
      const f = toFailure(error);
      try {
        await finish(runId, 'failed', f);
      } catch {
        // The store cannot take the outcome (a full disk): it stays running until the next start pauses it.
      }
    }
    running.delete(runId);
    try {
      emitView(runId, true);
    } catch {
      // Only a notification.
    }
  }

  /** Cancels the run's child jobs that are still running or paused (recorded, or found by their params). */
  async function cancelChildren(runId: number): Promise<void> {
    const run = repos.autoRuns.progress(runId);
    const ids = new Set([run.queryJobId, run.submitJobId, repos.autoRuns.findChildJob(runId, 'suning_query'), repos.autoRuns.findChildJob(runId, 'wangdian_submit')]);
    for (const child of ids) {
      if (child === null) continue;
      const j = repos.jobs.get(child);
      if (j && (j.state === 'running' || j.state === 'paused')) await jobs.cancel(child);
    }
  }

  function launch(runId: number): void {
    const entry: Running = { controller: new AbortController(), stopReason: null, done: Promise.resolve(), tracker: new ProgressTracker() };
    running.set(runId, entry);
    entry.done = drive(runId, entry);
  }

  function refuseIfBusy(): void {
    const busy = repos.autoRuns.listResumable()[0];
    if (busy) {
      throw new AppError('job_running', {
        zh: `已有一个自动处理任务（#${busy.runId}）尚未完成，请等它完成或取消后再开始`,
        en: `An auto-processing run (#${busy.runId}) is not finished; wait for it or cancel it first`,
      }, { runId: busy.runId });
    }
  }

  async function startRun(selection: Selection): Promise<AutoRun> {
    // Both platforms must be configured: fail before anything is created.
    await d.clients.suning();
    await d.clients.wangdian();
    const ids = repos.invoices.idsForSelection(selection);
    if (ids.length === 0) throw new AppError('validation', { zh: '没有符合条件的发票', en: 'No invoice matches' });
    refuseIfBusy();
    const runId = await repos.autoRuns.create({ selection }, ids, yieldToEventLoop);
    repos.audit.append(d.actor, 'auto.start', `auto:${runId}`, { total: ids.length, selection: selection.kind === 'filter' ? selection : { kind: 'ids', count: ids.length } });
    launch(runId);
    emitView(runId, true);
    return get(runId);
  }

  return {
    async start(selection) {
      if (closing) throw new AppError('cancelled', { zh: '程序正在退出', en: 'The app is closing' });
      refuseIfBusy();
      if (starting) throw new AppError('job_running', { zh: '自动处理任务正在创建，请稍候', en: 'An auto-processing run is being started; wait a moment' });
      starting = true;
      try {
        return await startRun(selection);
      } finally {
        starting = false;
      }
    },
    get,
    latest() {
      const r = repos.autoRuns.latest();
      return r ? view(r) : null;
    },
    resumable() {
      const r = repos.autoRuns.listResumable().at(-1);
      return r ? view(r) : null;
    },
    resume(runId) {
      const run = repos.autoRuns.progress(runId);
      if (!closing && !running.has(runId) && (run.state === 'running' || run.state === 'paused')) {
        repos.autoRuns.setState(runId, 'running');
        repos.audit.append('system', 'auto.resume', `auto:${runId}`, { phase: run.phase });
        launch(runId);
      }
      return get(runId);
    },
    async cancel(runId) {
      const run = repos.autoRuns.progress(runId);
      if (run.state !== 'running' && run.state !== 'paused') return get(runId);
      const entry = running.get(runId);
      if (entry) entry.stopReason = 'cancel';
      // The child first, so the run ends with what the child really did.
      await cancelChildren(runId);
      repos.audit.append(d.actor, 'auto.cancel', `auto:${runId}`, { phase: run.phase });
      if (entry) {
        entry.controller.abort();
        await entry.done;
      } else {
        await finish(runId, 'cancelled');
      }
      return get(runId);
    },
    async wait(runId) {
      await running.get(runId)?.done;
      return get(runId);
    },
    recover() {
      const paused = repos.autoRuns.pauseInterrupted();
      if (paused.length > 0) repos.audit.append('system', 'auto.recover', null, { pausedRuns: paused });
    },
    resumeAll() {
      for (const r of repos.autoRuns.listResumable()) this.resume(r.runId);
    },
    async pauseAll() {
      closing = true;
      const all = [...running.values()];
      for (const e of all) {
        if (e.stopReason === null) e.stopReason = 'pause';
        e.controller.abort();
      }
      await Promise.all(all.map((e) => e.done));
    },
    onJobProgress(p) {
      const runId = children.get(p.jobId);
      if (runId !== undefined && running.has(runId)) emitView(runId, p.state !== 'running');
    },
  };
}
