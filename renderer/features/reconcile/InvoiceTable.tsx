// Renderer. The virtualised reconcile table: keyset pages load as the clerk scrolls; arrows, Enter and Space drive it.
// A fixed-height row window of its own (not antd's virtual Table): only the rows in view exist in the DOM, each row
// is memoised on its data, selection and active state, so scrolling mounts just the rows coming into view and a
// page arriving re-renders nothing that is already shown.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactNode } from 'react';
import { Empty, Spin } from 'antd';
import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import type { PlannedInvoiceRow as InvoiceRow } from '../../../shared/domain/plan';
import type { InvoiceSort } from '../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { useElementHeight } from '../../components/useElementHeight';
import { FOCUS_TABLE_EVENT } from '../../app/shortcuts';
import { buildColumns, SELECT_WIDTH, type Column, type SortField } from './columns';
import { layoutColumns, useColumnPrefs, type ColumnPrefs } from './column-prefs';

const HEADER_HEIGHT = 40;
export const ROW_HEIGHT = 39;
/** Rows rendered above and below the visible window, so a fast flick does not show blank space. */
const OVERSCAN = 6;
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
  /** Changes with the filter and sort: the table scrolls back to the top. */
  readonly viewKey: string;
}

/** Header click cycles like antd's sorter: ascending, descending, then back to the default order. */
export function nextSort(sort: InvoiceSort, field: SortField): InvoiceSort {
  if (sort.field !== field) return { field, dir: 'asc' };
  if (sort.dir === 'asc') return { field, dir: 'desc' };
  return { field: 'invoiceNo', dir: 'asc' };
}

/** A visible column and, when pinned, its class (pinned cells shift by one CSS variable while scrolled sideways). */
interface ShownColumn {
  readonly column: Column;
  readonly pinClass: string;
}

interface RowProps {
  readonly row: InvoiceRow;
  readonly index: number;
  readonly selected: boolean;
  readonly active: boolean;
  readonly columns: readonly ShownColumn[];
  readonly handlers: RowHandlers;
}

interface RowHandlers {
  /** A single click opens the detail (a double click no longer selects the cell's text). */
  readonly click: (index: number, id: number) => void;
  readonly toggle: (index: number, shift: boolean) => void;
}

