// Unit: the reconcile page's view state — filters, selection and what goes to the contract.
import { describe, expect, it } from 'vitest';
import { cleanFilter, INITIAL_VIEW, reconcileReducer, toSelection } from '../../../renderer/features/reconcile/view-state';

describe('reconcile view state', () => {
  it('drops empty filter values so equal filters give equal query keys', () => {
    expect(cleanFilter({ search: '', reconStatus: [], shop: undefined, submitState: ['accepted'] })).toEqual({ submitState: ['accepted'] });
  });

  it('clears the selection when the filter changes', () => {
    let s = reconcileReducer(INITIAL_VIEW, { type: 'select', ids: [1, 2] });
    expect(toSelection(s.selection)).toEqual({ kind: 'ids', ids: [1, 2] });
    s = reconcileReducer(s, { type: 'filter', patch: { reconStatus: ['matched'] } });
    expect(s.filter).toEqual({ reconStatus: ['matched'] });
    expect(toSelection(s.selection)).toBeNull();
  });

  it('"select all matching" snapshots the current filter', () => {
    let s = reconcileReducer(INITIAL_VIEW, { type: 'filter', patch: { search: '303', reconStatus: ['fillable'] } });
    s = reconcileReducer(s, { type: 'selectFilter' });
    expect(toSelection(s.selection)).toEqual({ kind: 'filter', filter: { search: '303', reconStatus: ['fillable'] } });
    s = reconcileReducer(s, { type: 'clearSelection' });
    expect(toSelection(s.selection)).toBeNull();
  });

  it('keeps sort, open invoice and watched job independent of the selection', () => {
    let s = reconcileReducer(INITIAL_VIEW, { type: 'sort', sort: { field: 'amountFen', dir: 'desc' } });
    s = reconcileReducer(s, { type: 'open', id: 7 });
    s = reconcileReducer(s, { type: 'watchJob', jobId: 3 });
    s = reconcileReducer(s, { type: 'resetFilter' });
    expect(s.sort).toEqual({ field: 'amountFen', dir: 'desc' });
    expect(s.detailId).toBe(7);
    expect(s.watchedJobId).toBe(3);
  });
});

describe('event coalescing', () => {
  it('refreshes deep-scrolled tables less often, within bounds', async () => {
    const { QueryClient } = await import('@tanstack/react-query');
    const { coalesceDelay } = await import('../../../renderer/api/events');
    const qc = new QueryClient();
    expect(coalesceDelay(qc)).toBe(1200);
    qc.setQueryData(['invoices:list', { a: 1 }], { pages: new Array(40).fill({}), pageParams: [] });
    expect(coalesceDelay(qc)).toBe(6000);
    qc.setQueryData(['invoices:list', { a: 2 }], { pages: new Array(400).fill({}), pageParams: [] });
    expect(coalesceDelay(qc)).toBe(10_000);
  });
});
