// Renderer. Wangdiantong settings: environment, account and secret (one 保存 for the card), the connection test,
// and the request rate and concurrency under 高级.
import { Button, Card, Col, Form, Input, InputNumber, Row } from 'antd';
import { AdvancedSection } from './AdvancedSection';
import { settingsSchema, type Settings } from '../../../shared/api/schemas';
import type { ChannelOutput } from '../../../shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EnvField } from './EnvField';
import { SecretField } from './SecretField';
import { ConnectionTest } from './ConnectionTest';
import { applyIssues, parseIn } from './platform-form';
import { usePlatformSave } from './usePlatformSave';

type View = ChannelOutput<'settings:get'>;

export function WangdianCard({ view }: { readonly view: View }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Settings['wangdian']>();
  const card = usePlatformSave(view, 'wangdian.appsecret');
  const save = (values: Settings['wangdian']) => {
    const parsed = settingsSchema.shape.wangdian.safeParse({ ...view.settings.wangdian, ...values }, parseIn(lang));
    if (!parsed.success) return applyIssues(form, parsed.error, lang);
    void card.save({ wangdian: parsed.data });
  };
  return (
    <Card title={t('settings.wangdian')} size="small" data-testid="settings-wangdian">
      <Form form={form} layout="vertical" initialValues={view.settings.wangdian} onFinish={save} requiredMark={false}>
        <Row gutter={24}>
          <Col span={14}>
            <EnvField />
            <Row gutter={12}>
              <Col span={12}><Form.Item name="sid" label={t('settings.sid')}><Input autoComplete="off" data-testid="wdt-sid" /></Form.Item></Col>
              <Col span={12}><Form.Item name="appkey" label={t('settings.appkey')}><Input autoComplete="off" data-testid="wdt-appkey" /></Form.Item></Col>
            </Row>
          </Col>
          <Col span={10}>
            <SecretField name="wangdian.appsecret" view={view} label={t('settings.appsecret')} {...card.secretProps} />
            <div style={{ marginTop: 16 }}><ConnectionTest platform="wangdian" /></div>
          </Col>
        </Row>
        <AdvancedSection testId="advanced-wangdian">
          <Row gutter={12}>
            <Col span={8}><Form.Item name="rps" label={t('settings.rps')} extra={t('settings.rpsHint')}><InputNumber min={0.1} max={1000} step={1} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={8}><Form.Item name="concurrency" label={t('settings.concurrency')} extra={t('settings.concurrencyHint')}><InputNumber min={1} max={64} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
        </AdvancedSection>
        {card.error && <ErrorAlert error={card.error} compact />}
        <Button type="primary" htmlType="submit" loading={card.pending} disabled={card.blocked} data-testid="save-wangdian">{t('common.save')}</Button>
      </Form>
    </Card>
  );
}
