// Renderer. Suning settings: environment, AppKey, secret, merchant and tax number, format, batch size, rate limits,
// how old an answer may be before the write-back plan asks for a new query, test.
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, App as AntApp } from 'antd';
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

export function SuningSettingsCard({ view, acceptWeak }: { readonly view: View; readonly acceptWeak: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Settings['suning']>();
  const update = useUpdateSettings();
  const save = (values: Settings['suning']) => {
    const parsed = settingsSchema.shape.suning.safeParse({ ...view.settings.suning, ...values });
    if (!parsed.success) return applyIssues(form, parsed.error);
    update.mutate({ suning: parsed.data }, { onSuccess: () => message.success(t('settings.saved')) });
  };
  return (
    <Card title={t('settings.suning')} size="small" data-testid="settings-suning">
      <Row gutter={24}>
        <Col span={14}>
          <Form form={form} layout="vertical" initialValues={view.settings.suning} onFinish={save} requiredMark={false}>
            <EnvField noSandbox />
            <Row gutter={12}>
              <Col span={12}><Form.Item name="appKey" label={t('settings.appkey')}><Input autoComplete="off" data-testid="sn-appkey" /></Form.Item></Col>
              <Col span={12}>
                <Form.Item name="format" label={t('settings.format')}>
                  <Radio.Group optionType="button" options={[{ value: 'json', label: 'JSON' }, { value: 'xml', label: 'XML' }]} />
                </Form.Item>
              </Col>
              <Col span={12}><Form.Item name="saleOrg" label={t('settings.saleOrg')}><Input autoComplete="off" /></Form.Item></Col>
              <Col span={12}><Form.Item name="saleTaxNo" label={t('settings.saleTaxNo')}><Input autoComplete="off" /></Form.Item></Col>
              <Col span={8}><Form.Item name="batchSize" label={t('settings.batchSize')}><InputNumber min={1} max={50} style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={8}><Form.Item name="rps" label={t('settings.rps')}><InputNumber min={0.1} max={1000} style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={8}><Form.Item name="concurrency" label={t('settings.concurrency')}><InputNumber min={1} max={64} style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={12}>
                <Form.Item name="maxAnswerAgeHours" label={t('settings.maxAnswerAgeHours')} extra={t('settings.maxAnswerAgeHint')}>
                  <InputNumber min={1} max={24 * 90} precision={0} style={{ width: '100%' }} data-testid="sn-max-answer-age" />
                </Form.Item>
              </Col>
            </Row>
            {update.error && <ErrorAlert error={update.error} compact />}
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="save-suning">{t('common.save')}</Button>
          </Form>
        </Col>
        <Col span={10}>
          <SecretField name="suning.appSecret" acceptWeak={acceptWeak} view={view} label={t('settings.appSecret')} />
          <div style={{ marginTop: 16 }}><ConnectionTest platform="suning" /></div>
        </Col>
      </Row>
    </Card>
  );
}
