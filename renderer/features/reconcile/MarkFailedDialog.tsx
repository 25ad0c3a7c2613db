// Renderer. 标记开票失败: send 75 开票失败 (or 65 开票申请失败) with a reason for invoices Suning has not issued or
// has fully reversed — one (detail panel) or a selection (the action bar). The main process marks only invoices
// whose plan is "never 80" and says which others it left alone.
import { useState } from 'react';
import { Alert, Input, Modal, Radio, Space, Typography, App as AntApp } from 'antd';
import type { Selection } from '../../../shared/api/schemas';
import type { ChannelOutput } from '../../../shared/api/contract';
import { useMarkFailed } from '../../api/mutations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';

interface Props {
  readonly open: boolean;
  readonly selection: Selection | null;
  readonly onClose: () => void;
  readonly onStarted: (jobId: number) => void;
}

const MAX_REASON = 255;

export function MarkFailedDialog({ open, selection, onClose, onStarted }: Props) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<65 | 75>(75);
  const [reason, setReason] = useState('');
  const [skipped, setSkipped] = useState<ChannelOutput<'submit:markFailed'>['skipped']>([]);
  const mark = useMarkFailed();
  const ok = reason.trim().length > 0 && selection !== null;

  const close = () => { mark.reset(); setSkipped([]); setReason(''); onClose(); };
  const onOk = () => {
    if (!ok || selection === null) return;
    mark.mutate({ selection, status, reason: reason.trim() }, {
      onSuccess: (out) => {
        message.success(t('markFailed.started', { n: out.total, status }));
        onStarted(out.jobId);
        setReason('');
        if (out.skipped.length > 0) setSkipped(out.skipped);
        else close();
      },
    });
  };

  const okProps = { disabled: skipped.length === 0 && !ok, loading: mark.isPending, 'data-testid': 'mark-failed-ok' };
  return (
    <Modal
      open={open}
      title={t('markFailed.title')}
      onCancel={close}
      onOk={skipped.length > 0 ? close : onOk}
      okText={skipped.length > 0 ? t('common.close') : t('markFailed.ok')}
      okButtonProps={okProps}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {skipped.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('markFailed.skipped', { n: skipped.reduce((n, g) => n + g.count, 0) })}
          description={skipped.map((g) => `${g.count} × ${pick(g.reason.zh, g.reason.en)}（${g.sample.join('、')}）`).join('\n')}
          data-testid="mark-failed-skipped"
        />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('markFailed.hint')}</Typography.Paragraph>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={status}
            onChange={(e) => setStatus(e.target.value === 65 ? 65 : 75)}
            options={[{ value: 75, label: t('wdt.75') }, { value: 65, label: t('wdt.65') }]}
            data-testid="mark-failed-status"
          />
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={MAX_REASON}
            showCount
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('markFailed.reason')}
            aria-label={t('markFailed.reason')}
            data-testid="mark-failed-reason"
          />
          {mark.error && <ErrorAlert error={mark.error} compact />}
        </Space>
      )}
    </Modal>
  );
}
