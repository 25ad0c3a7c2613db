// Renderer. The virtualised reconcile table: keyset pages load as the clerk scrolls; arrows, Enter and Space drive it.
import { useCallback, useEffect, useMemo, useRef, type HTMLAttributes, type KeyboardEvent } from 'react';
import { Table, type GetRef, type TableProps } from 'antd';
import type { InvoiceRow } from '../../../shared/domain/invoice';
import type { InvoiceSort } from '../../../shared/api/schemas';
import { SORT_FIELDS } from '../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { useElementHeight } from '../../components/useElementHeight';
import { FOCUS_TABLE_EVENT } from '../../app/shortcuts';
import { buildColumns, TABLE_WIDTH } from './columns';

const HEADER_HEIGHT = 40;
const ROW_HEIGHT = 39;
/** Start fetching the next page this many rows before the end, so scrolling never waits. */
const PREFETCH_ROWS = 60;

interface Props {
  readonly rows: readonly InvoiceRow[];
  readonly loading: boolean;
  readonly hasMore: boolean;
  readonly loadMore: () => void;
  readonly sort: InvoiceSort;
  readonly onSort: (s: InvoiceSort) => void;
  /** 'all' when the whole filter is selected. */
  readonly selectedIds: readonly number[] | 'all';
  readonly onSelect: (ids: readonly number[]) => void;
  readonly activeIndex: number;
  readonly onActive: (i: number) => void;
  readonly onOpen: (id: number) => void;
}

function isSortField(v: unknown): v is InvoiceSort['field'] {
  return typeof v === 'string' && (SORT_FIELDS as readonly string[]).includes(v);
}

export function InvoiceTable({ rows, loading, hasMore, loadMore, sort, onSort, selectedIds, onSelect, activeIndex, onActive, onOpen }: Props) {
  const { t } = useI18n();
  const wrapRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<GetRef<typeof Table<InvoiceRow>>>(null);
  const height = useElementHeight(wrapRef);
  const columns = useMemo(() => buildColumns(t, sort), [t, sort]);
  const selectedKeys = useMemo(() => (selectedIds === 'all' ? rows.map((r) => r.id) : [...selectedIds]), [selectedIds, rows]);

  const maybeLoad = useCallback((index: number) => {
    if (hasMore && !loading && index >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loading, rows.length, loadMore]);

  useEffect(() => {
    // The first page may not fill a tall window; keep loading until it scrolls.
    if (rows.length > 0 && rows.length * ROW_HEIGHT < height) maybeLoad(rows.length);
  }, [rows.length, height, maybeLoad]);

  useEffect(() => {
    const focus = () => wrapRef.current?.focus();
    window.addEventListener(FOCUS_TABLE_EVENT, focus);
    return () => window.removeEventListener(FOCUS_TABLE_EVENT, focus);
  }, []);

  const moveTo = (i: number) => {
    if (rows.length === 0) return;
    const next = Math.max(0, Math.min(rows.length - 1, i));
    onActive(next);
    tableRef.current?.scrollTo({ index: next, align: 'nearest' });
    maybeLoad(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey) return;
    const page = Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const row = rows[activeIndex];
    switch (e.key) {
      case 'ArrowDown': moveTo(activeIndex + 1); break;
      case 'ArrowUp': moveTo(activeIndex - 1); break;
      case 'PageDown': moveTo(activeIndex + page); break;
      case 'PageUp': moveTo(activeIndex - page); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(rows.length - 1); break;
      case 'Enter':
        if (!row) return;
        onOpen(row.id);
        break;
      case ' ':
        if (!row || (e.target instanceof HTMLInputElement)) return;
        onSelect(selectedKeys.includes(row.id) ? selectedKeys.filter((k) => k !== row.id) : [...selectedKeys, row.id]);
        break;
      case 'a':
        if (!(e.ctrlKey || e.metaKey)) return;
        onSelect(rows.map((r) => r.id));
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const onChange: TableProps<InvoiceRow>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!s || !s.order || !isSortField(s.columnKey)) onSort({ field: 'invoiceNo', dir: 'asc' });
    else onSort({ field: s.columnKey, dir: s.order === 'ascend' ? 'asc' : 'desc' });
  };

  return (
    <div
      ref={wrapRef}
      className="recon-table-wrap"
      tabIndex={0}
      role="region"
      aria-label={t('recon.keyboardHint')}
      onKeyDown={onKeyDown}
      data-testid="invoice-table"
    >
      <Table<InvoiceRow>
        ref={tableRef}
        virtual
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows as InvoiceRow[]}
        pagination={false}
        loading={loading && rows.length === 0}
        scroll={{ x: TABLE_WIDTH, y: Math.max(120, height - HEADER_HEIGHT) }}
        onChange={onChange}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < PREFETCH_ROWS * ROW_HEIGHT) maybeLoad(rows.length);
        }}
        rowClassName={(r, i) => `row-s-${r.reconStatus}${i === activeIndex ? ' row-active' : ''}`}
        onRow={(r, i) => ({
          onClick: () => onActive(i ?? 0),
          onDoubleClick: () => onOpen(r.id),
          'data-row-id': r.id,
          'data-status': r.reconStatus,
        } as HTMLAttributes<HTMLElement>)}
        rowSelection={{
          fixed: true,
          columnWidth: 48,
          selectedRowKeys: selectedKeys,
          onChange: (keys) => onSelect(keys.map(Number)),
        }}
      />
    </div>
  );
}
