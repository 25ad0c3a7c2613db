// Renderer. The audit log: who did what to which object, with its details (the main process never records secrets).
import { useState } from 'react';
import { Button, Popconfirm, Select, Space, Typography, App as AntApp } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useUndoApplySuning } from '../../api/mutations';
import type { ChannelOutput } from '../../../shared/api/contract';
import { usePaged } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { PagedTable } from './PagedTable';
import { formatTime } from '../../components/time';
import { AUDIT_ACTION_LABELS, AUDIT_ACTOR_LABELS, auditSummary, auditTarget } from '../../i18n/audit-labels';

type AuditRow = ChannelOutput<'audit:list'>['rows'][number];

/** A bulk 采用苏宁结果 batch can be undone from its log entry (the dialog that applied it may be long closed). */
function UndoBatch({ batch }: { readonly batch: string }) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const undo = useUndoApplySuning();
  return (
    <Popconfirm
      title={t('apply.undoBatchConfirm')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onConfirm={() => undo.mutate({ batch }, {
        onSuccess: (r) => void (r.outdatedInvoiceNos.length > 0 || r.skipped.length > 0 ? message.warning(pick(r.message, r.messageEn), 8) : message.success(pick(r.message, r.messageEn))),
        onError: (e) => void message.error(pick(e.messageZh, e.messageEn)),
      })}
    >
      <Button size="small" icon={<UndoOutlined />} loading={undo.isPending} data-testid="audit-undo-batch">{t('apply.undoBatch')}</Button>
    </Popconfirm>
  );
}

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
          {
            title: t('history.target'), dataIndex: 'target', width: 220, ellipsis: true,
            render: (v: string | null, r: AuditRow) => (r.action === 'invoice.apply_suning_bulk' && v
              ? <UndoBatch batch={v} />
              : <span className={v !== null && !/^(job|auto):/.test(v) ? 'mono' : undefined}>{auditTarget(v, lang)}</span>),
          },
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
