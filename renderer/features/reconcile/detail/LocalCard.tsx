// Renderer. The local (ERP) record, with every field that differs from Suning highlighted and Suning's value beside it.
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { InvoiceRow } from '../../../../shared/domain/invoice';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { formatFenGrouped } from '../../../../shared/domain/money';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { ExternalLink } from '../../../components/ExternalLink';
import { formatTime } from '../../../components/time';

type Diff = ChannelOutput<'invoices:get'>['diffs'][number];

export function LocalCard({ invoice, diffs }: { readonly invoice: InvoiceRow; readonly diffs: readonly Diff[] }) {
  const { t } = useI18n();
  const diffOf = (f: Diff['field']) => diffs.find((d) => d.field === f);
  const row = (label: MessageKey, value: ReactNode, field?: Diff['field']) => {
    const d = field ? diffOf(field) : undefined;
    return (
      <>
        <dt>{t(label)}</dt>
        <dd data-field={field} data-diff={d ? 'true' : undefined}>
          <span className={d ? 'diff-cell' : 'diff-same'}>{value === '' || value === null || value === undefined || value === false ? '—' : value}</span>
          {d && <div><Typography.Text type="danger" style={{ fontSize: 12 }}>{t('detail.suningValue')}<span className="mono">{d.suning || '—'}</span></Typography.Text></div>}
        </dd>
      </>
    );
  };
  return (
    <Card size="small" title={t('detail.local')} data-testid="detail-local">
      <dl className="kv">
        {row('field.invoiceNo', <span className="mono">{invoice.invoiceNo}</span>)}
        {row('field.orderNo', <span className="mono">{invoice.orderNo}</span>)}
        {row('field.billType', invoice.billType)}
        {row('field.shop', invoice.shop)}
        {row('field.saleOrg', invoice.saleOrg)}
        {row('field.buyerTitle', invoice.buyerTitle)}
        {row('field.amountFen', <span className="num">¥{formatFenGrouped(invoice.amountFen)}</span>, 'amountFen')}
        {row('field.taxAmount', invoice.taxAmountFen === null ? '' : `¥${formatFenGrouped(invoice.taxAmountFen)}`)}
        {row('field.invoiceDate', invoice.invoiceDate ?? '', 'invoiceDate')}
        {row('field.invoiceCode', invoice.invoiceCode && <span className="mono">{invoice.invoiceCode}</span>, 'invoiceCode')}
        {row('field.invoiceNum', invoice.invoiceNum && <span className="mono">{invoice.invoiceNum}</span>, 'invoiceNum')}
        {row('field.pdfUrl', invoice.pdfUrl ? <ExternalLink href={invoice.pdfUrl}>{t('detail.openPdf')}</ExternalLink> : '', 'pdfUrl')}
        {row('field.targetStatus', t(`wdt.${invoice.targetStatus}`))}
        {row('field.errorInfo', invoice.errorInfo)}
        {row('field.updatedAt', formatTime(invoice.updatedAt))}
      </dl>
    </Card>
  );
}
