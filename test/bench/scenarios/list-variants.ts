// Benchmark (plain Node). Every list query the reconcile page can send: each sort column both ways, each
// status filter, each submit-state filter, shop, date range, the three searches, and keyset second pages.
import type { ParsedInput } from '../../../shared/api/contract';
import { SORT_FIELDS } from '../../../shared/api/schemas';
import { RECON_STATUSES, SUBMIT_STATES } from '../../../shared/domain/invoice';
import type { ErpRecord } from '../../../electron/sandbox/types';
import type { AppCore } from '../../../electron/services/app-core';
import { CTX } from '../bench-core';

export type ListInput = ParsedInput<'invoices:list'>;

export interface ListVariant {
  readonly name: string;
  readonly input: ListInput;
  /** Measure the page after the first (the first is fetched untimed for its cursor). */
  readonly secondPage?: boolean;
}

const PAGE = 100;
const DEFAULT_SORT = { field: 'invoiceNo', dir: 'asc' } as const;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The variants over a store made from `records`; the searched values are taken from its middle. */
export function listVariants(records: readonly ErpRecord[]): ListVariant[] {
  const mid = records[Math.floor(records.length / 2)];
  if (!mid) throw new Error('no records to list');
  const withNumber = records.slice(Math.floor(records.length / 2)).find((r) => r.invoiceNum !== '') ?? mid;
  const v = (name: string, filter: ListInput['filter'], sort: ListInput['sort'] = DEFAULT_SORT, secondPage = false): ListVariant => ({
    name,
    input: { filter, sort, limit: PAGE, cursor: null },
    ...(secondPage ? { secondPage } : {}),
  });
  const out: ListVariant[] = [];
  for (const field of SORT_FIELDS) for (const dir of ['asc', 'desc'] as const) out.push(v(`sort ${field} ${dir}`, {}, { field, dir }));
  for (const s of RECON_STATUSES) out.push(v(`status ${s}`, { reconStatus: [s] }));
  for (const s of SUBMIT_STATES) out.push(v(`submit ${s}`, { submitState: [s] }));
  out.push(v(`shop ${mid.shop}`, { shop: mid.shop }));
  out.push(v('date range 7 days', { dateFrom: mid.invoiceDate, dateTo: addDays(mid.invoiceDate, 6) }));
  out.push(v('search order no', { search: mid.orderNo }));
  out.push(v('search invoice no', { search: mid.invoiceNo }));
  out.push(v('search 发票号码', { search: withNumber.invoiceNum }));
  out.push(v('search prefix (month)', { search: mid.invoiceNo.slice(0, 8) }));
  out.push(v('fillable + shop, amount desc', { reconStatus: ['fillable'], shop: mid.shop }, { field: 'amountFen', dir: 'desc' }));
  out.push(v('keyset page 2 (invoiceNo asc)', {}, DEFAULT_SORT, true));
  out.push(v('keyset page 2 (amountFen desc)', {}, { field: 'amountFen', dir: 'desc' }, true));
  out.push(v('keyset page 2 (status fillable, updatedAt desc)', { reconStatus: ['fillable'] }, { field: 'updatedAt', dir: 'desc' }, true));
  return out;
}

/** The exact input to time for a variant: page 1, or page 2 with the cursor page 1 returned. */
export async function preparedInput(core: AppCore, variant: ListVariant): Promise<ListInput> {
  if (!variant.secondPage) return variant.input;
  const first = await core.handlers['invoices:list'](variant.input, CTX);
  if (!first.nextCursor) throw new Error(`${variant.name}: the first page has no next page`);
  return { ...variant.input, cursor: first.nextCursor };
}
