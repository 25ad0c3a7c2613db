// Renderer. 对账: the main page — chips, filters, the virtual table over the whole store, bulk jobs and the detail panel.
// Each keyset page that arrives while the clerk scrolls re-renders this page: everything that does not depend on
// the loaded rows is memoised on stable props, so a page arrival costs the table and the footer only.
import { lazy, memo, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import type { InvoiceFilter, InvoiceSort } from '../../../shared/api/schemas';
import type { ReconStatus } from '../../../shared/domain/invoice';
import type { PlannedInvoiceRow as InvoiceRow } from '../../../shared/domain/plan';
import type { JobProgress } from '../../../shared/api/schemas';
import { useInvoiceCounts, useInvoiceTotals, usePaged } from '../../api/queries';
import { useExportInvoices } from '../../api/mutations';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { useShortcut } from '../../app/shortcuts';
import { StatusChips } from './StatusChips';
import { Toolbar } from './Toolbar';
import { InvoiceTable } from './InvoiceTable';
import { SelectionBar } from './SelectionBar';
import { TotalsLine } from './TotalsLine';
import { SelectionTotals } from './SelectionTotals';
import { ActionBar } from './ActionBar';
import type { BulkKind } from './BulkConfirm';
import { JobPanel } from './JobPanel';
import { ColumnChooser } from './ColumnChooser';
import { toSelection, useReconcileView } from './view-state';
import { countsInput, listInput } from './list-input';
import { ArchiveRunButton, ArchiveZipButton } from './archive/ArchiveActions';

// Only needed once the clerk opens them: loaded on first use, kept mounted afterwards (close animations).
const BulkConfirm = lazy(() => import('./BulkConfirm').then((m) => ({ default: m.BulkConfirm })));
const MarkFailedDialog = lazy(() => import('./MarkFailedDialog').then((m) => ({ default: m.MarkFailedDialog })));
const ApplySuningDialog = lazy(() => import('./ApplySuningDialog').then((m) => ({ default: m.ApplySuningDialog })));
const AutoDialog = lazy(() => import('./AutoDialog').then((m) => ({ default: m.AutoDialog })));
const DetailDrawer = lazy(() => import('./detail/DetailDrawer').then((m) => ({ default: m.DetailDrawer })));

const MemoToolbar = memo(Toolbar);
const MemoChips = memo(StatusChips);
const MemoJobPanel = memo(JobPanel);
const MemoActionBar = memo(ActionBar);
const NO_SHOPS: readonly string[] = [];
const NO_STATUSES: readonly ReconStatus[] = [];

export function ReconcilePage() {
  const { t } = useI18n();
  const { view, dispatch } = useReconcileView();
  const { filter, sort, selection } = view;
  const [active, setActive] = useState(0);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const [bulkUsed, setBulkUsed] = useState(false);
  const [applyOpen, setApplyOpen] = useState(false);
  const [autoOpen, setAutoOpen] = useState(false);
  const [autoUsed, setAutoUsed] = useState(false);
  const [detailUsed, setDetailUsed] = useState(false);
  if (view.detailId !== null && !detailUsed) setDetailUsed(true);

  const counts = useInvoiceCounts(useMemo(() => countsInput(filter), [filter]));
  const list = usePaged('invoices:list', useMemo(() => listInput(filter, sort), [filter, sort]));
  const rows = useMemo<InvoiceRow[]>(() => list.data?.pages.flatMap((p) => p.rows) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total;
  // Asked for once the first page is there (and from then on with each filter): the sum must never hold up the
  // first rows, in the main process or on the wire.
  const firstPageIn = list.data !== undefined;
  const totalsInput = useMemo(() => ({ selection: { kind: 'filter' as const, filter } }), [filter]);
  const totals = useInvoiceTotals(firstPageIn ? totalsInput : null);
  const exporter = useExportInvoices();

  const onFilter = useCallback((patch: Partial<InvoiceFilter>) => { setActive(0); dispatch({ type: 'filter', patch }); }, [dispatch]);
  const onReset = useCallback(() => dispatch({ type: 'resetFilter' }), [dispatch]);
  const onChips = useCallback((next: readonly ReconStatus[]) => onFilter({ reconStatus: [...next] }), [onFilter]);
  const onQueryFailed = useCallback((on: boolean) => onFilter({ queryFailed: on ? true : undefined }), [onFilter]);
  const onDismissJob = useCallback(() => dispatch({ type: 'watchJob', jobId: null }), [dispatch]);
  const onShowFailures = useCallback((job: JobProgress) => {
    dispatch({ type: 'resetFilter' });
    // A failed re-query keeps its invoice's verdict: the flag, not the status, finds every failure of the job.
    dispatch({ type: 'filter', patch: job.kind === 'suning_query' ? { queryFailed: true } : job.kind === 'archive' ? { fileVerdict: ['unavailable'] } : { submitState: ['rejected', 'unknown'] } });
  }, [dispatch]);
  const onWatchJob = useCallback((jobId: number) => dispatch({ type: 'watchJob', jobId }), [dispatch]);

  const contractSelection = useMemo(() => toSelection(selection), [selection]);
  const openBulk = useCallback((kind: BulkKind) => {
    if (!contractSelection) return;
    setBulkUsed(true);
    setBulk(kind);
  }, [contractSelection]);
  const onQuery = useCallback(() => openBulk('query'), [openBulk]);
  const onSubmit = useCallback(() => openBulk('submit'), [openBulk]);
  const onCloseBulk = useCallback(() => setBulk(null), []);
  const onApplySuning = useCallback(() => { if (contractSelection) setApplyOpen(true); }, [contractSelection]);
  const onCloseApply = useCallback(() => setApplyOpen(false), []);
  const [markFailedOpen, setMarkFailedOpen] = useState(false);
  const onMarkFailed = useCallback(() => { if (contractSelection) setMarkFailedOpen(true); }, [contractSelection]);
  const onCloseMarkFailed = useCallback(() => setMarkFailedOpen(false), []);
  const onAuto = useCallback(() => { setAutoUsed(true); setAutoOpen(true); }, []);
  const onCloseAuto = useCallback(() => setAutoOpen(false), []);
  const onShowAutoGroup = useCallback((f: InvoiceFilter) => {
    setAutoOpen(false);
    setActive(0);
    dispatch({ type: 'resetFilter' });
    dispatch({ type: 'filter', patch: f });
  }, [dispatch]);
  useShortcut({ key: 'q', alt: true }, onQuery);
  useShortcut({ key: 's', alt: true }, onSubmit);

  const { isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => { if (!isFetchingNextPage) void fetchNextPage(); }, [isFetchingNextPage, fetchNextPage]);
  const onSort = useCallback((s: InvoiceSort) => dispatch({ type: 'sort', sort: s }), [dispatch]);
  const onSelect = useCallback((ids: readonly number[]) => dispatch({ type: 'select', ids }), [dispatch]);
  const onOpen = useCallback((id: number) => dispatch({ type: 'open', id }), [dispatch]);
  const onCloseDetail = useCallback(() => dispatch({ type: 'open', id: null }), [dispatch]);
  const viewKey = useMemo(() => JSON.stringify([filter, sort]), [filter, sort]);

  // Alt+↑/↓ in the detail panel walks the loaded rows; read through a ref so the panel's props stay stable.
  const stepState = useRef({ rows, detailId: view.detailId });
  stepState.current = { rows, detailId: view.detailId };
  const step = useCallback((delta: -1 | 1) => {
    const { rows: rs, detailId } = stepState.current;
    const i = rs.findIndex((r) => r.id === detailId);
    const next = rs[i + delta];
    if (next) {
      setActive(i + delta);
      dispatch({ type: 'open', id: next.id });
    }
  }, [dispatch]);

  const onSelectFilter = useCallback(() => dispatch({ type: 'selectFilter' }), [dispatch]);
  const onClearSelection = useCallback(() => dispatch({ type: 'clearSelection' }), [dispatch]);
  const selectionInfo = useMemo(
    () => <SelectionBar selection={selection} total={total} onSelectFilter={onSelectFilter} onClear={onClearSelection} />,
    [selection, total, onSelectFilter, onClearSelection],
  );
  const { mutateAsync: runExport, isPending: exporting } = exporter;
  const exportButtons = useMemo(
    () => (
      <>
        <ArchiveRunButton filter={filter} selection={contractSelection} onStarted={onWatchJob} />
        <ExportButtons pending={exporting} run={(format) => runExport({ filter, sort, format })} />
        <ArchiveZipButton filter={filter} sort={sort} />
      </>
    ),
    [exporting, runExport, filter, sort, contractSelection, onWatchJob],
  );
  const retry = useCallback(() => { void counts.refetch(); void list.refetch(); void totals.refetch(); }, [counts, list, totals]);

  return (
    <div className="recon-layout">
      <MemoToolbar
        filter={filter}
        onFilter={onFilter}
        onReset={onReset}
        shops={counts.data?.shops ?? NO_SHOPS}
        submitCounts={counts.data?.bySubmit}
      />
      <MemoChips
        selected={filter.reconStatus ?? NO_STATUSES}
        counts={counts.data?.byRecon}
        total={counts.data?.total}
        onChange={onChips}
        queryFailedOn={filter.queryFailed === true}
        queryFailedCount={counts.data?.queryFailed}
        onQueryFailed={onQueryFailed}
      />
      <MemoJobPanel watchedJobId={view.watchedJobId} onDismiss={onDismissJob} onShowFailures={onShowFailures} />
      {(counts.error || list.error || totals.error) && <ErrorAlert error={counts.error ?? list.error ?? totals.error} onRetry={retry} />}
      <MemoActionBar
        selectionInfo={selectionInfo}
        hasSelection={contractSelection !== null}
        onQuery={onQuery}
        onSubmit={onSubmit}
        onApplySuning={onApplySuning}
        onAuto={onAuto}
        onMarkFailed={onMarkFailed}
        exportButtons={exportButtons}
      />
      <InvoiceTable
        rows={rows}
        loading={list.isFetching}
        hasMore={list.hasNextPage}
        loadMore={loadMore}
        sort={sort}
        onSort={onSort}
        selectedIds={selection.kind === 'filter' ? 'all' : selection.ids}
        onSelect={onSelect}
        activeIndex={active}
        onActive={setActive}
        onOpen={onOpen}
        viewKey={viewKey}
      />
      <div className="recon-totals">
        <TotalsLine totals={totals.data} stale={totals.isPlaceholderData || totals.isFetching} label={t('recon.totals.label')} testId="table-totals" />
        {contractSelection && <span className="recon-totals-selection"><SelectionTotals selection={contractSelection} /></span>}
      </div>
      <div className="recon-footer">
        <span>{t('recon.keyboardHint')}</span>
        <ColumnChooser />
        <span data-testid="recon-total" data-total={total}>
          {total === undefined ? t('common.loading') : t('recon.loaded', { loaded: rows.length.toLocaleString(), total: total.toLocaleString() })}
        </span>
      </div>
      {bulkUsed && (
        <Suspense fallback={null}>
          <BulkConfirm kind={bulk} selection={contractSelection} onClose={onCloseBulk} onStarted={onWatchJob} />
        </Suspense>
      )}
      {applyOpen && (
        <Suspense fallback={null}>
          <ApplySuningDialog open={applyOpen} selection={contractSelection} onClose={onCloseApply} />
        </Suspense>
      )}
      {markFailedOpen && (
        <Suspense fallback={null}>
          <MarkFailedDialog open={markFailedOpen} selection={contractSelection} onClose={onCloseMarkFailed} onStarted={onWatchJob} />
        </Suspense>
      )}
      {autoUsed && (
        <Suspense fallback={null}>
          <AutoDialog open={autoOpen} filter={filter} onClose={onCloseAuto} onShowGroup={onShowAutoGroup} />
        </Suspense>
      )}
      {detailUsed && (
        <Suspense fallback={null}>
          <DetailDrawer id={view.detailId} onClose={onCloseDetail} onStep={step} onSubmitted={onWatchJob} />
        </Suspense>
      )}
    </div>
  );
}
