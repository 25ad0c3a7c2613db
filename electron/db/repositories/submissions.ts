// Main process. The submission outbox: intent is written before anything is sent, so after a crash every
// submission is in a known state (queued, sending→unknown, accepted, rejected, superseded). Of one invoice's
// rows only the newest may still be sent: a new row supersedes the older ones still waiting (queued or
// unknown), in the same transaction, so an old payload can never reach the ERP after a newer one.
import { AppError } from '../../../shared/errors';
import type { OutboxState, Submission, SubmissionPayload } from '../../../shared/domain/invoice';
import type { Db } from '../open';
import { refreshDerived } from '../derived';
import { toSubmission, type SubmissionDbRow } from '../rows';
import { nowIso } from '../util';
import { between, countWhere, newestFirstPage, oneOf, prefixOf } from './newest-first';
import { beijingDayEndUtc, beijingDayStartUtc } from '../../../shared/domain/beijing-time';

export type OutboxRow = Submission & { readonly sentAt: string | null };

/** Which state each transition may start from. */
const FROM: Readonly<Record<Exclude<OutboxState, 'queued'>, readonly OutboxState[]>> = {
  // 'unknown' may be sent again: the Wangdiantong update is idempotent.
  sending: ['queued', 'unknown'],
  accepted: ['sending'],
  rejected: ['sending'],
  unknown: ['sending'],
  // Only rows waiting to be (re)sent: one in flight ends accepted/rejected/unknown on its own.
  superseded: ['queued', 'unknown'],
};

