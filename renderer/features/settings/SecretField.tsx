// Renderer. A write-only credential: shows only "configured ****1a2b"; a new value goes to the main process and is never read back.
import { useState } from 'react';
import { Button, Input, Space, Tag, App as AntApp } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { ChannelOutput } from '../../../shared/api/contract';
import { useSetSecret } from '../../api/mutations';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

type View = ChannelOutput<'settings:get'>;
type SecretName = keyof View['secrets'];

/** `acceptWeak`: the page-level consent to weak storage (asked once, above both platforms). */
export function SecretField({ name, view, label, acceptWeak }: { readonly name: SecretName; readonly view: View; readonly label: string; readonly acceptWeak: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [value, setValue] = useState('');
  const setSecret = useSetSecret();
  const status = view.secrets[name];
  const needsAcceptance = view.secretStorage.weak && !view.secretStorage.accepted;

  const save = () => {
    if (!value) return;
    setSecret.mutate({ name, value, acceptWeakStorage: needsAcceptance ? acceptWeak : undefined }, {
      onSuccess: () => {
        setValue('');
        message.success(t('settings.secretSaved'));
      },
    });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={6}>
      <Space>
        <span>{label}</span>
        {status?.configured
          ? <Tag color="green" icon={<LockOutlined />} data-testid={`secret-status-${name}`}>{t('settings.secretConfigured', { hint: status.hint })}</Tag>
          : <Tag data-testid={`secret-status-${name}`}>{t('settings.secretNotConfigured')}</Tag>}
      </Space>
      <Space.Compact style={{ width: '100%' }}>
        <Input.Password
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onPressEnter={save}
          placeholder={t('settings.secretPlaceholder')}
          autoComplete="new-password"
          visibilityToggle={false}
          aria-label={label}
          data-testid={`secret-input-${name}`}
        />
        <Button onClick={save} disabled={!value || (needsAcceptance && !acceptWeak)} loading={setSecret.isPending} data-testid={`secret-save-${name}`}>
          {t('settings.secretSave')}
        </Button>
      </Space.Compact>
      {setSecret.error && <ErrorAlert error={setSecret.error} compact />}
    </Space>
  );
}
