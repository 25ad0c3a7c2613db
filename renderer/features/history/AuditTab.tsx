// Renderer. The audit log: who did what to which object, with its details (the main process never records secrets).
import { useState } from 'react';
import { Input, Space, Typography } from 'antd';
import type { ChannelOutput } from '../../../shared/api/contract';
import { usePaged } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { PagedTable } from './PagedTable';
import { formatTime } from '../../components/time';

type AuditRow = ChannelOutput<'audit:list'>['rows'][number];

export function AuditTab() {
  const { t } = useI18n();
  const [action, setAction] = useState('');
  const list = usePaged('audit:list', { action: action || undefined, limit: 100 });
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Input.Search allowClear placeholder={t('history.actionFilter')} onSearch={(v) => setAction(v.trim())} style={{ width: 240 }} aria-label={t('history.actionFilter')} />
      <PagedTable<AuditRow>
        list={list}
        testId="audit-table"
        columns={[
          { title: t('common.time'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
          { title: t('history.actor'), dataIndex: 'actor', width: 90 },
          { title: t('history.action'), dataIndex: 'action', width: 200, render: (v: string) => <span className="mono">{v}</span> },
          { title: t('history.target'), dataIndex: 'target', width: 220, ellipsis: true, render: (v: string | null) => v ?? '—' },
          {
            title: t('history.details'), dataIndex: 'details',
            render: (d: AuditRow['details']) => <Typography.Text className="mono" style={{ fontSize: 12 }} ellipsis={{ tooltip: JSON.stringify(d, null, 1) }}>{JSON.stringify(d)}</Typography.Text>,
          },
        ]}
      />
    </Space>
  );
}
