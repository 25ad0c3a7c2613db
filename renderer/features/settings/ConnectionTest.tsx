// Renderer. "测试连接": one signed call to the platform and a verdict the clerk can act on.
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import { useTestConnection } from '../../api/mutations';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

export function ConnectionTest({ platform }: { readonly platform: 'wangdian' | 'suning' }) {
  const { t, pick } = useI18n();
  const test = useTestConnection();
  const v = test.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button icon={<ApiOutlined />} loading={test.isPending} onClick={() => test.mutate({ platform })} data-testid={`test-${platform}`}>
        {test.isPending ? t('settings.testing') : t('settings.test')}
      </Button>
      {v && (
        <Alert
          type={v.ok ? 'success' : 'error'}
          showIcon
          data-testid={`verdict-${platform}`}
          data-verdict={v.verdict}
          title={t(`settings.verdict.${v.verdict}`)}
          description={
            <Space wrap size={6}>
              <span>{pick(v.message, v.messageEn)}</span>
              {/* The platform's code only as a detail for support; the sentence above says what it means. */}
              {v.code && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`verdict-code-${platform}`}>{t('common.codeDetail', { code: v.code })}</Typography.Text>}
              {v.latencyMs !== null && <Tag>{t('settings.latency', { ms: v.latencyMs })}</Tag>}
              {v.skewSeconds !== null && Math.abs(v.skewSeconds) >= 1 && <Tag color="orange">{t('settings.skew', { s: v.skewSeconds })}</Tag>}
            </Space>
          }
        />
      )}
      {test.error && <ErrorAlert error={test.error} compact />}
    </Space>
  );
}
