// Renderer. The last Wangdiantong submissions of the invoice with the platform's code and message.
import { Card, Empty, Space, Tag, Typography } from 'antd';
import type { Submission } from '../../../../shared/domain/invoice';
import { useI18n } from '../../../i18n/i18n';
import { OutboxTag } from '../../../components/StatusTag';
import { formatTime } from '../../../components/time';
import { PlatformCode } from '../../../components/PlatformCode';

export function SubmissionsCard({ submissions }: { readonly submissions: readonly Submission[] }) {
  const { t } = useI18n();
  const recent = [...submissions].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 6);
  return (
    <Card size="small" title={t('detail.submissions')} data-testid="detail-submissions">
      {recent.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noSubmissions')} />}
      {recent.map((s) => (
        <div key={s.id} className="suning-inv" data-testid="submission" data-state={s.state}>
          <Space wrap size={4}>
            <OutboxTag state={s.state} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(s.updatedAt)}</Typography.Text>
            {s.platformCode !== null && <Tag color={s.platformCode === '0' ? 'green' : 'red'}><PlatformCode code={s.platformCode} /></Tag>}
          </Space>
          {s.overrideReason && <Typography.Paragraph type="danger" style={{ margin: '4px 0 0', fontSize: 13 }} data-testid="submission-override">{t('history.override', { reason: s.overrideReason })}</Typography.Paragraph>}
          {s.message && <Typography.Paragraph style={{ margin: '4px 0 0', fontSize: 13 }}>{s.message}</Typography.Paragraph>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`wdt.${s.payload.status}`)} · <span className="mono">{s.payload.invoice_code || '—'} {s.payload.invoice_no_out || '—'}</span>
            {s.attempts > 1 && ` · ${t('history.attempts')} ${s.attempts}`}
          </Typography.Text>
        </div>
      ))}
    </Card>
  );
}
