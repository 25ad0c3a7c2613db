// Renderer. 设置: language and app facts, then one card per platform.
import { Button, Card, Descriptions, Segmented, Skeleton, Typography, App as AntApp } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useAppInfo, useSettings } from '../../api/queries';
import { useStartPractice, useUpdateSettings } from '../../api/mutations';
import { useI18n, type Language } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { WangdianCard } from './WangdianCard';
import { SuningSettingsCard } from './SuningSettingsCard';
import { ArchiveSettingsCard } from './ArchiveSettingsCard';

export function SettingsPage() {
  const { t, lang, setLang } = useI18n();
  const { message } = AntApp.useApp();
  const settings = useSettings();
  const info = useAppInfo();
  const update = useUpdateSettings();
  const practice = useStartPractice();

  if (settings.isPending) return <div className="page"><Skeleton active /></div>;
  if (settings.error) return <div className="page"><ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} /></div>;
  const view = settings.data;
  const changeLang = (l: Language) => { setLang(l); update.mutate({ language: l }); };

  return (
    <div className="page" data-testid="settings-page">
      <Typography.Title level={4} className="page-title">{t('settings.title')}</Typography.Title>
      <Card title={t('settings.general')} size="small">
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('settings.language')}>
            <Segmented<Language> data-lang-switch value={lang} onChange={changeLang} options={[{ label: '简体中文', value: 'zh-CN' }, { label: 'English', value: 'en-US' }]} />
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.version')}>{info.data?.version ?? '…'} · {info.data ? t(`host.${info.data.host}`) : ''}</Descriptions.Item>
          <Descriptions.Item label={t('settings.dataDir')}><Typography.Text copyable className="mono">{info.data?.dataDir ?? '…'}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('settings.env.practice')}>
            {info.data?.practice
              ? <Typography.Text type="secondary">{t('settings.practiceRunning', { wdt: info.data.practice.wangdianUrl, sn: info.data.practice.suningUrl })}</Typography.Text>
              : <Button size="small" icon={<ExperimentOutlined />} loading={practice.isPending} onClick={() => practice.mutate({ orders: 200, seed: 1 }, { onSuccess: () => message.success(t('practice.started')) })}>{t('settings.startPractice')}</Button>}
          </Descriptions.Item>
        </Descriptions>
        {practice.error && <ErrorAlert error={practice.error} compact />}
      </Card>
      <WangdianCard view={view} />
      <SuningSettingsCard view={view} />
      <ArchiveSettingsCard view={view} />
    </div>
  );
}
