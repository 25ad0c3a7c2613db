// Renderer. Environment choice per platform; production is visually distinct so it is never picked by accident.
import { Form, Input, Radio, Tooltip } from 'antd';
import { useI18n } from '../../i18n/i18n';

export function EnvField({ noSandbox }: { readonly noSandbox?: boolean }) {
  const { t } = useI18n();
  const env = Form.useWatch('env');
  return (
    <>
      <Form.Item name="env" label={t('settings.env')}>
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio.Button value="practice">{t('settings.env.practice')}</Radio.Button>
          <Tooltip title={noSandbox ? t('settings.env.noSandbox') : undefined}>
            <Radio.Button value="sandbox" disabled={noSandbox}>{t('settings.env.sandbox')}</Radio.Button>
          </Tooltip>
          <Radio.Button value="production">{t('settings.env.production')}</Radio.Button>
          <Radio.Button value="custom">{t('settings.env.custom')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      {env === 'custom' && (
        <Form.Item name="customUrl" label={t('settings.customUrl')} rules={[{ required: true, pattern: /^https?:\/\/\S+$/i, message: 'http(s)://…' }]}>
          <Input placeholder="https://…" autoComplete="off" />
        </Form.Item>
      )}
    </>
  );
}
