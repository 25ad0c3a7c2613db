// Unit test: which 自动处理 phase takes on an invoice (electron/services/auto/scope.ts needOf), table-driven.
import { describe, expect, it } from 'vitest';
import type { InvoiceRow } from '../../../../shared/domain/invoice';
import { needOf } from '../../../../electron/services/auto/scope';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const clock = { now: NOW, maxAnswerAgeHours: 24 };
const fresh = '2026-06-01T11:00:00Z';
const stale = '2026-05-30T11:00:00Z';

function row(over: Partial<InvoiceRow>): InvoiceRow {
  return { reconStatus: 'matched', submitState: 'not_submitted', queriedAt: fresh, queryFailedAt: null, invoiceNum: '', splitChoice: '', ...over } as InvoiceRow;
}

describe('needOf', () => {
  it.each([
    ['not queried', { reconStatus: 'not_queried', queriedAt: null }, 'query'],
    ['query failed (never answered)', { reconStatus: 'query_failed', queriedAt: null }, 'query'],
    ['answer older than the setting', { reconStatus: 'matched', queriedAt: stale }, 'query'],
    ['matched, fresh', { reconStatus: 'matched' }, 'submit'],
    ['fillable, fresh', { reconStatus: 'fillable' }, 'fill'],
    ['matched but the newest query failed', { reconStatus: 'matched', queryFailedAt: fresh }, 'query'],
    ['fillable but the newest query failed', { reconStatus: 'fillable', queryFailedAt: fresh }, 'query'],
    ['amount mismatch', { reconStatus: 'amount_mismatch' }, 'none'],
    ['split', { reconStatus: 'split' }, 'none'],
    ['split, the clerk chose a number and the record holds it', { reconStatus: 'split', invoiceNum: '1,2', splitChoice: '1,2' }, 'submit'],
    ['split, the record no longer holds the choice', { reconStatus: 'split', invoiceNum: '1', splitChoice: '1,2' }, 'none'],
    ['not issued', { reconStatus: 'not_issued' }, 'none'],
    ['reversed', { reconStatus: 'reversed' }, 'none'],
    ['accepted and unchanged', { reconStatus: 'matched', submitState: 'accepted' }, 'none'],
    ['accepted, flagged: nothing to do either', { reconStatus: 'matched', submitState: 'accepted', queryFailedAt: fresh }, 'none'],
    ['in the outbox', { reconStatus: 'matched', submitState: 'queued' }, 'none'],
    ['rejected before: sent again', { reconStatus: 'matched', submitState: 'rejected' }, 'submit'],
  ] as const)('%s → %s', (_name, over, need) => {
    expect(needOf(row(over), clock)).toBe(need);
  });
});
