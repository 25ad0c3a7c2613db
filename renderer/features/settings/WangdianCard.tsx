// Renderer. Wangdiantong settings: environment, account, secret, rate limits, connection test.
import { Button, Card, Col, Form, Input, InputNumber, Row, App as AntApp } from 'antd';
import { settingsSchema, type Settings } from '../../../shared/api/schemas';
import type { ChannelOutput } from '../../../shared/api/contract';
import { useUpdateSettings } from '../../api/mutations';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EnvField } from './EnvField';
import { SecretField } from './SecretField';
import { ConnectionTest } from './ConnectionTest';
import { applyIssues } from './platform-form';

type View = ChannelOutput<'settings:get'>;

export function WangdianCard({ view, acceptWeak }: { readonly view: View; readonly acceptWeak: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Settings['wangdian']>();
  const update = useUpdateSettings();
  const save = (values: Settings['wangdian']) => {
    const parsed = settingsSchema.shape.wangdian.safeParse({ ...view.settings.wangdian, ...values });
    if (!parsed.success) return applyIssues(form, parsed.error);
    update.mutate({ wangdian: parsed.data }, { onSuccess: () => message.success(t('settings.saved')) });
  };
  return (
    <Card title={t('settings.wangdian')} size="small" data-testid="settings-wangdian">
      <Row gutter={24}>
        <Col span={14}>
          <Form form={form} layout="vertical" initialValues={view.settings.wangdian} onFinish={save} requiredMark={false}>
            <EnvField />
            <Row gutter={12}>
              <Col span={12}><Form.Item name="sid" label={t('settings.sid')}><Input autoComplete="off" data-testid="wdt-sid" /></Form.Item></Col>
              <Col span={12}><Form.Item name="appkey" label={t('settings.appkey')}><Input autoComplete="off" data-testid="wdt-appkey" /></Form.Item></Col>
              <Col span={12}><Form.Item name="rps" label={t('settings.rps')}><InputNumber min={0.1} max={1000} step={1} style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={12}><Form.Item name="concurrency" label={t('settings.concurrency')}><InputNumber min={1} max={64} style={{ width: '100%' }} /></Form.Item></Col>
            </Row>
            {update.error && <ErrorAlert error={update.error} compact />}
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="save-wangdian">{t('common.save')}</Button>
          </Form>
        </Col>
        <Col span={10}>
          <SecretField name="wangdian.appsecret" acceptWeak={acceptWeak} view={view} label={t('settings.appsecret')} />
          <div style={{ marginTop: 16 }}><ConnectionTest platform="wangdian" /></div>
        </Col>
      </Row>
    </Card>
  );
}
