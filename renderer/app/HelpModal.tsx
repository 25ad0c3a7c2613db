// Renderer. The shortcut sheet (F1 / Shift+?), so nothing has to be discovered by accident.
import { Modal, Typography } from 'antd';
import { useI18n, type MessageKey } from '../i18n/i18n';

const LINES: readonly MessageKey[] = ['help.pages', 'help.search', 'help.rows', 'help.bulk', 'help.detail', 'help.forms', 'help.open'];

export function HelpModal({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={open} onCancel={onClose} onOk={onClose} title={t('help.title')} footer={null} width={640}>
      <ul className="help-list">
        {LINES.map((k) => <li key={k}><Typography.Text>{t(k)}</Typography.Text></li>)}
      </ul>
    </Modal>
  );
}
