// Renderer. Every invoice Suning reports for the order: blue/red, amounts, date, 校验码, PDF; the usable blue one marked.
import { Card, Empty, Space, Tag, Typography } from 'antd';
import type { SuningInvoice } from '../../../../shared/domain/invoice';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { formatFenGrouped } from '../../../../shared/domain/money';
import { useI18n } from '../../../i18n/i18n';
import { ExternalLink } from '../../../components/ExternalLink';
import { formatTime } from '../../../components/time';
import { PlatformCode } from '../../../components/PlatformCode';

type Detail = ChannelOutput<'invoices:get'>;

function sameInvoice(a: SuningInvoice, b: SuningInvoice | null): boolean {
  return b !== null && a.invoiceCode === b.invoiceCode && a.invoiceNum === b.invoiceNum && a.invoiceType === b.invoiceType;
}

export function SuningCard({ detail }: { readonly detail: Detail }) {
  const { t } = useI18n();
  const { suning, validBlue, lastQuery } = detail;
  return (
    <Card
      size="small"
      title={t('detail.suning')}
      extra={lastQuery && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('detail.lastQuery', { at: formatTime(lastQuery.at) })}</Typography.Text>}
      data-testid="detail-suning"
    >
      {lastQuery?.outcome === 'error' && (
        <Typography.Paragraph type="danger" style={{ fontSize: 13 }}>
          {lastQuery.message} {lastQuery.code && <PlatformCode code={lastQuery.code} />}
        </Typography.Paragraph>
      )}
      {suning.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noSuning')} />}
      {suning.map((inv, i) => {
        const red = inv.invoiceType === -1;
        const valid = sameInvoice(inv, validBlue);
        return (
          <div key={`${inv.invoiceCode}-${inv.invoiceNum}-${i}`} className={`suning-inv ${red ? 'red' : 'blue'}${valid ? ' valid' : ''}`} data-testid="suning-invoice" data-type={red ? 'red' : 'blue'}>
            <Space wrap size={4} style={{ marginBottom: 4 }}>
              <Tag color={red ? 'red' : 'blue'}>{red ? t('detail.red') : t('detail.blue')}</Tag>
              {valid && <Tag color="success">{t('detail.validBlue')}</Tag>}
              <Typography.Text strong className="num">¥{formatFenGrouped(inv.amountFen)}</Typography.Text>
              {inv.noTaxAmountFen !== null && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('detail.noTaxAmount', { amount: formatFenGrouped(inv.noTaxAmountFen) })}</Typography.Text>}
            </Space>
            <dl className="kv">
              <dt>{t('field.invoiceCode')}</dt><dd className="mono">{inv.invoiceCode || '—'}</dd>
              <dt>{t('field.invoiceNum')}</dt><dd className="mono">{inv.invoiceNum}</dd>
              <dt>{t('field.invoiceDate')}</dt><dd>{inv.invoiceDate ?? '—'}</dd>
              <dt>{t('detail.securityCode')}</dt><dd className="mono">{inv.securityCode || '—'}</dd>
              {red && (inv.oldInvoiceNum || inv.oldInvoiceCode) && (
                <><dt /><dd><Typography.Text type="danger">{t('detail.reverses', { code: inv.oldInvoiceCode, num: inv.oldInvoiceNum })}</Typography.Text></dd></>
              )}
              <dt>PDF</dt><dd>{inv.pdfUrl ? <ExternalLink href={inv.pdfUrl}>{t('detail.openPdf')}</ExternalLink> : '—'}</dd>
            </dl>
          </div>
        );
      })}
    </Card>
  );
}
