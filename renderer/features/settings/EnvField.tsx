// Renderer. Environment choice per platform; choosing production shows a warning so it is never picked by accident.
import { Alert, Form, Input, Radio, Tooltip } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { useAppInfo } from '../../api/queries';

export function EnvField({ noSandbox }: { readonly noSandbox?: boolean }) {
  const { t } = useI18n();
  const env = Form.useWatch('env');
  // A real merchant's workspace never uses the emulators (the core refuses it): practice mode has its own workspace.
  const real = useAppInfo().data?.workspace?.kind === 'real';
  return (
    <>
      <Form.Item name="env" label={t('settings.env')}>
        <Radio.Group optionType="button" buttonStyle="solid">
          {(!real || env === 'practice') && <Radio.Button value="practice" disabled={real}>{t('settings.env.practice')}</Radio.Button>}
          <Tooltip title={noSandbox ? t('settings.env.noSandbox') : undefined}>
            <Radio.Button value="sandbox" disabled={noSandbox}>{t('settings.env.sandbox')}</Radio.Button>
          </Tooltip>
          <Radio.Button value="production">{t('settings.env.production')}</Radio.Button>
          <Radio.Button value="custom">{t('settings.env.custom')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      {env === 'production' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('settings.env.productionWarning')} />}
      {env === 'custom' && (
        <Form.Item name="customUrl" label={t('settings.customUrl')} rules={[{ required: true, pattern: /^https?:\/\/\S+$/i, message: t('settings.customUrlInvalid') }]}>
          <Input placeholder="https://…" autoComplete="off" />
        </Form.Item>
      )}
    </>
  );
}
