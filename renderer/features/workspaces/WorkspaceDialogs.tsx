// Renderer. The workspace dialogs: create (name, kind), rename, delete (choose one that is not open, type its name).
// The rules (names, duplicates, the confirmation) are the core's; these only ask and show its answer.
import { useState } from 'react';
import { Alert, App as AntApp, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import type { Workspace, WorkspaceKind } from '../../../shared/api/workspaces';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../app/routes';
import { useCreateWorkspace, useDeleteWorkspace, useRenameWorkspace } from './api';

export function CreateWorkspaceDialog({ hasPractice, onClose }: { readonly hasPractice: boolean; readonly onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const create = useCreateWorkspace();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<WorkspaceKind>('real');
  // mutateAsync: opening the new workspace remounts the sidebar (and this dialog) before mutate's callbacks would run.
  const submit = () => void create.mutateAsync({ name, kind }).then((info) => {
    message.success(t('ws.created', { name: info.workspace?.name ?? name }));
    onClose();
    navigate(kind === 'real' ? 'settings' : 'reconcile');
  }, () => undefined);
  const okProps = { loading: create.isPending, disabled: name.trim() === '', 'data-testid': 'ws-create-ok' };
  return (
    <Modal open title={t('ws.createTitle')} onCancel={onClose} onOk={submit} okText={t('ws.createOk')} cancelText={t('ws.cancel')}
      okButtonProps={okProps} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {create.error && <ErrorAlert error={create.error} compact />}
        <label htmlFor="ws-create-name">{t('ws.name')}</label>
        <Input id="ws-create-name" autoFocus maxLength={40} value={name} placeholder={t('ws.namePlaceholder')} onChange={(e) => setName(e.target.value)} onPressEnter={submit} data-testid="ws-create-name" />
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as WorkspaceKind)} aria-label={t('ws.kind')}>
          <Space orientation="vertical">
            <Radio value="real" data-testid="ws-create-real">{t('ws.kindReal')} <Typography.Text type="secondary">— {t('ws.kindRealHelp')}</Typography.Text></Radio>
            <Radio value="practice" disabled={hasPractice} data-testid="ws-create-practice">{t('ws.kindPractice')} <Typography.Text type="secondary">— {t('ws.kindPracticeHelp')}</Typography.Text></Radio>
          </Space>
        </Radio.Group>
      </Space>
    </Modal>
  );
}

export function RenameWorkspaceDialog({ workspace, onClose }: { readonly workspace: Workspace; readonly onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const rename = useRenameWorkspace();
  const [name, setName] = useState(workspace.name);
  const submit = () => rename.mutate({ id: workspace.id, name }, {
    onSuccess: (ws) => {
      message.success(t('ws.renamed', { name: ws.name }));
      onClose();
    },
  });
  const okProps = { loading: rename.isPending, 'data-testid': 'ws-rename-ok' };
  return (
    <Modal open title={t('ws.renameTitle')} onCancel={onClose} onOk={submit} okText={t('ws.renameOk')} cancelText={t('ws.cancel')}
      okButtonProps={okProps} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {rename.error && <ErrorAlert error={rename.error} compact />}
        <label htmlFor="ws-rename-name">{t('ws.name')}</label>
        <Input id="ws-rename-name" autoFocus maxLength={40} value={name} onChange={(e) => setName(e.target.value)} onPressEnter={submit} data-testid="ws-rename-name" />
      </Space>
    </Modal>
  );
}

export function DeleteWorkspaceDialog({ candidates, onClose }: { readonly candidates: readonly Workspace[]; readonly onClose: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const remove = useDeleteWorkspace();
  const [id, setId] = useState<string | null>(candidates[0]?.id ?? null);
  const [typed, setTyped] = useState('');
  const target = candidates.find((w) => w.id === id) ?? null;
  const matches = target !== null && typed.normalize('NFC').trim() === target.name;
  const submit = () => {
    if (!target || !matches) return;
    remove.mutate({ id: target.id, confirmName: typed }, {
      onSuccess: () => {
        message.success(t('ws.deleted', { name: target.name }));
        onClose();
      },
    });
  };
  const okProps = { danger: true, loading: remove.isPending, disabled: !matches, 'data-testid': 'ws-delete-ok' };
  return (
    <Modal open title={t('ws.deleteTitle')} onCancel={onClose} onOk={submit} okText={t('ws.deleteOk')} cancelText={t('ws.cancel')}
      okButtonProps={okProps} destroyOnHidden>
      {candidates.length === 0 ? <Typography.Paragraph>{t('ws.deleteNone')}</Typography.Paragraph> : (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Alert type="warning" showIcon title={t('ws.deleteWarn')} />
          {remove.error && <ErrorAlert error={remove.error} compact />}
          <label htmlFor="ws-delete-which">{t('ws.deleteWhich')}</label>
          <Select id="ws-delete-which" value={id ?? undefined} onChange={(v: string) => { setId(v); setTyped(''); }} data-testid="ws-delete-which"
            options={candidates.map((w) => ({ value: w.id, label: `${w.name} · ${w.kind === 'practice' ? t('ws.kindPractice') : t('ws.kindReal')}` }))} />
          {target && <label htmlFor="ws-delete-typed">{t('ws.deleteType', { name: target.name })}</label>}
          <Input id="ws-delete-typed" value={typed} onChange={(e) => setTyped(e.target.value)} onPressEnter={submit} data-testid="ws-delete-typed" autoComplete="off" />
        </Space>
      )}
    </Modal>
  );
}
