// Renderer. The confirm step before a bulk job: says exactly how many invoices the selection covers and, for a
// submit, what the write-back plan lets through (the breakdown comes from the main process, which enforces it).
import { Alert, Modal, Spin, Typography } from 'antd';
import type { Selection } from '../../../shared/api/schemas';
import { useSelectionCount, useSubmitPreview } from '../../api/queries';
import { useStartQuery, useStartSubmit } from '../../api/mutations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { SubmitBreakdown } from './SubmitBreakdown';

export type BulkKind = 'query' | 'submit';

interface Props {
  readonly kind: BulkKind | null;
  readonly selection: Selection | null;
  readonly onClose: () => void;
  readonly onStarted: (jobId: number) => void;
}

export function BulkConfirm({ kind, selection, onClose, onStarted }: Props) {
  const { t } = useI18n();
  const open = kind !== null && selection !== null;
  const count = useSelectionCount(open ? { selection } : null);
  const startQuery = useStartQuery();
  const startSubmit = useStartSubmit();
  const start = kind === 'submit' ? startSubmit : startQuery;
  const preview = useSubmitPreview(open && kind === 'submit' ? { selection } : null);
  const n = count.data?.count;
  // A submit with nothing the plan lets through has nothing to start.
  const nothingToSend = kind === 'submit' && (preview.data === undefined || preview.data.as80.count + preview.data.asFailure.count === 0);

  const onOk = () => {
    if (!selection || !n || nothingToSend) return;
    start.mutate({ selection }, {
      onSuccess: (out) => {
        onStarted(out.jobId);
        onClose();
      },
    });
  };

  // A non-literal object: data-* attributes pass through to the button element.
  const okProps = { disabled: !n || nothingToSend, loading: start.isPending, autoFocus: true, 'data-testid': 'bulk-confirm-ok' };
  return (
    <Modal
      open={open}
      title={t(kind === 'submit' ? 'recon.submitConfirmTitle' : 'recon.queryConfirmTitle')}
      onCancel={() => { start.reset(); onClose(); }}
      onOk={onOk}
      okText={t(kind === 'submit' ? 'recon.submit' : 'recon.query')}
      okButtonProps={okProps}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {count.isPending && <Spin tip={t('recon.confirmCounting')}><div style={{ height: 48 }} /></Spin>}
      {count.error && <ErrorAlert error={count.error} compact />}
      {n !== undefined && (
        <Typography.Paragraph style={{ fontSize: 15 }} data-testid="bulk-confirm-count" data-count={n}>
          {t(kind === 'submit' ? 'recon.submitConfirm' : 'recon.queryConfirm', { n: n.toLocaleString() })}
        </Typography.Paragraph>
      )}
      {kind === 'submit' && n !== undefined && n > 0 && <SubmitBreakdown preview={preview.data} pending={preview.isPending} error={preview.error} />}
      {n === 0 && <Alert type="warning" showIcon title={t('recon.noSelection')} />}
      {start.error && <ErrorAlert error={start.error} compact />}
    </Modal>
  );
}
