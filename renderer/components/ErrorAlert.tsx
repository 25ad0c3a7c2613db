// Renderer. Shows any failure readably: the message in the clerk's language and the stable code to quote to support.
import { Alert, Button, Typography } from 'antd';
import { isApiError, validationIssues } from '../api/errors';
import { useI18n } from '../i18n/i18n';
import { oneLanguage } from '../i18n/one-language';

export function errorText(error: unknown, pick: (zh: string, en: string) => string): { code: string; text: string } {
  if (isApiError(error)) return { code: error.code, text: pick(error.messageZh, error.messageEn) };
  if (error instanceof Error) return { code: 'renderer', text: error.message };
  return { code: 'renderer', text: String(error) };
}

export function ErrorAlert({ error, onRetry, compact }: { readonly error: unknown; readonly onRetry?: () => void; readonly compact?: boolean }) {
  const { t, pick, lang } = useI18n();
  const { code, text: raw } = errorText(error, pick);
  const issues = validationIssues(error);
  // A validation error's own text names the channel and field paths: a sentence first, the rest as details.
  const text = code === 'validation' ? t('error.validationLead') : raw;
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
              {issues.slice(0, 8).map((i) => <li key={i.path.join('.') + i.message}>{oneLanguage(i.message, lang)} <span className="code-detail mono">{i.path.join('.')}</span></li>)}
            </ul>
          )}
          <div style={{ marginTop: 4 }} className="code-detail">
            {t('error.code')}: <span className="mono" data-testid="error-code">{code}</span>
          </div>
        </div>
      }
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
