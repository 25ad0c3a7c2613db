// Renderer. Step 3: what the import did — counts, every bad row with its reason (downloadable), and what changed.
import { Alert, Button, Card, Col, Collapse, Row, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined, RedoOutlined, TableOutlined } from '@ant-design/icons';
import type { ChannelOutput } from '../../../shared/api/contract';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { downloadBase64 } from '../../components/download';

type Report = ChannelOutput<'import:commit'>;

/** Stored field names of a change → their labels (the clerk never reads `invoiceCode`). */
const CHANGE_FIELD_KEY: Readonly<Record<string, MessageKey>> = {
  orderNo: 'field.orderNo', billType: 'field.billType', shop: 'field.shop', saleOrg: 'field.saleOrg', buyerTitle: 'field.buyerTitle',
  amountFen: 'field.amountFen', taxAmountFen: 'field.taxAmount', invoiceDate: 'field.invoiceDate', invoiceCode: 'field.invoiceCode',
  invoiceNum: 'field.invoiceNum', pdfUrl: 'field.pdfUrl', targetStatus: 'field.targetStatus', errorInfo: 'field.errorInfo',
};

export function ReportStep({ report, onRestart, onReconcile }: { readonly report: Report; readonly onRestart: () => void; readonly onReconcile: () => void }) {
  const { t, pick } = useI18n();
  const imported = report.inserted + report.updated + report.unchanged;
  const fieldLabel = (field: string): string => {
    const key = CHANGE_FIELD_KEY[field];
    return key ? t(key) : field;
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="import-report">
      <Card size="small">
        <Row gutter={24}>
          <Col span={6}><Statistic title={t('import.inserted')} value={report.inserted} styles={{ content: { color: '#389e0d' } }} /></Col>
          <Col span={6}><Statistic title={t('import.updated')} value={report.updated} styles={{ content: { color: '#1f5fbf' } }} /></Col>
          <Col span={6}><Statistic title={t('import.unchanged')} value={report.unchanged} /></Col>
          <Col span={6}><Statistic title={t('import.invalid')} value={report.invalid.length} styles={{ content: { color: report.invalid.length ? '#cf1322' : undefined } }} /></Col>
        </Row>
      </Card>
      {report.conflicts.total > 0 && (
        <Alert
          type={report.conflicts.choice === 'keep' ? 'info' : 'warning'}
          showIcon
          data-testid="import-conflicts-result"
          title={report.conflicts.choice === 'keep'
            ? t('import.conflicts.kept', { total: report.conflicts.total, invoices: report.conflicts.invoices })
            : t('import.conflicts.taken', { total: report.conflicts.total, invoices: report.conflicts.invoices, accepted: report.conflicts.acceptedInvoices })}
        />
      )}
      {imported === 0 && <Alert type="error" showIcon title={t('import.nothingImported')} data-testid="nothing-imported" />}
      {report.invalid.length === 0
        ? <Alert type="success" showIcon title={t('import.invalidNone')} />
        : (
          <Card
            size="small"
            title={<Typography.Text type="danger">{t('import.invalidTitle')}</Typography.Text>}
            extra={report.reportCsvBase64 && (
              <Button icon={<DownloadOutlined />} onClick={() => downloadBase64(`import-report-${report.batchId}.csv`, report.reportCsvBase64 ?? '')} data-testid="download-report">
                {t('import.downloadReport')}
              </Button>
            )}
          >
            <Table
              size="small"
              rowKey={(r) => `${r.row}-${r.column}-${r.reason}`}
              dataSource={report.invalid}
              pagination={report.invalid.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              data-testid="invalid-rows"
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 70 },
                { title: t('import.column'), dataIndex: 'column', width: 140 },
                { title: t('import.value'), dataIndex: 'value', width: 200, ellipsis: true, render: (v: string) => <span className="mono">{v}</span> },
                { title: t('import.reason'), key: 'reason', render: (_: unknown, r) => pick(r.reason, r.reasonEn) },
              ]}
            />
          </Card>
        )}
      {report.changes.length > 0 && (
        <Card size="small" title={t('import.changes', { n: report.changes.length })} data-testid="import-changes">
          <Collapse
            size="small"
            items={report.changes.slice(0, 200).map((c) => ({
              key: c.invoiceNo,
              label: <span className="mono">{c.invoiceNo}</span>,
              children: (
                <ul style={{ margin: 0 }}>
                  {c.fields.map((f) => <li key={f.field}>{t('import.changeField', { field: fieldLabel(f.field), before: f.before || '—', after: f.after || '—' })}</li>)}
                </ul>
              ),
            }))}
          />
        </Card>
      )}
      <Space>
        <Button type="primary" icon={<TableOutlined />} onClick={onReconcile} autoFocus>{t('import.toReconcile')}</Button>
        <Button icon={<RedoOutlined />} onClick={onRestart}>{t('import.restart')}</Button>
      </Space>
    </Space>
  );
}
