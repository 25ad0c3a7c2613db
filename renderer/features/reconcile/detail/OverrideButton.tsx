// Renderer. The per-invoice override of the write-back plan: send 80 anyway, with a written reason that the main
// process audits and 提交记录 shows. Offered only where the plan refuses 80 (the main process checks again).
import { useState } from 'react';
import { Button, Input, Modal, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { PlannedInvoiceRow } from '../../../../shared/domain/plan';
import { useSubmitOverride } from '../../../api/mutations';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n/i18n';

interface Props {
  readonly invoice: PlannedInvoiceRow;
  /** Saves what the clerk typed first; false when that failed. */
  readonly beforeSend: () => Promise<boolean>;
  readonly onSubmitted: (jobId: number) => void;
}

const MIN_REASON = 4;

export function OverrideButton({ invoice, beforeSend, onSubmitted }: Props) {
  const { t, pick } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const override = useSubmitOverride();
  const ok = reason.trim().length >= MIN_REASON;

  const onOk = async () => {
    if (!ok || !(await beforeSend())) return;
    override.mutate({ id: invoice.id, reason: reason.trim() }, {
      onSuccess: (out) => {
        setOpen(false);
        setReason('');
        onSubmitted(out.jobId);
      },
    });
  };

  const okProps = { disabled: !ok, loading: override.isPending, danger: true, 'data-testid': 'override-ok' };
  return (
    <>
      <Button danger icon={<WarningOutlined />} onClick={() => setOpen(true)} data-testid="override-open">{t('detail.override')}</Button>
      <Modal
        open={open}
        title={t('detail.overrideTitle')}
        onCancel={() => { override.reset(); setOpen(false); }}
        onOk={() => void onOk()}
        okText={t('detail.overrideOk')}
        okButtonProps={okProps}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('detail.overrideHint', { reason: pick(invoice.planReason.zh, invoice.planReason.en) })}</Typography.Paragraph>
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={255}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('detail.overrideReason')}
          aria-label={t('detail.overrideReason')}
          data-testid="override-reason"
        />
        {override.error && <div style={{ marginTop: 8 }}><ErrorAlert error={override.error} compact /></div>}
      </Modal>
    </>
  );
}
