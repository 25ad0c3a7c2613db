// Renderer. Suning settings: environment, AppKey and secret (one 保存 for the card), merchant and tax number, how
// old an answer may be before the write-back plan asks for a new query, the test; message format, batch size,
// rate and concurrency under 高级.
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row } from 'antd';
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

export function SuningSettingsCard({ view }: { readonly view: View }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Settings['suning']>();
  const card = usePlatformSave(view, 'suning.appSecret');
  const save = (values: Settings['suning']) => {
    const parsed = settingsSchema.shape.suning.safeParse({ ...view.settings.suning, ...values }, parseIn(lang));
    if (!parsed.success) return applyIssues(form, parsed.error, lang);
    void card.save({ suning: parsed.data });
  };
  return (
    <Card title={t('settings.suning')} size="small" data-testid="settings-suning">
      <Form form={form} layout="vertical" initialValues={view.settings.suning} onFinish={save} requiredMark={false}>
        <Row gutter={24}>
          <Col span={14}>
            <EnvField noSandbox />
            <Row gutter={12}>
              <Col span={12}><Form.Item name="appKey" label={t('settings.appkey')}><Input autoComplete="off" data-testid="sn-appkey" /></Form.Item></Col>
              <Col span={12}><Form.Item name="saleOrg" label={t('settings.saleOrg')}><Input autoComplete="off" /></Form.Item></Col>
              <Col span={12}><Form.Item name="saleTaxNo" label={t('settings.saleTaxNo')}><Input autoComplete="off" /></Form.Item></Col>
              <Col span={12}>
                <Form.Item name="maxAnswerAgeHours" label={t('settings.maxAnswerAgeHours')} extra={t('settings.maxAnswerAgeHint')}>
                  <InputNumber min={1} max={24 * 90} precision={0} style={{ width: '100%' }} data-testid="sn-max-answer-age" />
                </Form.Item>
              </Col>
            </Row>
          </Col>
          <Col span={10}>
            <SecretField name="suning.appSecret" view={view} label={t('settings.appSecret')} {...card.secretProps} />
            <div style={{ marginTop: 16 }}><ConnectionTest platform="suning" /></div>
          </Col>
        </Row>
        <AdvancedSection testId="advanced-suning">
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="format" label={t('settings.format')}>
                <Radio.Group optionType="button" options={[{ value: 'json', label: 'JSON' }, { value: 'xml', label: 'XML' }]} />
              </Form.Item>
            </Col>
            <Col span={6}><Form.Item name="batchSize" label={t('settings.batchSize')}><InputNumber min={1} max={50} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="rps" label={t('settings.rps')} extra={t('settings.rpsHint')}><InputNumber min={0.1} max={1000} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="concurrency" label={t('settings.concurrency')} extra={t('settings.concurrencyHint')}><InputNumber min={1} max={64} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
        </AdvancedSection>
        {card.error && <ErrorAlert error={card.error} compact />}
        <Button type="primary" htmlType="submit" loading={card.pending} disabled={card.blocked} data-testid="save-suning">{t('common.save')}</Button>
      </Form>
    </Card>
  );
}