export function submissionsRepo(db: Db) {
  const selById = db.prepare('SELECT * FROM submissions WHERE id = ?');
  const ins = db.prepare(`INSERT INTO submissions (invoice_id, invoice_no, payload, state, attempts, created_at, updated_at, job_id)
    VALUES (?, ?, ?, 'queued', 0, ?, ?, ?)`);

  function get(id: number): OutboxRow | null {
    const r = selById.get(id) as SubmissionDbRow | undefined;
    return r ? toSubmission(r) : null;
  }

  function mustGet(id: number): SubmissionDbRow {
    const r = selById.get(id) as SubmissionDbRow | undefined;
    if (!r) throw new AppError('not_found', { zh: `提交记录 ${id} 不存在`, en: `Submission ${id} does not exist` }, { id });
    return r;
  }

  const updSuperseded = db.prepare(`UPDATE submissions SET state = 'superseded', message = ?, updated_at = ?
    WHERE invoice_id = ? AND id < ? AND state IN ('queued','unknown')`);

  /** A new submission of the invoice; its older rows still waiting to be (re)sent become superseded by it. */
  function enqueue(invoiceId: number, payload: SubmissionPayload, jobId: number | null = null): number {
    return db.transaction(() => {
      const at = nowIso();
      const id = Number(ins.run(invoiceId, payload.invoice_no, JSON.stringify(payload), at, at, jobId).lastInsertRowid);
      updSuperseded.run(`由提交 #${id} 取代 / superseded by submission #${id}`, at, invoiceId, id);
      refreshDerived(db, [invoiceId]);
      return id;
    })();
  }

  const selNewerJob = db.prepare('SELECT * FROM submissions WHERE invoice_id = ? AND job_id > ? ORDER BY id DESC LIMIT 1');

  /** The newest submission of the invoice made by a job started after `jobId` (which it makes redundant). */
  function newerJobSubmission(invoiceId: number, jobId: number): OutboxRow | null {
    const r = selNewerJob.get(invoiceId, jobId) as SubmissionDbRow | undefined;
    return r ? toSubmission(r) : null;
  }

  // Prepared once: a bulk submit moves every row through these two or three times.
  const updSending = db.prepare("UPDATE submissions SET state = 'sending', attempts = attempts + 1, sent_at = ?, updated_at = ? WHERE id = ?");
  const updState = db.prepare('UPDATE submissions SET state = ?, platform_code = ?, message = ?, updated_at = ? WHERE id = ?');

  const selNewer = db.prepare('SELECT id FROM submissions WHERE invoice_id = ? AND id > ? ORDER BY id DESC LIMIT 1').pluck();

  function transition(id: number, to: Exclude<OutboxState, 'queued'>, code: string | null, message: string | null): OutboxRow {
    return db.transaction(() => {
      const r = mustGet(id);
      if (!FROM[to].includes(r.state as OutboxState)) {
        throw new AppError('conflict', {
          zh: `提交记录 ${id} 当前状态为 ${r.state}，不能改为 ${to}`,
          en: `Submission ${id} is ${r.state}; it cannot become ${to}`,
        }, { id, from: r.state, to });
      }
      if (to === 'sending') {
        // The last line of defence of "never an old payload after a newer one": only the invoice's newest row is sent.
        const newer = selNewer.get(r.invoice_id, id) as number | undefined;
        if (newer !== undefined) {
          throw new AppError('conflict', {
            zh: `提交记录 ${id} 已有更新的提交 #${newer}，不能再发送`,
            en: `Submission ${id} has a newer submission #${newer}; it cannot be sent again`,
          }, { id, newer });
        }
      }
      const at = nowIso();
      if (to === 'sending') {
        updSending.run(at, at, id);
      } else {
        updState.run(to, code, message, at, id);
      }
      refreshDerived(db, [r.invoice_id]);
      const out = get(id);
      if (!out) throw new Error('submission vanished inside its own transaction');
      return out;
    })();
  }

  const markSending = (id: number): OutboxRow => transition(id, 'sending', null, null);
  const markAccepted = (id: number, code: string | null = '0', message: string | null = null): OutboxRow => transition(id, 'accepted', code, message);
  const markRejected = (id: number, code: string, message: string): OutboxRow => transition(id, 'rejected', code, message);
  const markUnknown = (id: number, message: string | null = null): OutboxRow => transition(id, 'unknown', null, message);
  const markSuperseded = (id: number, message: string): OutboxRow => transition(id, 'superseded', null, message);

  function latestForInvoice(invoiceId: number): OutboxRow | null {
    const r = db.prepare('SELECT * FROM submissions WHERE invoice_id = ? ORDER BY id DESC LIMIT 1').get(invoiceId) as SubmissionDbRow | undefined;
    return r ? toSubmission(r) : null;
  }

  /** Newest first. */
  function listForInvoice(invoiceId: number): OutboxRow[] {
    return (db.prepare('SELECT * FROM submissions WHERE invoice_id = ? ORDER BY id DESC').all(invoiceId) as SubmissionDbRow[]).map(toSubmission);
  }

  /**
   * Newest first; search = ERP invoice number exact or prefix; from/to = Beijing calendar days (inclusive) of the
   * last change. The first page (no cursor) also counts every match.
   */
  function list(page: { state?: readonly OutboxState[]; search?: string; from?: string; to?: string; cursor?: string | null; limit: number }): { rows: OutboxRow[]; nextCursor: string | null; total?: number } {
    const conditions = [
      oneOf('state', page.state),
      prefixOf('invoice_no', page.search),
      between('updated_at', page.from === undefined ? undefined : beijingDayStartUtc(page.from), page.to === undefined ? undefined : beijingDayEndUtc(page.to)),
    ];
    const found = newestFirstPage(db, 'submissions', conditions, page, toSubmission);
    return page.cursor ? found : { ...found, total: countWhere(db, 'submissions', conditions) };
  }

  /** At start-up: a submission left 'sending' may or may not have reached the ERP → 'unknown' (to re-send). */
  function recoverAfterCrash(): OutboxRow[] {
    return db.transaction(() => {
      const stuck = db.prepare("SELECT * FROM submissions WHERE state = 'sending' ORDER BY id").all() as SubmissionDbRow[];
      if (stuck.length === 0) return [];
      const at = nowIso();
      const upd = db.prepare("UPDATE submissions SET state = 'unknown', message = ?, updated_at = ? WHERE id = ?");
      for (const r of stuck) upd.run('interrupted while sending (app stopped)', at, r.id);
      refreshDerived(db, stuck.map((r) => r.invoice_id));
      return stuck.map((r) => toSubmission({ ...r, state: 'unknown', message: 'interrupted while sending (app stopped)', updated_at: at }));
    })();
  }

  /** Outbox rows of a job still needing a send (queued, or unknown after a crash). */
  function pendingForJob(jobId: number): OutboxRow[] {
    return (db.prepare("SELECT * FROM submissions WHERE job_id = ? AND state IN ('queued','unknown') ORDER BY id").all(jobId) as SubmissionDbRow[]).map(toSubmission);
  }

  return { get, enqueue, newerJobSubmission, markSending, markAccepted, markRejected, markUnknown, markSuperseded, latestForInvoice, listForInvoice, list, recoverAfterCrash, pendingForJob };
}

export type SubmissionsRepo = ReturnType<typeof submissionsRepo>;