const InvoiceTableRow = memo(function InvoiceTableRow({ row, index, selected, active, columns, handlers }: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vt-row row-s-${row.reconStatus}${active ? ' row-active' : ''}${selected ? ' row-selected' : ''}`}
      style={{ top: index * ROW_HEIGHT }}
      data-row-id={row.id}
      data-status={row.reconStatus}
      onMouseDown={(e) => { if (e.detail > 1) e.preventDefault(); }}
      onClick={() => handlers.click(index, row.id)}
    >
      <div role="cell" className="vt-cell vt-sel vt-pin">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          aria-label={row.invoiceNo}
          onClick={(e: MouseEvent<HTMLInputElement>) => { e.stopPropagation(); handlers.toggle(index, e.shiftKey); }}
          onChange={() => undefined}
        />
      </div>
      {columns.map(({ column: c, pinClass }) => {
        const extra = typeof c.cell === 'function' ? c.cell(row) : c.cell;
        const content = c.render(row);
        const cls = `vt-cell${pinClass}${c.align === 'right' ? ' vt-right' : ''}${c.ellipsis ? ' vt-ellipsis' : ''}${extra ? ` ${extra}` : ''}`;
        return <div key={c.key} role="cell" className={cls} title={c.ellipsis ? String(content) : undefined}>{content}</div>;
      })}
    </div>
  );
});

interface HeaderProps {
  readonly shown: ShownColumn;
  readonly width: number;
  readonly sort: InvoiceSort;
  readonly onSort: (f: SortField) => void;
  readonly onResize: (key: string, width: number | null, done: boolean) => void;
}

function HeaderCell({ shown: { column, pinClass }, width, sort, onSort, onResize }: HeaderProps) {
  const { t } = useI18n();
  const field = column.sort;
  const order = field !== undefined && sort.field === field ? sort.dir : null;
  const cls = `vt-cell vt-th${pinClass}${column.align === 'right' ? ' vt-right' : ''}`;
  // Dragging the right edge resizes; the width is saved when the pointer is released.
  const onPointerDown = (e: PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const el = e.currentTarget;
    const startX = e.clientX;
    el.setPointerCapture(e.pointerId);
    const widthAt = (x: number) => Math.max(column.minWidth, Math.round(width + x - startX));
    const move = (ev: globalThis.PointerEvent) => onResize(column.key, widthAt(ev.clientX), false);
    const up = (ev: globalThis.PointerEvent) => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      onResize(column.key, widthAt(ev.clientX), true);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const handle = (
    <span
      className="vt-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('recon.resizeColumn', { name: column.title })}
      title={t('recon.columnsHint')}
      onPointerDown={onPointerDown}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={() => onResize(column.key, null, true)}
      data-testid={`resize-${column.key}`}
    />
  );
  if (field === undefined) return <div role="columnheader" className={cls} data-col={column.key}>{column.title}{handle}</div>;
  return (
    <div role="columnheader" className={cls} data-col={column.key} aria-sort={order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : 'none'}>
      <button type="button" className="vt-sorter" onClick={() => onSort(field)} data-testid={`sort-${field}`}>
        <span>{column.title}</span>
        <span className="vt-sorter-icons" aria-hidden>
          <CaretUpOutlined className={order === 'asc' ? 'on' : undefined} />
          <CaretDownOutlined className={order === 'desc' ? 'on' : undefined} />
        </span>
      </button>
      {handle}
    </div>
  );
}

export function InvoiceTable({ rows, loading, hasMore, loadMore, sort, onSort, selectedIds, onSelect, activeIndex, onActive, onOpen, viewKey }: Props) {
  const { t, lang } = useI18n();
  const wrapRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const height = useElementHeight(wrapRef);
  const allColumns = useMemo(() => buildColumns(t, lang), [t, lang]);
  const [prefs, savePrefs] = useColumnPrefs();
  // While a header edge is dragged the width lives here; it is saved (and remembered) on release.
  const [dragWidth, setDragWidth] = useState<{ readonly key: string; readonly width: number } | null>(null);
  const hiddenKey = prefs.hidden.join('|');
  const columns = useMemo<readonly ShownColumn[]>(
    () => layoutColumns(allColumns, { widths: {}, hidden: hiddenKey === '' ? [] : hiddenKey.split('|') }, SELECT_WIDTH)
      .map(({ column }, i) => ({ column, pinClass: column.pinned === true ? ` vt-pin vt-pin-${i}` : '' })),
    [allColumns, hiddenKey],
  );
  const effective = useMemo<ColumnPrefs>(
    () => (dragWidth ? { ...prefs, widths: { ...prefs.widths, [dragWidth.key]: dragWidth.width } } : prefs),
    [prefs, dragWidth],
  );
  const laid = useMemo(() => layoutColumns(allColumns, effective, SELECT_WIDTH), [allColumns, effective]);
  const onResize = useCallback((key: string, width: number | null, done: boolean) => {
    if (!done && width !== null) { setDragWidth({ key, width }); return; }
    setDragWidth(null);
    const widths = { ...prefs.widths };
    if (width === null) delete widths[key];
    else widths[key] = width;
    savePrefs({ ...prefs, widths });
  }, [prefs, savePrefs]);
  const [scrollTop, setScrollTop] = useState(0);
  const all = selectedIds === 'all';
  const selectedSet = useMemo(() => new Set(all ? [] : selectedIds), [all, selectedIds]);
  const isSelected = useCallback((id: number) => all || selectedSet.has(id), [all, selectedSet]);

  // Callbacks read the latest props through a ref, so the rows' handlers never change identity.
  const latest = useRef({ rows, hasMore, loading, loadMore, onSelect, onActive, onOpen, selectedIds, isSelected });
  latest.current = { rows, hasMore, loading, loadMore, onSelect, onActive, onOpen, selectedIds, isSelected };
  const anchor = useRef<number | null>(null);

  const maybeLoad = useCallback((index: number) => {
    const l = latest.current;
    if (l.hasMore && !l.loading && index >= l.rows.length - PREFETCH_ROWS) l.loadMore();
  }, []);

  const bodyHeight = Math.max(0, height - HEADER_HEIGHT);
  useEffect(() => {
    // The first page may not fill a tall window; keep loading until it scrolls.
    if (rows.length > 0 && rows.length * ROW_HEIGHT < bodyHeight) maybeLoad(rows.length);
  }, [rows.length, bodyHeight, maybeLoad, loading]);

  useEffect(() => {
    const focus = () => wrapRef.current?.focus();
    window.addEventListener(FOCUS_TABLE_EVENT, focus);
    return () => window.removeEventListener(FOCUS_TABLE_EVENT, focus);
  }, []);

  // A new filter or sort starts at the top.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && el.scrollTop !== 0) el.scrollTop = 0;
    setScrollTop(0);
    anchor.current = null;
  }, [viewKey]);

  const gridRef = useRef<HTMLDivElement>(null);
  const scrollLeft = useRef(0);
  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (el.scrollLeft !== scrollLeft.current) {
      // Pinned cells follow the horizontal offset through one CSS variable: no React render, no sticky layout.
      scrollLeft.current = el.scrollLeft;
      gridRef.current?.style.setProperty('--vt-sl', `${el.scrollLeft}px`);
      gridRef.current?.classList.toggle('vt-hscrolled', el.scrollLeft > 0);
    }
    setScrollTop(el.scrollTop);
    if (el.scrollHeight - el.scrollTop - el.clientHeight < PREFETCH_ROWS * ROW_HEIGHT) maybeLoad(latest.current.rows.length);
  }, [maybeLoad]);

  const handlers = useMemo<RowHandlers>(() => ({
    click: (index, id) => {
      latest.current.onActive(index);
      latest.current.onOpen(id);
    },
    toggle: (index, shift) => {
      const l = latest.current;
      const row = l.rows[index];
      if (!row) return;
      const current = l.selectedIds === 'all' ? l.rows.map((r) => r.id) : l.selectedIds;
      const from = anchor.current;
      if (shift && from !== null && from !== index) {
        // Shift+click selects the range from the last clicked row, as antd's selection did.
        const [a, b] = from < index ? [from, index] : [index, from];
        const add = l.rows.slice(a, b + 1).map((r) => r.id);
        const set = new Set(current);
        for (const id of add) set.add(id);
        l.onSelect([...set]);
      } else {
        l.onSelect(l.isSelected(row.id) ? current.filter((k) => k !== row.id) : [...current, row.id]);
      }
      anchor.current = index;
      l.onActive(index);
    },
  }), []);

  const scrollToIndex = (i: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const view = el.clientHeight - HEADER_HEIGHT;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + view) el.scrollTop = top + ROW_HEIGHT - view;
  };

  const moveTo = (i: number) => {
    if (rows.length === 0) return;
    const next = Math.max(0, Math.min(rows.length - 1, i));
    onActive(next);
    scrollToIndex(next);
    maybeLoad(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey) return;
    if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return;
    const page = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
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
        handlers.toggle(activeIndex, false);
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

  const onHeaderSort = useCallback((field: SortField) => onSort(nextSort(sort, field)), [onSort, sort]);

  const loadedSelected = all ? rows.length : rows.reduce((n, r) => n + (selectedSet.has(r.id) ? 1 : 0), 0);
  const headerChecked = rows.length > 0 && loadedSelected === rows.length;
  const headerMixed = loadedSelected > 0 && !headerChecked;
  const headerBox = useRef<HTMLInputElement>(null);
  useEffect(() => { if (headerBox.current) headerBox.current.indeterminate = headerMixed; }, [headerMixed]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + bodyHeight) / ROW_HEIGHT) + OVERSCAN);
  // Rows are keyed by slot, not by id: a row scrolling out hands its DOM to the row scrolling in, so a flick
  // updates text and attributes in place instead of creating and discarding hundreds of elements per frame.
  // The array is in slot order too, so React never moves a DOM node (a move restyles and relayouts the row);
  // rows are absolutely positioned and carry aria-rowindex, so their order in the DOM does not matter.
  const slots = Math.ceil(bodyHeight / ROW_HEIGHT) + 2 * OVERSCAN + 2;
  const visible: ReactNode[] = new Array<ReactNode>(slots).fill(null);
  for (let i = first; i < last; i++) {
    const r = rows[i];
    if (!r) break;
    visible[i % slots] = (
      <InvoiceTableRow key={i % slots} row={r} index={i} selected={isSelected(r.id)} active={i === activeIndex} columns={columns} handlers={handlers} />
    );
  }

  const gridStyle = useMemo(() => {
    const style: Record<string, string | number> = {
      width: laid.reduce((w, c) => w + c.width, SELECT_WIDTH),
      '--vt-cols': `${SELECT_WIDTH}px ${laid.map((c) => `${c.width}px`).join(' ')}`,
      '--vt-row': `${ROW_HEIGHT}px`,
    };
    return style as CSSProperties;
  }, [laid]);

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
      <div ref={scrollRef} className="vt-scroll" onScroll={onScroll}>
        <div ref={gridRef} role="table" aria-rowcount={rows.length + 1} className="vt-grid" style={gridStyle}>
          <div role="row" className="vt-head" aria-rowindex={1}>
            <div role="columnheader" className="vt-cell vt-th vt-sel vt-pin">
              <input
                ref={headerBox}
                type="checkbox"
                checked={headerChecked}
                disabled={rows.length === 0}
                aria-label={t('common.all')}
                onChange={() => onSelect(headerChecked ? [] : rows.map((r) => r.id))}
                data-testid="select-loaded"
              />
            </div>
            {columns.map((c, i) => (
              <HeaderCell key={c.column.key} shown={c} width={laid[i]?.width ?? c.column.width} sort={sort} onSort={onHeaderSort} onResize={onResize} />
            ))}
          </div>
          <div className="vt-body" style={{ height: rows.length * ROW_HEIGHT }}>
            {visible}
          </div>
        </div>
        {rows.length === 0 && (
          <div className="vt-empty">
            {loading ? <Spin /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />}
          </div>
        )}
      </div>
    </div>
  );
}
