// Renderer. The confirm step before a bulk job: says exactly how many invoices the selection covers.
import { Alert, Modal, Spin, Typography } from 'antd';
import type { Selection } from '../../../shared/api/schemas';
import { useSelectionCount } from '../../api/queries';
import { useStartQuery, useStartSubmit } from '../../api/mutations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';

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
  const n = count.data?.count;

  const onOk = () => {
    if (!selection || !n) return;
    start.mutate({ selection }, {
      onSuccess: (out) => {
        onStarted(out.jobId);
        onClose();
      },
    });
  };

  // A non-literal object: data-* attributes pass through to the button element.
  const okProps = { disabled: !n, loading: start.isPending, autoFocus: true, 'data-testid': 'bulk-confirm-ok' };
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
      {n === 0 && <Alert type="warning" showIcon title={t('recon.noSelection')} />}
      {start.error && <ErrorAlert error={start.error} compact />}
    </Modal>
  );
}
