// Renderer. Shows any failure readably: the message in the clerk's language and the stable code to quote to support.
import { Alert, Button, Tag, Typography } from 'antd';
import { isApiError, validationIssues } from '../api/errors';
import { useI18n } from '../i18n/i18n';

export function errorText(error: unknown, pick: (zh: string, en: string) => string): { code: string; text: string } {
  if (isApiError(error)) return { code: error.code, text: pick(error.messageZh, error.messageEn) };
  if (error instanceof Error) return { code: 'renderer', text: error.message };
  return { code: 'renderer', text: String(error) };
}

export function ErrorAlert({ error, onRetry, compact }: { readonly error: unknown; readonly onRetry?: () => void; readonly compact?: boolean }) {
  const { t, pick } = useI18n();
  const { code, text } = errorText(error, pick);
  const issues = validationIssues(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={compact ? undefined : t('error.title')}
      description={
        <div>
          <Typography.Paragraph style={{ marginBottom: issues.length ? 4 : 0, whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>
          {issues.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {issues.slice(0, 8).map((i) => <li key={i.path.join('.') + i.message}><code>{i.path.join('.')}</code> {i.message}</li>)}
            </ul>
          )}
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">{t('error.code')}: </Typography.Text>
            <Tag color="red" data-testid="error-code">{code}</Tag>
          </div>
        </div>
      }
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
