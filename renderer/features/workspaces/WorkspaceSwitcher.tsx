// Renderer. The sidebar's workspace (账套) menu: the open one's name and kind, switch to another, create, rename the
// open one, delete another one (its name typed to confirm). Hidden where the host opened one store directly.
import { lazy, Suspense, useState } from 'react';
import { App as AntApp, Button, Dropdown, Typography, type MenuProps } from 'antd';
import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../app/routes';
import { useSwitchWorkspace, useWorkspaces } from './api';
import { errorText } from '../../components/ErrorAlert';

// The dialogs load on first use: the sidebar is part of the first render, before the reconcile page's first rows.
const CreateWorkspaceDialog = lazy(() => import('./WorkspaceDialogs').then((m) => ({ default: m.CreateWorkspaceDialog })));
const RenameWorkspaceDialog = lazy(() => import('./WorkspaceDialogs').then((m) => ({ default: m.RenameWorkspaceDialog })));
const DeleteWorkspaceDialog = lazy(() => import('./WorkspaceDialogs').then((m) => ({ default: m.DeleteWorkspaceDialog })));

type Dialog = 'create' | 'rename' | 'delete' | null;

export function WorkspaceSwitcher() {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const list = useWorkspaces();
  const switcher = useSwitchWorkspace();
  const [dialog, setDialog] = useState<Dialog>(null);
  if (!list.data?.managed) return null;
  const { workspaces, currentId } = list.data;
  const current = workspaces.find((w) => w.id === currentId) ?? null;

  const items: MenuProps['items'] = [
    ...workspaces.map((w) => ({
      key: `ws:${w.id}`,
      icon: w.id === currentId ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />,
      label: <span data-testid={`ws-item-${w.id}`}>{w.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>· {w.kind === 'practice' ? t('ws.kindPractice') : t('ws.kindReal')}</Typography.Text></span>,
    })),
    { type: 'divider' as const },
    { key: 'create', icon: <PlusOutlined />, label: <span data-testid="ws-new">{t('ws.new')}</span> },
    ...(current ? [{ key: 'rename', icon: <EditOutlined />, label: <span data-testid="ws-rename">{t('ws.rename')}</span> }] : []),
    { key: 'delete', icon: <DeleteOutlined />, danger: true, label: <span data-testid="ws-delete">{t('ws.delete')}</span> },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key.startsWith('ws:')) {
      const id = key.slice(3);
      if (id === currentId) return;
      const name = workspaces.find((w) => w.id === id)?.name ?? id;
      // mutateAsync: the switch remounts the sidebar, and an unmounted mutate's callbacks never run.
      void switcher.mutateAsync({ id }).then(() => {
        message.success(t('ws.switched', { name }));
        navigate('reconcile');
      }, (e: unknown) => void message.error(errorText(e, pick).text, 8));
      return;
    }
    setDialog(key as Dialog);
  };

  return (
    <div className="ws-switcher" data-testid={current ? `ws-kind-${current.kind}` : undefined}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ws.label')}</Typography.Text>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomLeft">
        <Button block size="small" loading={switcher.isPending} icon={<SwapOutlined />} data-testid="ws-switcher" aria-label={t('ws.switch')} title={t('ws.switch')}>
          <span className="ws-switcher-name" data-testid="ws-current">{current?.name ?? '—'}</span>
        </Button>
      </Dropdown>
      <Suspense fallback={null}>
        {dialog === 'create' && <CreateWorkspaceDialog hasPractice={workspaces.some((w) => w.kind === 'practice')} onClose={() => setDialog(null)} />}
        {dialog === 'rename' && current && <RenameWorkspaceDialog workspace={current} onClose={() => setDialog(null)} />}
        {dialog === 'delete' && <DeleteWorkspaceDialog candidates={workspaces.filter((w) => w.id !== currentId)} onClose={() => setDialog(null)} />}
      </Suspense>
    </div>
  );
}
