// Renderer. Columns of the reconcile table; sortable ones map 1:1 to the server's sort fields.
import type { TableColumnsType } from 'antd';
import { Typography } from 'antd';
import type { InvoiceRow } from '../../../shared/domain/invoice';
import type { InvoiceSort } from '../../../shared/api/schemas';
import { formatFenGrouped } from '../../../shared/domain/money';
import { ReconTag, SubmitTag } from '../../components/StatusTag';
import type { Translate } from '../../i18n/i18n';
import { formatTime } from '../../components/time';

type SortField = InvoiceSort['field'];

function sortOrder(sort: InvoiceSort, field: SortField): 'ascend' | 'descend' | null {
  if (sort.field !== field) return null;
  return sort.dir === 'asc' ? 'ascend' : 'descend';
}

export function money(fen: number | null): string {
  return fen === null ? '—' : formatFenGrouped(fen);
}

export function buildColumns(t: Translate, sort: InvoiceSort): TableColumnsType<InvoiceRow> {
  const sortable = (field: SortField) => ({ key: field, sorter: true, sortOrder: sortOrder(sort, field), showSorterTooltip: false });
  return [
    { title: t('recon.col.status'), dataIndex: 'reconStatus', width: 128, ...sortable('reconStatus'), render: (_: unknown, r) => <ReconTag status={r.reconStatus} /> },
    { title: t('recon.col.submit'), dataIndex: 'submitState', width: 120, ...sortable('submitState'), render: (_: unknown, r) => <SubmitTag state={r.submitState} /> },
    { title: t('recon.col.invoiceNo'), dataIndex: 'invoiceNo', width: 150, ...sortable('invoiceNo'), render: (v: string) => <span className="mono">{v}</span> },
    { title: t('recon.col.orderNo'), dataIndex: 'orderNo', width: 150, ...sortable('orderNo'), render: (v: string) => <span className="mono">{v}</span> },
    { title: t('recon.col.amount'), dataIndex: 'amountFen', width: 120, align: 'right', ...sortable('amountFen'), render: (v: number) => <span className="num">{money(v)}</span> },
    {
      title: t('recon.col.suningAmount'), dataIndex: 'suningAmountFen', width: 120, align: 'right',
      render: (v: number | null, r) => (
        <span className="num" style={v !== null && v !== r.amountFen ? { color: '#cf1322', fontWeight: 600 } : undefined}>{money(v)}</span>
      ),
    },
    { title: t('recon.col.invoiceNum'), dataIndex: 'invoiceNum', width: 190, ...sortable('invoiceNum'), render: (v: string) => (v ? <span className="mono">{v}</span> : <Typography.Text type="secondary">—</Typography.Text>) },
    {
      title: t('recon.col.suningNum'), dataIndex: 'suningInvoiceNum', width: 190,
      render: (v: string, r) => (v
        ? <span className="mono" style={r.invoiceNum && v !== r.invoiceNum ? { color: '#cf1322', fontWeight: 600 } : undefined}>{v}</span>
        : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('recon.col.date'), dataIndex: 'invoiceDate', width: 110, ...sortable('invoiceDate'), render: (v: string | null) => v ?? '—' },
    { title: t('recon.col.shop'), dataIndex: 'shop', width: 120, ellipsis: true, ...sortable('shop') },
    { title: t('recon.col.buyer'), dataIndex: 'buyerTitle', width: 170, ellipsis: true, ...sortable('buyerTitle') },
    { title: t('recon.col.updated'), dataIndex: 'updatedAt', width: 150, ...sortable('updatedAt'), render: (v: string) => <span className="num">{formatTime(v)}</span> },
  ];
}

export const TABLE_WIDTH = 128 + 150 + 150 + 120 + 170 + 120 + 120 + 110 + 190 + 190 + 120 + 150 + 48;
