// Renderer. Search and filters; all of them are applied by the server over the whole store.
import { useEffect, useRef, useState } from 'react';
import { Button, DatePicker, Input, Select, type InputRef } from 'antd';
import { ClearOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { SUBMIT_STATES, type SubmitState } from '../../../shared/domain/invoice';
import { AMOUNT_DIFF_FILTERS, type AmountDiffFilter, type InvoiceFilter } from '../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { SUBMIT_LABELS } from '../../i18n/labels';
import { FOCUS_SEARCH_EVENT, FOCUS_TABLE_EVENT } from '../../app/shortcuts';
import { FILE_FILTER_WIDTH, FileVerdictFilter } from './archive/FileVerdictFilter';
import type { MessageKey } from '../../i18n/zh-CN';
import { MoneyRange } from './MoneyRange';

const DIFF_LABELS: Readonly<Record<AmountDiffFilter | 'range', MessageKey>> = {
  nonzero: 'recon.diff.nonzero', zero: 'recon.diff.zero', unknown: 'recon.diff.unknown', range: 'recon.diff.range',
};
type DiffChoice = AmountDiffFilter | 'range';

interface Props {
  readonly filter: InvoiceFilter;
  readonly onFilter: (patch: Partial<InvoiceFilter>) => void;
  readonly onReset: () => void;
  readonly shops: readonly string[];
  readonly submitCounts: Partial<Record<SubmitState, number>> | undefined;
}

const SEARCH_DEBOUNCE_MS = 300;

/**
 * False for the first frame: the shop, submit-state and date pickers are antd's heaviest widgets to build (their
 * styles are generated on first use), and nothing needs them before the first rows are on screen. Same-sized
 * boxes hold their place meanwhile, so nothing moves when they arrive. The search box is never deferred
 * (Ctrl+K must find it at once).
 */
function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => { timer = setTimeout(() => setReady(true), 0); });
    return () => { cancelAnimationFrame(frame); if (timer !== undefined) clearTimeout(timer); };
  }, []);
  return ready;
}

function Placeholder({ width }: { readonly width: number }) {
  return <div className="toolbar-placeholder" style={{ width }} aria-hidden />;
}

export function Toolbar({ filter, onFilter, onReset, shops, submitCounts }: Props) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(filter.search ?? '');
  const inputRef = useRef<InputRef>(null);
  const current = filter.search ?? '';

  useEffect(() => { setText(current); }, [current]);
  useEffect(() => {
    if (text.trim() === current) return undefined;
    const id = setTimeout(() => onFilter({ search: text.trim() }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [text, current, onFilter]);
  useEffect(() => {
    const focus = () => inputRef.current?.focus({ cursor: 'all' });
    window.addEventListener(FOCUS_SEARCH_EVENT, focus);
    return () => window.removeEventListener(FOCUS_SEARCH_EVENT, focus);
  }, []);

  const ready = useAfterFirstPaint();
  // 差额范围 is a choice of its own until bounds are typed; with bounds in the filter it is the choice.
  const [diffRange, setDiffRange] = useState(false);
  const hasDiffBounds = filter.diffMinFen !== undefined || filter.diffMaxFen !== undefined;
  const diffChoice: DiffChoice | undefined = filter.amountDiff ?? (hasDiffBounds || diffRange ? 'range' : undefined);
  const onDiffChoice = (v: DiffChoice | undefined) => {
    setDiffRange(v === 'range');
    onFilter({ amountDiff: v === 'range' ? undefined : v, diffMinFen: undefined, diffMaxFen: undefined });
  };
  const hasFilter = Object.keys(filter).length > 0;
  return (
    <div className="recon-toolbar">
      <Input
        ref={inputRef}
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('recon.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => onFilter({ search: text.trim() })}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown') return;
          e.preventDefault();
          onFilter({ search: text.trim() });
          window.dispatchEvent(new Event(FOCUS_TABLE_EVENT));
        }}
        style={{ width: 300 }}
        aria-label={t('common.search')}
        data-testid="search"
      />
      {ready ? (
        <>
          <Select
            allowClear
            showSearch
            placeholder={t('recon.allShops')}
            value={filter.shop}
            onChange={(v: string | undefined) => onFilter({ shop: v })}
            options={shops.map((s) => ({ value: s, label: s }))}
            style={{ width: 160 }}
            aria-label={t('recon.shop')}
          />
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('recon.submitState')}
            value={filter.submitState ?? []}
            onChange={(v: SubmitState[]) => onFilter({ submitState: v })}
            options={SUBMIT_STATES.map((s) => ({ value: s, label: `${SUBMIT_LABELS[s][lang]} (${submitCounts?.[s] ?? 0})` }))}
            style={{ width: 200 }}
            aria-label={t('recon.submitState')}
            data-testid="submit-filter"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[filter.dateFrom ? dayjs(filter.dateFrom) : null, filter.dateTo ? dayjs(filter.dateTo) : null]}
            onChange={(v) => onFilter({ dateFrom: v?.[0]?.format('YYYY-MM-DD'), dateTo: v?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('recon.dateRange'), t('recon.dateRange')]}
            style={{ width: 250 }}
          />
          <MoneyRange
            min={filter.amountMinFen}
            max={filter.amountMaxFen}
            onChange={(amountMinFen, amountMaxFen) => onFilter({ amountMinFen, amountMaxFen })}
            fromLabel={t('recon.amountFrom')}
            toLabel={t('recon.amountTo')}
            testId="amount-range"
          />
          <Select
            allowClear
            placeholder={t('recon.diffFilter')}
            value={diffChoice}
            onChange={(v: DiffChoice | undefined) => onDiffChoice(v)}
            options={[...AMOUNT_DIFF_FILTERS, 'range' as const].map((k) => ({ value: k, label: t(DIFF_LABELS[k]) }))}
            style={{ width: 130 }}
            aria-label={t('recon.diffFilter')}
            data-testid="diff-filter"
          />
          {diffChoice === 'range' && (
            <MoneyRange
              min={filter.diffMinFen}
              max={filter.diffMaxFen}
              onChange={(diffMinFen, diffMaxFen) => onFilter({ diffMinFen, diffMaxFen })}
              fromLabel={t('recon.diffFrom')}
              toLabel={t('recon.diffTo')}
              testId="diff-range"
            />
          )}
          <FileVerdictFilter filter={filter} onFilter={onFilter} />
        </>
      ) : (
        <><Placeholder width={160} /><Placeholder width={200} /><Placeholder width={250} /><Placeholder width={224} /><Placeholder width={130} /><Placeholder width={FILE_FILTER_WIDTH} /></>
      )}
      {hasFilter && <Button icon={<ClearOutlined />} onClick={() => { setDiffRange(false); onReset(); }} data-testid="clear-filters">{t('recon.clearFilters')}</Button>}
    </div>
  );
}
