// Renderer. A write-only credential inside its platform card: shows only "configured ****1a2b"; a new value is
// saved with the card's one 保存 and never read back. Where the machine has no real keychain, the consent to weak
// storage sits right under the secret it unlocks, and the card says why saving waits for it.
import { Checkbox, Input, Space, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { ChannelOutput } from '../../../shared/api/contract';
import { useI18n } from '../../i18n/i18n';

type View = ChannelOutput<'settings:get'>;
export type SecretName = keyof View['secrets'];

interface Props {
  readonly name: SecretName;
  readonly view: View;
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly consent: boolean;
  readonly onConsent: (v: boolean) => void;
}

/** True when secrets may only be stored weakly and the clerk has not agreed to that yet. */
export function needsWeakConsent(view: View): boolean {
  return view.secretStorage.weak && !view.secretStorage.accepted;
}

export function SecretField({ name, view, label, value, onChange, consent, onConsent }: Props) {
  const { t } = useI18n();
  const status = view.secrets[name];
  const askConsent = needsWeakConsent(view);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={6}>
      <Space>
        <span>{label}</span>
        {status?.configured
          ? <Tag color="green" icon={<LockOutlined />} data-testid={`secret-status-${name}`}>{t('settings.secretConfigured', { hint: '' }).trim()} <span className="mono">{status.hint}</span></Tag>
          : <Tag data-testid={`secret-status-${name}`}>{t('settings.secretNotConfigured')}</Tag>}
      </Space>
      <Input.Password
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t('settings.secretPlaceholder')}
        autoComplete="new-password"
        visibilityToggle={false}
        aria-label={label}
        data-testid={`secret-input-${name}`}
      />
      {askConsent && (
        <div className="weak-consent" data-testid={`weak-consent-${name}`}>
          <Typography.Text type="warning" style={{ fontSize: 12.5 }}>{t('settings.weakStorage')}</Typography.Text>
          <Checkbox checked={consent} onChange={(e) => onConsent(e.target.checked)} data-testid={`accept-weak-${name}`}>{t('settings.acceptWeak')}</Checkbox>
          {value !== '' && !consent && (
            <Typography.Text type="danger" style={{ fontSize: 12.5 }} data-testid={`weak-consent-needed-${name}`}>{t('settings.weakConsentNeeded')}</Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('settings.weakStorageDetail', { backend: view.secretStorage.backend })}</Typography.Text>
        </div>
      )}
    </Space>
  );
}
