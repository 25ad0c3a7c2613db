// Renderer. Undo of 采用苏宁结果 for this one invoice (restores the values from before, as the audit log has them).
import { Button, Popconfirm, App as AntApp } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useUndoApplySuning } from '../../../api/mutations';
import { useI18n } from '../../../i18n/i18n';
import { formatTime } from '../../../components/time';

interface Props {
  readonly invoiceId: number;
  readonly undoable: { readonly batch: string; readonly at: string };
}

export function UndoApplyButton({ invoiceId, undoable }: Props) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const undo = useUndoApplySuning();
  const onConfirm = () => undo.mutate({ batch: undoable.batch, invoiceId }, {
    onSuccess: (r) => {
      const text = pick(r.message, r.messageEn);
      // Accepted by Wangdiantong with the filled values: the ERP still has them, which the clerk must know.
      if (r.outdatedInvoiceNos.length > 0 || r.skipped.length > 0) void message.warning(text, 8);
      else void message.success(text);
    },
    onError: (e) => void message.error(pick(e.messageZh, e.messageEn)),
  });
  return (
    <Popconfirm title={t('apply.undoOneConfirm', { at: formatTime(undoable.at) })} onConfirm={onConfirm} okText={t('common.confirm')} cancelText={t('common.cancel')}>
      <Button icon={<UndoOutlined />} loading={undo.isPending} data-testid="undo-apply-suning">{t('apply.undoOne')}</Button>
    </Popconfirm>
  );
}
