// Renderer. A real merchant's workspace before its first import: the three steps to get there, where they are done.
import { Button, Card, Steps } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../app/routes';

export function SetupSteps({ name, configured }: { readonly name: string; readonly configured: boolean }) {
  const { t } = useI18n();
  return (
    <Card size="small" className="setup-steps" data-testid="setup-steps" title={t('setup.title', { name })}
      extra={configured ? <Button size="small" type="primary" onClick={() => navigate('import')}>{t('setup.toImport')}</Button>
        : <Button size="small" type="primary" onClick={() => navigate('settings')}>{t('setup.toSettings')}</Button>}>
      <Steps size="small" current={configured ? 2 : 0} items={[
        { title: t('setup.step1'), content: t('setup.step1Text') },
        { title: t('setup.step2'), content: t('setup.step2Text') },
        { title: t('setup.step3'), content: t('setup.step3Text') },
      ]} />
    </Card>
  );
}
