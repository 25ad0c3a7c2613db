// Renderer. The inputs of the reconcile page's two reads, in one place: the page and the start-up prefetch
// (renderer/main.tsx) must build byte-identical query keys, or the prefetched first page would be fetched twice.
import type { ChannelInput } from '../../../shared/api/contract';
import type { InvoiceFilter, InvoiceSort } from '../../../shared/api/schemas';

export const PAGE_SIZE = 200;
export const DEFAULT_SORT: InvoiceSort = { field: 'invoiceNo', dir: 'asc' };

export function listInput(filter: InvoiceFilter, sort: InvoiceSort): Omit<ChannelInput<'invoices:list'>, 'cursor'> {
  return { filter, sort, limit: PAGE_SIZE };
}

/** The chips count every status, so the counts ignore the status, submit-state and query-failed filters. */
export function countsInput(filter: InvoiceFilter): ChannelInput<'invoices:counts'> {
  const { reconStatus: _r, submitState: _s, queryFailed: _q, ...rest } = filter;
  return rest;
}
