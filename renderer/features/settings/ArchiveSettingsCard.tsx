// Renderer. 原件存档 (issue 15): download after each query, the size cap, the ZIP's file name template with its
// placeholders (click to insert) and an example, checked by the same function the core uses; the download
// rate and concurrency under 高级. One 保存 for the card, as the platform cards.
import { useState } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Row, Switch, Tag, Typography, App as AntApp } from 'antd';
import { AdvancedSection } from './AdvancedSection';
import { settingsSchema, type Settings } from '../../../shared/api/schemas';
import type { ChannelOutput } from '../../../shared/api/contract';
import { renderZipName, zipTemplateProblem, ZIP_NAME_PLACEHOLDERS, type ZipNamePlaceholder, type ZipNameValues } from '../../../shared/domain/archive-names';
import { useUpdateSettings } from '../../api/mutations';
import { useI18n, type Language } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyIssues, parseIn } from './platform-form';

type View = ChannelOutput<'settings:get'>;
type Values = Settings['archive'];

/** What the example file name is made of (a plausible 数电票). */
const SAMPLE: ZipNameValues = {
  开票日期: '2026-11-30', 发票号码: '26322000000123456789', 发票代码: '', 价税合计: '1280.00', 订单号: '30012345678',
  发票编号: 'FP2026113000017', 店铺: '苏宁旗舰店', 蓝红: '蓝票',
};

/** A placeholder's description, its date format (YYYY-MM-DD) set as a code, not as words. */
function describe(text: string) {
  const parts = text.split(/(YYYY-MM-DD)/);
  return parts.map((p, i) => (i % 2 === 1 ? <span key={p} className="mono">{p}</span> : p));
}

function templateError(template: string, lang: Language): string | null {
  const p = zipTemplateProblem(template);
  return p === null ? null : lang === 'zh-CN' ? p.zh : p.en;
}

export function ArchiveSettingsCard({ view }: { readonly view: View }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateSettings();
  const [template, setTemplate] = useState(view.settings.archive.zipNameTemplate);
  const problem = templateError(template, lang);

  const save = (values: Values) => {
    const parsed = settingsSchema.shape.archive.safeParse({ ...view.settings.archive, ...values }, parseIn(lang));
    if (!parsed.success) {
      applyIssues(form, parsed.error, lang);
      // The template's message names placeholders in Chinese in both languages: set it from the core's function.
      const own = templateError(values.zipNameTemplate, lang);
      if (own) form.setFields([{ name: 'zipNameTemplate', errors: [own] }]);
      return;
    }
    update.mutate({ archive: parsed.data }, { onSuccess: () => message.success(t('settings.saved')) });
  };

  const insert = (name: ZipNamePlaceholder) => {
    const next = `${form.getFieldValue('zipNameTemplate') ?? ''}{${name}}`;
    form.setFieldValue('zipNameTemplate', next);
    setTemplate(next);
    void form.validateFields(['zipNameTemplate']);
  };

  return (
    <Card title={t('settings.archive')} size="small" data-testid="settings-archive">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('settings.archive.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={view.settings.archive}
        onFinish={save}
        onValuesChange={(changed: Partial<Values>) => { if (changed.zipNameTemplate !== undefined) setTemplate(changed.zipNameTemplate); }}
        requiredMark={false}
      >
        <Row gutter={24}>
          <Col span={10}>
            <Form.Item name="autoAfterQuery" label={t('settings.archive.autoAfterQuery')} valuePropName="checked">
              <Switch data-testid="archive-auto" />
            </Form.Item>
            <Form.Item name="maxFileMb" label={t('settings.archive.maxFileMb')} extra={t('settings.archive.maxFileMbHint')}>
              <InputNumber min={1} max={200} precision={0} style={{ width: 160 }} data-testid="archive-max-mb" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="zipNameTemplate"
              label={t('settings.archive.zipNameTemplate')}
              rules={[{ validator: async (_r, v: string) => { const e = templateError(v ?? '', lang); if (e) throw new Error(e); } }]}
              extra={
                <div className="zip-template-help">
                  <div>{problem === null ? <>{t('settings.archive.example', { name: '' })}<span className="mono" data-testid="archive-template-example">{renderZipName(template, SAMPLE)}</span></> : null}</div>
                  <div>
                    {t('settings.archive.placeholders')}
                    {(Object.keys(ZIP_NAME_PLACEHOLDERS) as ZipNamePlaceholder[]).map((k) => (
                      <Tag key={k} className="zip-placeholder" onClick={() => insert(k)} data-testid={`zip-placeholder-${k}`}>
                        <span className="mono">{`{${k}}`}</span> <span className="zip-placeholder-what">{describe(lang === 'zh-CN' ? ZIP_NAME_PLACEHOLDERS[k].zh : ZIP_NAME_PLACEHOLDERS[k].en)}</span>
                      </Tag>
                    ))}
                  </div>
                  <div>{t('settings.archive.windowsNote')}</div>
                </div>
              }
            >
              <Input autoComplete="off" className="mono" data-testid="archive-template" />
            </Form.Item>
          </Col>
        </Row>
        <AdvancedSection testId="advanced-archive">
          <Row gutter={12}>
            <Col span={8}><Form.Item name="rps" label={t('settings.rps')} extra={t('settings.archive.rpsHint')}><InputNumber min={0.1} max={1000} style={{ width: '100%' }} data-testid="archive-rps" /></Form.Item></Col>
            <Col span={8}><Form.Item name="concurrency" label={t('settings.concurrency')} extra={t('settings.concurrencyHint')}><InputNumber min={1} max={64} style={{ width: '100%' }} data-testid="archive-concurrency" /></Form.Item></Col>
          </Row>
        </AdvancedSection>
        {update.error && <ErrorAlert error={update.error} compact />}
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="save-archive">{t('common.save')}</Button>
      </Form>
    </Card>
  );
}
