// Renderer. 对账: the main page — chips, filters, the virtual table over the whole store, bulk jobs and the detail panel.
import { useCallback, useMemo, useState } from 'react';
import type { InvoiceFilter } from '../../../shared/api/schemas';
import type { InvoiceRow } from '../../../shared/domain/invoice';
import { useInvoiceCounts, usePaged } from '../../api/queries';
import { useExportInvoices } from '../../api/mutations';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { useShortcut } from '../../app/shortcuts';
import { StatusChips } from './StatusChips';
import { Toolbar } from './Toolbar';
import { InvoiceTable } from './InvoiceTable';
import { SelectionBar } from './SelectionBar';
import { ActionBar } from './ActionBar';
import { BulkConfirm, type BulkKind } from './BulkConfirm';
import { JobPanel } from './JobPanel';
import { DetailDrawer } from './detail/DetailDrawer';
import { toSelection, useReconcileView } from './view-state';

const PAGE_SIZE = 200;

export function ReconcilePage() {
  const { t } = useI18n();
  const { view, dispatch } = useReconcileView();
  const { filter, sort, selection } = view;
  const [active, setActive] = useState(0);
  const [bulk, setBulk] = useState<BulkKind | null>(null);

  const { reconStatus: _r, submitState: _s, ...countFilter } = filter;
  const counts = useInvoiceCounts(countFilter);
  const list = usePaged('invoices:list', { filter, sort, limit: PAGE_SIZE });
  const rows = useMemo<InvoiceRow[]>(() => list.data?.pages.flatMap((p) => p.rows) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total;
  const exporter = useExportInvoices();

  const onFilter = useCallback((patch: Partial<InvoiceFilter>) => { setActive(0); dispatch({ type: 'filter', patch }); }, [dispatch]);
  const contractSelection = toSelection(selection);
  const openBulk = (kind: BulkKind) => { if (contractSelection) setBulk(kind); };
  useShortcut({ key: 'q', alt: true }, () => openBulk('query'));
  useShortcut({ key: 's', alt: true }, () => openBulk('submit'));

  const step = (delta: -1 | 1) => {
    const i = rows.findIndex((r) => r.id === view.detailId);
    const next = rows[i + delta];
    if (next) {
      setActive(i + delta);
      dispatch({ type: 'open', id: next.id });
    }
  };

  return (
    <div className="recon-layout">
      <Toolbar
        filter={filter}
        onFilter={onFilter}
        onReset={() => dispatch({ type: 'resetFilter' })}
        shops={counts.data?.shops ?? []}
        submitCounts={counts.data?.bySubmit}
      />
      <StatusChips
        selected={filter.reconStatus ?? []}
        counts={counts.data?.byRecon}
        total={counts.data?.total}
        onChange={(next) => onFilter({ reconStatus: [...next] })}
      />
      <JobPanel
        watchedJobId={view.watchedJobId}
        onDismiss={() => dispatch({ type: 'watchJob', jobId: null })}
        onShowFailures={(job) => {
          dispatch({ type: 'resetFilter' });
          dispatch({ type: 'filter', patch: job.kind === 'suning_query' ? { reconStatus: ['query_failed'] } : { submitState: ['rejected', 'unknown'] } });
        }}
      />
      {(counts.error || list.error) && <ErrorAlert error={counts.error ?? list.error} onRetry={() => { void counts.refetch(); void list.refetch(); }} />}
      <ActionBar
        selectionInfo={
          <SelectionBar
            selection={selection}
            total={total}
            onSelectFilter={() => dispatch({ type: 'selectFilter' })}
            onClear={() => dispatch({ type: 'clearSelection' })}
          />
        }
        hasSelection={contractSelection !== null}
        onQuery={() => openBulk('query')}
        onSubmit={() => openBulk('submit')}
        exportButtons={<ExportButtons pending={exporter.isPending} run={(format) => exporter.mutateAsync({ filter, sort, format })} />}
      />
      <InvoiceTable
        rows={rows}
        loading={list.isFetching}
        hasMore={list.hasNextPage}
        loadMore={() => { if (!list.isFetchingNextPage) void list.fetchNextPage(); }}
        sort={sort}
        onSort={(s) => dispatch({ type: 'sort', sort: s })}
        selectedIds={selection.kind === 'filter' ? 'all' : selection.ids}
        onSelect={(ids) => dispatch({ type: 'select', ids })}
        activeIndex={active}
        onActive={setActive}
        onOpen={(id) => dispatch({ type: 'open', id })}
      />
      <div className="recon-footer">
        <span>{t('recon.keyboardHint')}</span>
        <span data-testid="recon-total" data-total={total}>
          {total === undefined ? t('common.loading') : t('recon.loaded', { loaded: rows.length.toLocaleString(), total: total.toLocaleString() })}
        </span>
      </div>
      <BulkConfirm
        kind={bulk}
        selection={contractSelection}
        onClose={() => setBulk(null)}
        onStarted={(jobId) => dispatch({ type: 'watchJob', jobId })}
      />
      <DetailDrawer
        id={view.detailId}
        onClose={() => dispatch({ type: 'open', id: null })}
        onStep={step}
        onSubmitted={(jobId) => dispatch({ type: 'watchJob', jobId })}
      />
    </div>
  );
}
