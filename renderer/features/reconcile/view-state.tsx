// Renderer. What the reconcile page is looking at (filter, sort, selection, open invoice); kept above the
// page so switching to Import and back does not lose the clerk's place.
import { createContext, useContext, useMemo, useReducer, type ReactNode } from 'react';
import type { InvoiceFilter, InvoiceSort, Selection } from '../../../shared/api/schemas';
import { DEFAULT_SORT } from './list-input';

export type RowSelection =
  | { readonly kind: 'ids'; readonly ids: readonly number[] }
  | { readonly kind: 'filter'; readonly filter: InvoiceFilter };

export interface ReconcileView {
  readonly filter: InvoiceFilter;
  readonly sort: InvoiceSort;
  readonly selection: RowSelection;
  readonly detailId: number | null;
  /** The job whose result summary is showing (kept after it finishes until dismissed). */
  readonly watchedJobId: number | null;
}

export type ReconcileAction =
  | { type: 'filter'; patch: Partial<InvoiceFilter> }
  | { type: 'resetFilter' }
  | { type: 'sort'; sort: InvoiceSort }
  | { type: 'select'; ids: readonly number[] }
  | { type: 'selectFilter' }
  | { type: 'clearSelection' }
  | { type: 'open'; id: number | null }
  | { type: 'watchJob'; jobId: number | null };

export const INITIAL_VIEW: ReconcileView = {
  filter: {},
  sort: DEFAULT_SORT,
  selection: { kind: 'ids', ids: [] },
  detailId: null,
  watchedJobId: null,
};

/** Drops empty values so equal filters make equal query keys. */
export function cleanFilter(f: InvoiceFilter): InvoiceFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as InvoiceFilter;
}

export function reconcileReducer(state: ReconcileView, action: ReconcileAction): ReconcileView {
  switch (action.type) {
    case 'filter':
      // A new filter makes "all matching" mean something else: clear the selection rather than guess.
      return { ...state, filter: cleanFilter({ ...state.filter, ...action.patch }), selection: { kind: 'ids', ids: [] } };
    case 'resetFilter':
      return { ...state, filter: {}, selection: { kind: 'ids', ids: [] } };
    case 'sort':
      return { ...state, sort: action.sort };
    case 'select':
      return { ...state, selection: { kind: 'ids', ids: action.ids } };
    case 'selectFilter':
      return { ...state, selection: { kind: 'filter', filter: state.filter } };
    case 'clearSelection':
      return { ...state, selection: { kind: 'ids', ids: [] } };
    case 'open':
      return { ...state, detailId: action.id };
    case 'watchJob':
      return { ...state, watchedJobId: action.jobId };
  }
}

/** The contract's selection for the current state, or null when nothing is selected. */
export function toSelection(sel: RowSelection): Selection | null {
  if (sel.kind === 'filter') return { kind: 'filter', filter: sel.filter };
  return sel.ids.length > 0 ? { kind: 'ids', ids: [...sel.ids] } : null;
}

interface Ctx {
  readonly view: ReconcileView;
  readonly dispatch: (a: ReconcileAction) => void;
}
const ReconcileViewContext = createContext<Ctx | null>(null);

export function ReconcileViewProvider({ children }: { readonly children: ReactNode }) {
  const [view, dispatch] = useReducer(reconcileReducer, INITIAL_VIEW);
  const value = useMemo(() => ({ view, dispatch }), [view]);
  return <ReconcileViewContext.Provider value={value}>{children}</ReconcileViewContext.Provider>;
}

export function useReconcileView(): Ctx {
  const v = useContext(ReconcileViewContext);
  if (!v) throw new Error('useReconcileView outside ReconcileViewProvider');
  return v;
}
