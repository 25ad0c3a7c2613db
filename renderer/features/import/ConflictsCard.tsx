// Renderer. The re-import conflicts of a preview: each value the app wrote or Wangdiantong accepted that the file
// would change (field label, app value → file value, why it is protected), and the one choice for the import.
import { Alert, Button, Card, Radio, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadBase64 } from '../../components/download';
import type { ImportConflict } from '../../../shared/api/schemas';
import type { ChannelOutput } from '../../../shared/api/contract';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';

type Conflicts = NonNullable<ChannelOutput<'import:preview'>['conflicts']>;
export type ConflictChoice = 'keep' | 'take';

const FIELD_KEY: Readonly<Record<ImportConflict['field'], MessageKey>> = {
  invoiceNum: 'field.invoiceNum',
  invoiceCode: 'field.invoiceCode',
  pdfUrl: 'field.pdfUrl',
  targetStatus: 'field.targetStatus',
  errorInfo: 'field.errorInfo',
};

const STATUS_KEY: Readonly<Record<string, MessageKey>> = { 80: 'wdt.80', 75: 'wdt.75', 65: 'wdt.65' };

function shown(t: Translate, c: ImportConflict, v: string): string {
  if (v === '') return '—';
  const status = c.field === 'targetStatus' ? STATUS_KEY[v] : undefined;
  return status ? t(status) : v;
}

interface Props {
  readonly conflicts: Conflicts;
  readonly choice: ConflictChoice;
  readonly onChoice: (c: ConflictChoice) => void;
}

export function ConflictsCard({ conflicts, choice, onChoice }: Props) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      data-testid="import-conflicts"
      title={<Typography.Text type="warning">{t('import.conflicts.title', { invoices: conflicts.invoices, total: conflicts.total })}</Typography.Text>}
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text>{t('import.conflicts.hint')}</Typography.Text>
        <Radio.Group value={choice} onChange={(e) => onChoice(e.target.value as ConflictChoice)} data-testid="conflict-choice">
          <Radio value="keep" data-testid="conflict-keep">{t('import.conflicts.keep')}</Radio>
          <Radio value="take" data-testid="conflict-take">{t('import.conflicts.take')}</Radio>
        </Radio.Group>
        {choice === 'take' && conflicts.acceptedInvoices > 0 && (
          <Alert type="warning" showIcon title={t('import.conflicts.takeWarn', { n: conflicts.acceptedInvoices })} data-testid="conflict-take-warning" />
        )}
        <Table
          size="small"
          rowKey={(c) => `${c.invoiceNo}|${c.field}`}
          dataSource={conflicts.items}
          pagination={conflicts.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          data-testid="conflict-rows"
          columns={[
            { title: t('import.conflicts.invoiceNo'), dataIndex: 'invoiceNo', width: 160, render: (v: string) => <span className="mono">{v}</span> },
            { title: t('import.conflicts.field'), key: 'field', width: 120, render: (_: unknown, c) => t(FIELD_KEY[c.field]) },
            {
              title: t('import.conflicts.change'), key: 'change',
              render: (_: unknown, c) => <span className="mono">{shown(t, c, c.appValue)} → {shown(t, c, c.fileValue)}</span>,
            },
            {
              title: t('import.conflicts.origin'), key: 'origin', width: 220,
              render: (_: unknown, c) => `${t(`import.conflicts.origin.${c.origin}`)}${c.accepted && c.origin !== 'accepted' ? t('import.conflicts.alsoAccepted') : ''}`,
            },
          ]}
        />
        {conflicts.total > conflicts.items.length && (
          <Space>
            <Typography.Text type="secondary">{t('import.conflicts.more', { shown: conflicts.items.length, total: conflicts.total })}</Typography.Text>
            {conflicts.reportCsvBase64 && (
              <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadBase64('import-conflicts.csv', conflicts.reportCsvBase64 ?? '')} data-testid="download-conflicts">
                {t('import.conflicts.download')}
              </Button>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
