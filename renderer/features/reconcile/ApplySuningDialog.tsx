// Renderer. Bulk 采用苏宁结果: the preview (how many change, field by field, every value typed by hand it would
// replace, what is left alone and why, a sample), then one transaction bound to that preview, then an undo.
import { Alert, Button, Modal, Space, Spin, Table, Typography } from 'antd';
import type { ChannelOutput } from '../../../shared/api/contract';
import type { Selection } from '../../../shared/api/schemas';
import { useApplySuningPreview } from '../../api/queries';
import { useApplySuningBulk, useUndoApplySuning } from '../../api/mutations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n, type MessageKey } from '../../i18n/i18n';

type Preview = ChannelOutput<'invoices:applySuningPreview'>;
type Field = keyof Preview['byField'];

const FIELD_KEY: Readonly<Record<Field, MessageKey>> = {
  invoiceNum: 'field.invoiceNum',
  invoiceCode: 'field.invoiceCode',
  pdfUrl: 'field.pdfUrl',
  targetStatus: 'field.targetStatus',
  errorInfo: 'field.errorInfo',
};

interface Props {
  readonly open: boolean;
  readonly selection: Selection | null;
  readonly onClose: () => void;
}

export function ApplySuningDialog({ open, selection, onClose }: Props) {
  const { t, pick } = useI18n();
  const apply = useApplySuningBulk();
  const undo = useUndoApplySuning();
  const done = apply.data;
  // Once applied, the preview is not asked again (it would show the empty "after" state under the result).
  const preview = useApplySuningPreview(open && selection && !done ? { selection } : null);
  const p = preview.data;
  const fieldName = (f: Field) => t(FIELD_KEY[f]);
  const shown = (v: string) => (v === '' ? '—' : v);

  const close = () => {
    apply.reset();
    undo.reset();
    onClose();
  };
  const onOk = () => {
    if (!selection || !p?.token) return;
    apply.mutate({ selection, token: p.token });
  };

  const okProps = { disabled: !p?.token || apply.isPending, loading: apply.isPending, 'data-testid': 'apply-suning-ok' };
  return (
    <Modal
      open={open}
      width={820}
      title={t('apply.title')}
      onCancel={close}
      destroyOnHidden
      footer={done
        ? [
          <Button key="undo" danger disabled={undo.isSuccess} loading={undo.isPending} onClick={() => undo.mutate({ batch: done.batch })} data-testid="apply-suning-undo">
            {t('apply.undoBatch')}
          </Button>,
          <Button key="close" type="primary" onClick={close}>{t('common.close')}</Button>,
        ]
        : [
          <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
          <Button key="ok" type="primary" onClick={onOk} {...okProps}>{t('apply.ok', { n: (p?.changing ?? 0).toLocaleString() })}</Button>,
        ]}
    >
      {preview.isPending && !done && <Spin tip={t('recon.confirmCounting')}><div style={{ height: 48 }} /></Spin>}
      {preview.error && <ErrorAlert error={preview.error} compact />}
      {apply.error && <ErrorAlert error={apply.error} compact />}
      {done && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={t('apply.done', { n: done.changed.toLocaleString() })} data-testid="apply-suning-done" data-changed={done.changed} />
          {undo.error && <ErrorAlert error={undo.error} compact />}
          {undo.data && (
            <Alert
              type={undo.data.outdatedInvoiceNos.length > 0 || undo.data.skipped.length > 0 ? 'warning' : 'info'}
              showIcon
              title={pick(undo.data.message, undo.data.messageEn)}
              description={undo.data.skipped.length > 0 ? undo.data.skipped.slice(0, 20).map((s) => `${s.invoiceNo}: ${pick(s.reason, s.reasonEn)}`).join('；') : undefined}
              data-testid="apply-suning-undone"
            />
          )}
        </Space>
      )}
      {!done && p && <PreviewBody preview={p} fieldName={fieldName} shown={shown} />}
    </Modal>
  );
}

function PreviewBody({ preview: p, fieldName, shown }: { readonly preview: Preview; readonly fieldName: (f: Field) => string; readonly shown: (v: string) => string }) {
  const { t, pick } = useI18n();
  const fields = (Object.entries(p.byField) as [Field, number][]).map(([f, n]) => t('apply.fieldCount', { field: fieldName(f), n: n.toLocaleString() }));
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="apply-suning-preview" data-changing={p.changing}>
      <Typography.Text strong style={{ fontSize: 15 }}>
        {t('apply.summary', { changing: p.changing.toLocaleString(), selected: p.selected.toLocaleString(), unchanged: p.unchanged.toLocaleString() })}
      </Typography.Text>
      {p.changing === 0 && <Alert type="info" showIcon title={t('apply.nothing')} />}
      {fields.length > 0 && <Typography.Text>{t('apply.byField', { fields: fields.join(t('common.listSep')) })}</Typography.Text>}
      {p.overwrites > 0 && <Typography.Text type="secondary">{t('apply.overwrites', { n: p.overwrites.toLocaleString() })}</Typography.Text>}
      {p.typedOverwritesTotal > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="apply-suning-typed"
          title={t('apply.typedTitle', { n: p.typedOverwritesTotal.toLocaleString() })}
          description={(
            <Table
              size="small"
              pagination={p.typedOverwrites.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              rowKey={(r) => `${r.invoiceId}|${r.field}`}
              dataSource={p.typedOverwrites}
              columns={[
                { title: t('import.conflicts.invoiceNo'), dataIndex: 'invoiceNo', width: 170, render: (v: string) => <span className="mono">{v}</span> },
                { title: t('import.conflicts.field'), key: 'field', width: 110, render: (_: unknown, r) => fieldName(r.field) },
                { title: t('apply.change'), key: 'change', render: (_: unknown, r) => <span className="mono">{shown(r.before)} → {shown(r.after)}</span> },
              ]}
            />
          )}
        />
      )}
      {p.skipped.length > 0 && (
        <div data-testid="apply-suning-skipped">
          <Typography.Text type="secondary">{t('apply.skippedTitle')}</Typography.Text>
          <ul style={{ margin: '4px 0 0' }}>
            {p.skipped.map((s) => <li key={s.key} data-key={s.key} data-count={s.count}>{t('apply.skipped', { n: s.count.toLocaleString(), reason: pick(s.reason, s.reasonEn) })}</li>)}
          </ul>
        </div>
      )}
      {p.sample.length > 0 && (
        <Table
          size="small"
          title={() => t('apply.sample', { n: p.sample.length })}
          pagination={false}
          scroll={{ y: 220 }}
          rowKey="invoiceId"
          dataSource={p.sample}
          data-testid="apply-suning-sample"
          columns={[
            { title: t('import.conflicts.invoiceNo'), dataIndex: 'invoiceNo', width: 170, render: (v: string) => <span className="mono">{v}</span> },
            {
              title: t('apply.change'), key: 'fields',
              render: (_: unknown, r) => r.fields.map((f) => <div key={f.field}>{fieldName(f.field)}: <span className="mono">{shown(f.before)} → {shown(f.after)}</span></div>),
            },
          ]}
        />
      )}
    </Space>
  );
}
