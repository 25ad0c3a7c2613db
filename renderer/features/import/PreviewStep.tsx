// Renderer. Step 2: detected encoding (overridable), editable column mapping, and the first rows as the app reads them.
import { Alert, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { ImportOutlined, RedoOutlined } from '@ant-design/icons';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/api/schemas';
import type { ChannelOutput } from '../../../shared/api/contract';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { IMPORT_FIELD_LABEL } from './field-labels';
import { ConflictsCard, type ConflictChoice } from './ConflictsCard';

export type EncodingChoice = 'auto' | 'utf-8' | 'gb18030';
type Preview = ChannelOutput<'import:preview'>;
export type Mapping = Partial<Record<ImportField, string>>;

interface Props {
  readonly fileName: string;
  readonly preview: Preview;
  readonly encoding: EncodingChoice;
  readonly onEncoding: (e: EncodingChoice) => void;
  readonly mapping: Mapping;
  readonly onMapping: (m: Mapping) => void;
  readonly conflictChoice: ConflictChoice;
  readonly onConflictChoice: (c: ConflictChoice) => void;
  readonly refreshing: boolean;
  readonly committing: boolean;
  readonly onCommit: () => void;
  readonly onRestart: () => void;
}

export function PreviewStep({ fileName, preview, encoding, onEncoding, mapping, onMapping, conflictChoice, onConflictChoice, refreshing, committing, onCommit, onRestart }: Props) {
  const { t } = useI18n();
  const missing = preview.missingRequired;
  const columnField = new Map<string, ImportField>();
  for (const f of IMPORT_FIELDS) { const h = mapping[f]; if (h) columnField.set(h, f); }

  const sampleColumns = preview.headers.map((h, i) => {
    const f = columnField.get(h);
    return {
      key: `${i}`,
      title: <span>{h}{f && <div><Tag color="blue" style={{ marginTop: 2 }}>{t(IMPORT_FIELD_LABEL[f])}</Tag></div>}</span>,
      dataIndex: `${i}`,
      width: 140,
      ellipsis: true,
    };
  });
  const sampleData = preview.sampleRows.map((r, i) => ({ key: i, ...Object.fromEntries(r.map((v, j) => [`${j}`, v])) }));
  const sourceKey = preview.encodingSource ? (`import.encodingSource.${preview.encodingSource}` as MessageKey) : null;

  // The decision sits at the top: with 14 mapping fields and sample rows it would otherwise be below the fold.
  const actions = (
    <Space>
      <Button type="primary" icon={<ImportOutlined />} disabled={missing.length > 0 || preview.rowCount === 0 || refreshing} loading={committing} onClick={onCommit} data-testid="import-commit">
        {t('import.commit', { n: preview.rowCount.toLocaleString() })}
      </Button>
      <Button icon={<RedoOutlined />} onClick={onRestart}>{t('import.restart')}</Button>
    </Space>
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('import.step.preview')} extra={actions}>
        <Descriptions size="small" column={4}>
          <Descriptions.Item label={t('import.file')}>{fileName}</Descriptions.Item>
          <Descriptions.Item label={t('import.format')}>{preview.format.toUpperCase()}</Descriptions.Item>
          <Descriptions.Item label={t('import.encoding')}>
            {preview.format === 'csv' ? (
              <Space>
                <Select<EncodingChoice>
                  size="small"
                  value={encoding}
                  onChange={onEncoding}
                  style={{ width: 150 }}
                  aria-label={t('import.encoding')}
                  data-testid="encoding-select"
                  options={[
                    { value: 'auto', label: `${t('import.encodingAuto')}${preview.encoding ? `: ${preview.encoding.toUpperCase()}` : ''}` },
                    { value: 'utf-8', label: 'UTF-8' },
                    { value: 'gb18030', label: 'GB18030 / GBK' },
                  ]}
                />
                {sourceKey && <Typography.Text type="secondary" data-testid="encoding-source">{t(sourceKey)}</Typography.Text>}
              </Space>
            ) : (sourceKey ? t(sourceKey) : '—')}
          </Descriptions.Item>
          <Descriptions.Item label={t('import.rowCount')}><span data-testid="row-count">{preview.rowCount.toLocaleString()}</span></Descriptions.Item>
        </Descriptions>
      </Card>
      {preview.conflicts && preview.conflicts.total > 0 && (
        <ConflictsCard conflicts={preview.conflicts} choice={conflictChoice} onChoice={onConflictChoice} />
      )}
      <Card size="small" title={t('import.mapping')} extra={<Typography.Text type="secondary">{t('import.mappingHint')}</Typography.Text>}>
        <div className="mapping-grid">
          {IMPORT_FIELDS.map((f) => {
            const isMissing = missing.includes(f);
            return (
              <label key={f} className="mapping-item">
                <span className={isMissing ? 'mapping-missing' : undefined}>{t(IMPORT_FIELD_LABEL[f])}{isMissing ? ' *' : ''}</span>
                <Select<string>
                  size="small"
                  allowClear
                  showSearch
                  status={isMissing ? 'error' : undefined}
                  placeholder={t('import.unmapped')}
                  value={mapping[f]}
                  onChange={(v) => onMapping({ ...mapping, [f]: v })}
                  options={preview.headers.map((h) => ({ value: h, label: h }))}
                  style={{ width: '100%' }}
                  data-testid={`map-${f}`}
                />
              </label>
            );
          })}
        </div>
        {missing.length > 0 && (
          <Alert style={{ marginTop: 8 }} type="error" showIcon title={t('import.missingRequired', { fields: missing.map((f) => t(IMPORT_FIELD_LABEL[f])).join(t('common.listSep')) })} />
        )}
      </Card>
      <Card size="small" title={t('import.sample')}>
        <Table size="small" columns={sampleColumns} dataSource={sampleData} pagination={false} scroll={{ x: 'max-content' }} loading={refreshing} />
      </Card>
    </Space>
  );
}
