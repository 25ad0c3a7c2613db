// Renderer. The audit log: who did what to which object, with its details (the main process never records secrets).
import { useState } from 'react';
import { Select, Space, Typography } from 'antd';
import type { ChannelOutput } from '../../../shared/api/contract';
import { usePaged } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { PagedTable } from './PagedTable';
import { formatTime } from '../../components/time';
import { AUDIT_ACTION_LABELS, AUDIT_ACTOR_LABELS, auditSummary, auditTarget } from '../../i18n/audit-labels';

type AuditRow = ChannelOutput<'audit:list'>['rows'][number];

export function AuditTab() {
  const { t, lang } = useI18n();
  const [action, setAction] = useState('');
  const list = usePaged('audit:list', { action: action || undefined, limit: 100 });
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('history.actionFilter')}
        value={action || undefined}
        onChange={(v) => setAction(v ?? '')}
        options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label: label[lang] }))}
        style={{ width: 240 }}
        aria-label={t('history.actionFilter')}
        data-testid="audit-action-filter"
      />
      <PagedTable<AuditRow>
        list={list}
        testId="audit-table"
        columns={[
          { title: t('common.time'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
          { title: t('history.actor'), dataIndex: 'actor', width: 90, render: (v: string) => AUDIT_ACTOR_LABELS[v]?.[lang] ?? v },
          {
            // The action in words; its stable name only as a small detail for support.
            title: t('history.action'), dataIndex: 'action', width: 220,
            render: (v: string) => (
              <span data-action={v}>{AUDIT_ACTION_LABELS[v]?.[lang] ?? v}{AUDIT_ACTION_LABELS[v] && <span className="code-detail mono"> {v}</span>}</span>
            ),
          },
          { title: t('history.target'), dataIndex: 'target', width: 220, ellipsis: true, render: (v: string | null) => <span className={v !== null && !/^job:/.test(v) ? 'mono' : undefined}>{auditTarget(v, lang)}</span> },
          {
            title: t('history.details'), dataIndex: 'details',
            render: (d: AuditRow['details']) => (
              <Typography.Text style={{ fontSize: 12.5 }} ellipsis={{ tooltip: <pre className="audit-record">{JSON.stringify(d, null, 1)}</pre> }}>{auditSummary(d, lang) || '—'}</Typography.Text>
            ),
          },
        ]}
      />
    </Space>
  );
}
