// Renderer. The one 保存 of a platform card: its settings, then the new secret typed into it (if any). A secret
// that needs the weak-storage consent waits for it, and the card says so beside the checkbox.
import { useState } from 'react';
import { App as AntApp } from 'antd';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import { useSetSecret, useUpdateSettings } from '../../api/mutations';
import { useI18n } from '../../i18n/i18n';
import { needsWeakConsent, type SecretName } from './SecretField';

type View = ChannelOutput<'settings:get'>;

export function usePlatformSave(view: View, secretName: SecretName) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const update = useUpdateSettings();
  const setSecret = useSetSecret();
  const [secret, setSecretValue] = useState('');
  const [consent, setConsent] = useState(false);
  const askConsent = needsWeakConsent(view);
  const blocked = secret !== '' && askConsent && !consent;

  const save = async (settings: ChannelInput<'settings:update'>) => {
    if (blocked) return;
    try {
      await update.mutateAsync(settings);
      if (secret !== '') {
        await setSecret.mutateAsync({ name: secretName, value: secret, acceptWeakStorage: askConsent ? consent : undefined });
        setSecretValue('');
      }
      message.success(t('settings.saved'));
    } catch {
      // Shown by the card's ErrorAlert from the mutation's own error state.
    }
  };

  return {
    save,
    blocked,
    pending: update.isPending || setSecret.isPending,
    error: update.error ?? setSecret.error,
    secretProps: { value: secret, onChange: setSecretValue, consent, onConsent: setConsent },
  };
}
