// Renderer. Every Suning query: order, when, outcome, how many invoices, the platform's code and message.
import { useState } from 'react';
import { Input, Space, Tag } from 'antd';
import type { ChannelOutput } from '../../../shared/api/contract';
import { usePaged } from '../../api/queries';
import { useI18n } from '../../i18n/i18n';
import { PagedTable } from './PagedTable';
import { formatTime } from '../../components/time';
import { PlatformCode } from '../../components/PlatformCode';

type QueryRow = ChannelOutput<'queries:list'>['rows'][number];
const OUTCOME_COLOR = { found: 'green', no_result: 'gold', error: 'red' } as const;

export function QueriesTab() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const list = usePaged('queries:list', { search: search || undefined, limit: 100 });
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Input.Search allowClear placeholder={t('history.searchQueries')} onSearch={(v) => setSearch(v.trim())} style={{ width: 280 }} aria-label={t('common.search')} />
      <PagedTable<QueryRow>
        list={list}
        testId="queries-table"
        columns={[
          { title: t('common.time'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
          { title: t('field.orderNo'), dataIndex: 'orderNo', width: 170, render: (v: string) => <span className="mono">{v}</span> },
          { title: t('field.billType'), dataIndex: 'billType', width: 90 },
          { title: t('history.outcome'), dataIndex: 'outcome', width: 100, render: (v: QueryRow['outcome']) => <Tag color={OUTCOME_COLOR[v]}>{t(`history.outcome.${v}`)}</Tag> },
          { title: t('history.invoices'), dataIndex: 'invoices', width: 80, align: 'right' },
          { title: t('common.code'), dataIndex: 'code', width: 240, render: (v: string | null) => <PlatformCode code={v} /> },
          { title: t('common.message'), dataIndex: 'message', ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('history.job'), dataIndex: 'jobId', width: 70, render: (v: number | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}
