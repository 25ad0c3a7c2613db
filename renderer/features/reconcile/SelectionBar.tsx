// Renderer. "N selected" and the offer to extend the selection to everything matching the filter.
import { Button, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import type { RowSelection } from './view-state';

interface Props {
  readonly selection: RowSelection;
  readonly total: number | undefined;
  readonly onSelectFilter: () => void;
  readonly onClear: () => void;
}

export function SelectionBar({ selection, total, onSelectFilter, onClear }: Props) {
  const { t } = useI18n();
  const n = selection.kind === 'ids' ? selection.ids.length : total ?? 0;
  if (selection.kind === 'ids' && n === 0) {
    return total ? (
      <Button size="small" type="link" onClick={onSelectFilter} data-testid="select-all-matching">
        {t('recon.selectAllMatching', { n: total.toLocaleString() })}
      </Button>
    ) : null;
  }
  return (
    <Space size={4} data-testid="selection-bar" data-selection-kind={selection.kind}>
      <Typography.Text strong>
        {selection.kind === 'filter' ? t('recon.selectedFilter', { n: n.toLocaleString() }) : t('recon.selectedIds', { n: n.toLocaleString() })}
      </Typography.Text>
      {selection.kind === 'ids' && total !== undefined && total > n && (
        <Button size="small" type="link" onClick={onSelectFilter} data-testid="select-all-matching">
          {t('recon.selectAllMatching', { n: total.toLocaleString() })}
        </Button>
      )}
      <Button size="small" type="link" onClick={onClear}>{t('recon.clearSelection')}</Button>
    </Space>
  );
}
