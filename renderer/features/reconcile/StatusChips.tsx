// Renderer. One chip per reconciliation status with its live count; pressing chips filters the table server-side.
// A click shows that status alone (viewing statuses one by one is one click each); Ctrl/⌘-click adds or removes it.
import type { MouseEvent } from 'react';
import { Tag } from 'antd';
import { AppstoreOutlined, WarningOutlined } from '@ant-design/icons';
import { RECON_STATUSES, type ReconStatus } from '../../../shared/domain/invoice';
import { useI18n } from '../../i18n/i18n';
import { RECON_HINTS, RECON_LABELS } from '../../i18n/labels';
import { RECON_META } from '../../components/status-meta';

interface Props {
  readonly selected: readonly ReconStatus[];
  readonly counts: Partial<Record<ReconStatus, number>> | undefined;
  readonly total: number | undefined;
  readonly onChange: (next: readonly ReconStatus[]) => void;
  /** The "newest query failed" flag as one more chip (its verdicts stay under their own statuses). */
  readonly queryFailedOn: boolean;
  readonly queryFailedCount: number | undefined;
  readonly onQueryFailed: (on: boolean) => void;
}

/** The statuses shown after a chip click; clicking the one status already shown alone goes back to all. */
export function chipSelection(selected: readonly ReconStatus[], s: ReconStatus, additive: boolean): readonly ReconStatus[] {
  if (additive) return selected.includes(s) ? selected.filter((x) => x !== s) : [...selected, s];
  return selected.length === 1 && selected[0] === s ? [] : [s];
}

export function StatusChips({ selected, counts, total, onChange, queryFailedOn, queryFailedCount, onQueryFailed }: Props) {
  const { lang, t } = useI18n();
  const click = (s: ReconStatus, e: MouseEvent) => onChange(chipSelection(selected, s, e.ctrlKey || e.metaKey));
  const fmt = (n: number | undefined) => (n === undefined ? '…' : n.toLocaleString(lang));
  return (
    <div className="chips" role="group" aria-label={t('recon.col.status')}>
      <button type="button" className="chip-btn" aria-pressed={selected.length === 0} onClick={() => onChange([])} data-testid="chip-all">
        <Tag variant={selected.length === 0 ? 'solid' : 'outlined'} color="geekblue" icon={<AppstoreOutlined />}>
          {t('common.all')}<span className="chip-count">{fmt(total)}</span>
        </Tag>
      </button>
      {RECON_STATUSES.map((s) => {
        const on = selected.includes(s);
        const n = counts?.[s] ?? 0;
        return (
          <button
            key={s}
            type="button"
            className="chip-btn"
            aria-pressed={on}
            title={`${RECON_HINTS[s][lang]}\n${t('recon.chipHint')}`}
            onClick={(e) => click(s, e)}
            data-testid={`chip-${s}`}
            data-count={counts ? n : undefined}
          >
            <Tag variant={on ? 'solid' : 'outlined'} color={RECON_META[s].color === 'default' ? undefined : RECON_META[s].color} icon={RECON_META[s].icon} style={n === 0 && !on ? { opacity: 0.5 } : undefined}>
              {RECON_LABELS[s][lang]}<span className="chip-count">{fmt(counts ? n : undefined)}</span>
            </Tag>
          </button>
        );
      })}
      <button
        type="button"
        className="chip-btn"
        aria-pressed={queryFailedOn}
        title={t('recon.queryFailedChipHint')}
        onClick={() => onQueryFailed(!queryFailedOn)}
        data-testid="chip-query-failed-flag"
        data-count={queryFailedCount}
      >
        <Tag variant={queryFailedOn ? 'solid' : 'outlined'} color="volcano" icon={<WarningOutlined />} style={!queryFailedCount && !queryFailedOn ? { opacity: 0.5 } : undefined}>
          {t('recon.queryFailedChip')}<span className="chip-count">{fmt(queryFailedCount)}</span>
        </Tag>
      </button>
    </div>
  );
}
