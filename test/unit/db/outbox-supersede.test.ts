// Unit tests (Node, real SQLite file): of one invoice's outbox rows only the newest may still be sent. A new
// submission supersedes the older rows still waiting (queued, or unknown after a crash); rows already
// answered keep their history; an older row can never be sent after a newer one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubmissionPayload } from '../../../shared/domain/invoice';
import { repositories, type Repositories } from '../../../electron/db/repositories/index';
import { tempDb, type TempDb } from './temp-db';

let t: TempDb;
let r: Repositories;
beforeEach(() => {
  t = tempDb();
  r = repositories(t.db);
});
afterEach(() => t.cleanup());

function seed(no = 'F1'): number {
  r.invoices.upsertMany([{
    invoiceNo: no, orderNo: `O-${no}`, billType: '01', shop: 'S', saleOrg: '10001', buyerTitle: 'B', amountFen: 10050,
    taxAmountFen: null, invoiceDate: '2026-01-02', invoiceCode: '032001700211', invoiceNum: '00012345', pdfUrl: '', targetStatus: 80, errorInfo: '',
  }], 'test');
  return r.invoices.getByInvoiceNo(no)?.id ?? -1;
}

/** A submit job over the invoice (outbox rows name their job); ids grow with each call. */
function job(invoiceId: number): number {
  return r.jobs.create('wangdian_submit', {}, [invoiceId]);
}

function payload(over: Partial<SubmissionPayload> = {}): SubmissionPayload {
  return { invoice_no: 'F1', status: 80, invoice_no_out: '00012345', invoice_code: '032001700211', error_info: '', file_path: '', ...over };
}

describe('superseding outbox rows', () => {
  it('a new submission supersedes the waiting rows of the same invoice, and only those', () => {
    const id = seed();
    const other = seed('F2');
    const accepted = r.submissions.enqueue(id, payload(), job(id));
    r.submissions.markSending(accepted);
    r.submissions.markAccepted(accepted);
    const j2 = job(id);
    const unknown = r.submissions.enqueue(id, payload({ invoice_no_out: '00000001' }), j2);
    r.submissions.markSending(unknown);
    r.submissions.markUnknown(unknown, 'crash');
    const otherQueued = r.submissions.enqueue(other, payload({ invoice_no: 'F2' }), j2);
    const newest = r.submissions.enqueue(id, payload({ invoice_no_out: '00000002' }), job(id));
    expect(r.submissions.get(accepted)?.state).toBe('accepted');
    expect(r.submissions.get(unknown)).toMatchObject({ state: 'superseded', message: expect.stringContaining(`#${newest}`) });
    expect(r.submissions.get(otherQueued)?.state).toBe('queued');
    expect(r.submissions.get(newest)?.state).toBe('queued');
    // The invoice's state follows its newest row.
    expect(r.invoices.getById(id)?.submitState).toBe('queued');
  });

  it('never sends an older row once a newer one exists, whatever its state', () => {
    const id = seed();
    const old = r.submissions.enqueue(id, payload(), job(id));
    r.submissions.markSending(old);
    const newer = r.submissions.enqueue(id, payload({ invoice_no_out: '00000002' }), job(id));
    // The old row was in flight when the newer one was queued: its answer is still recorded on it...
    r.submissions.markUnknown(old, 'timeout');
    // ...but it is never sent again.
    expect(() => r.submissions.markSending(old)).toThrow(expect.objectContaining({ code: 'conflict' }) as Error);
    r.submissions.markSending(newer);
    expect(r.submissions.get(newer)?.state).toBe('sending');
  });

  it('a superseded row cannot be sent or answered', () => {
    const id = seed();
    const a = r.submissions.enqueue(id, payload(), job(id));
    r.submissions.markSuperseded(a, 'by hand');
    expect(r.submissions.get(a)?.state).toBe('superseded');
    expect(() => r.submissions.markSending(a)).toThrow(/superseded/);
    expect(() => r.submissions.markAccepted(a)).toThrow(/superseded/);
  });

  it('finds the newest submission of an invoice made by a later job', () => {
    const id = seed();
    const j1 = job(id);
    const j2 = job(id);
    const byJob2 = r.submissions.enqueue(id, payload(), j2);
    expect(r.submissions.newerJobSubmission(id, j2)).toBeNull();
    expect(r.submissions.newerJobSubmission(id, j1)?.id).toBe(byJob2);
    const byJob3 = r.submissions.enqueue(id, payload(), job(id));
    expect(r.submissions.newerJobSubmission(id, j1)?.id).toBe(byJob3);
    expect(r.submissions.newerJobSubmission(seed('F2'), j1)).toBeNull();
  });
});

describe('jobs left running by a dead process', () => {
  it('become paused at the owner\'s start, so none looks running that nobody runs', () => {
    const ids = [seed()];
    const running = r.jobs.create('wangdian_submit', {}, ids);
    const done = r.jobs.create('suning_query', {}, ids);
    r.jobs.setState(done, 'done');
    expect(r.jobs.pauseInterrupted()).toEqual([running]);
    expect(r.jobs.get(running)?.state).toBe('paused');
    expect(r.jobs.get(done)?.state).toBe('done');
    expect(r.jobs.listResumable().map((j) => j.jobId)).toEqual([running]);
    expect(r.jobs.pauseInterrupted()).toEqual([]);
  });
});
