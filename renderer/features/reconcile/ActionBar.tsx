// Renderer. The line above the table: what is selected, and what can be done with it (bulk jobs, export).
import type { ReactNode } from 'react';
import { Button, Space, Tooltip } from 'antd';
import { CloseCircleOutlined, CloudUploadOutlined, ImportOutlined, SyncOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { withShortcut } from '../../components/Kbd';

interface Props {
  readonly selectionInfo: ReactNode;
  readonly hasSelection: boolean;
  readonly onQuery: () => void;
  readonly onSubmit: () => void;
  /** Bulk 采用苏宁结果 (a preview first). */
  readonly onApplySuning: () => void;
  /** 自动处理 over the current filter (a plan screen first); needs no selection. */
  readonly onAuto: () => void;
  /** 标记开票失败 over the selection (75/65 with a reason; only never-80 invoices are marked). */
  readonly onMarkFailed: () => void;
  readonly exportButtons: ReactNode;
}

export function ActionBar({ selectionInfo, hasSelection, onQuery, onSubmit, onApplySuning, onAuto, onMarkFailed, exportButtons }: Props) {
  const { t } = useI18n();
  return (
    <div className="recon-actions">
      <div className="recon-selection">{selectionInfo}</div>
      <Space wrap>
        <Tooltip title={t('auto.openHint')}>
          <Button type="primary" ghost icon={<ThunderboltOutlined />} onClick={onAuto} data-testid="auto-open">{t('auto.open')}</Button>
        </Tooltip>
        <Tooltip title={withShortcut(t('recon.query'), 'Alt+Q')}>
          <Button icon={<SyncOutlined />} disabled={!hasSelection} onClick={onQuery} data-testid="bulk-query">{t('recon.query')}</Button>
        </Tooltip>
        <Button icon={<ImportOutlined />} disabled={!hasSelection} onClick={onApplySuning} data-testid="bulk-apply-suning">{t('recon.applySuning')}</Button>
        <Tooltip title={withShortcut(t('recon.submit'), 'Alt+S')}>
          <Button type="primary" icon={<CloudUploadOutlined />} disabled={!hasSelection} onClick={onSubmit} data-testid="bulk-submit">{t('recon.submit')}</Button>
        </Tooltip>
        <Button icon={<CloseCircleOutlined />} disabled={!hasSelection} onClick={onMarkFailed} data-testid="bulk-mark-failed">{t('markFailed.open')}</Button>
        {exportButtons}
      </Space>
    </div>
  );
}
