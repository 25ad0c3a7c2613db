// Renderer. Every Wangdiantong submission: what was sent (never secrets), the platform's code and message; re-send rejected ones.
import { useState, type HTMLAttributes } from 'react';
import { Button, DatePicker, Input, Select, Space, Tag, Typography, App as AntApp } from 'antd';
import dayjs from 'dayjs';
import { RedoOutlined } from '@ant-design/icons';
import { OUTBOX_STATES, type OutboxState, type Submission } from '../../../shared/domain/invoice';
import { usePaged } from '../../api/queries';
import { useExportSubmissions, useResend } from '../../api/mutations';
import { useI18n } from '../../i18n/i18n';
import { OUTBOX_LABELS } from '../../i18n/labels';
import { OutboxTag } from '../../components/StatusTag';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButtons } from '../../components/ExportButtons';
import { PagedTable } from './PagedTable';
import { formatTime } from '../../components/time';
import { PlatformCode } from '../../components/PlatformCode';

export function SubmissionsTab() {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [state, setState] = useState<OutboxState[]>([]);
  const [search, setSearch] = useState('');
  const [days, setDays] = useState<{ from?: string; to?: string }>({});
  const filter = { state: state.length ? state : undefined, search: search || undefined, from: days.from, to: days.to };
  const list = usePaged('submissions:list', { ...filter, limit: 100 });
  const total = list.data?.pages[0]?.total;
  const resend = useResend();
  const exporter = useExportSubmissions();

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('history.searchSubmissions')} onSearch={(v) => setSearch(v.trim())} style={{ width: 240 }} aria-label={t('history.searchSubmissions')} data-testid="history-search" />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[days.from ? dayjs(days.from) : null, days.to ? dayjs(days.to) : null]}
          onChange={(v) => setDays({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('history.dayFrom'), t('history.dayTo')]}
          aria-label={t('history.dayRange')}
          style={{ width: 260 }}
          data-testid="history-days"
        />
        <Select<OutboxState[]>
          mode="multiple"
          allowClear
          placeholder={t('history.stateFilter')}
          value={state}
          onChange={setState}
          options={OUTBOX_STATES.map((s) => ({ value: s, label: OUTBOX_LABELS[s][lang] }))}
          style={{ minWidth: 220 }}
          aria-label={t('history.stateFilter')}
          data-testid="history-state-filter"
        />
        <ExportButtons pending={exporter.isPending} run={(format) => exporter.mutateAsync({ format, ...filter })} />
      </Space>
      {resend.error && <ErrorAlert error={resend.error} compact />}
      <PagedTable<Submission>
        list={list}
        total={total}
        testId="submissions-table"
        scrollX={1260}
        rowAttributes={(r) => ({ 'data-state': r.state } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('common.time'), dataIndex: 'updatedAt', width: 160, render: (v: string) => formatTime(v) },
          { title: t('field.invoiceNo'), dataIndex: 'invoiceNo', width: 150, render: (v: string) => <span className="mono">{v}</span> },
          { title: t('history.outcome'), dataIndex: 'state', width: 110, render: (s: OutboxState) => <OutboxTag state={s} /> },
          {
            title: t('history.payload'), key: 'payload', width: 290,
            render: (_: unknown, r) => (
              <Typography.Text style={{ fontSize: 12.5 }}>
                {t(`wdt.${r.payload.status}`)} · <span className="mono">{r.payload.invoice_code || '—'} / {r.payload.invoice_no_out || '—'}</span>
                {r.payload.error_info && <> · {r.payload.error_info}</>}
                {r.overrideReason && <><br /><Typography.Text type="danger" style={{ fontSize: 12.5 }} data-testid="history-override">{t('history.override', { reason: r.overrideReason })}</Typography.Text></>}
              </Typography.Text>
            ),
          },
          { title: t('common.code'), dataIndex: 'platformCode', width: 200, render: (v: string | null) => (v === null ? '—' : <Tag color={v === '0' ? 'green' : 'red'}><PlatformCode code={v} /></Tag>) },
          {
            // Platform messages can be long: two lines, the rest a click (or hover) away.
            title: t('common.message'), dataIndex: 'message', width: 260,
            render: (v: string | null) => (v === null ? '—' : (
              <Typography.Paragraph className="history-message" ellipsis={{ rows: 2, expandable: 'collapsible', tooltip: v }} style={{ marginBottom: 0, fontSize: 12.5 }} data-testid="history-message">
                {v}
              </Typography.Paragraph>
            )),
          },
          { title: t('history.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
          {
            title: '', key: 'act', width: 110, fixed: 'right',
            render: (_: unknown, r) => (r.state === 'rejected' || r.state === 'unknown') && (
              <Button size="small" icon={<RedoOutlined />} data-testid="history-resend" loading={resend.isPending && resend.variables?.id === r.id}
                onClick={() => resend.mutate({ id: r.id }, { onSuccess: () => message.success(t('history.resent')) })}>
                {t('history.resend')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}
