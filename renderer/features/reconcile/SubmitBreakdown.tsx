// Renderer. The submit confirm's breakdown (submit:preview): how many go as 80 and as 65/75, the amount sent, and
// what the write-back plan skips, per reason and reconciliation status — before anything is sent.
import { Alert, Spin, Typography } from 'antd';
import type { SubmitPreview } from '../../../shared/domain/plan';
import { formatFenGrouped } from '../../../shared/domain/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { RECON_LABELS } from '../../i18n/labels';

interface Props {
  readonly preview: SubmitPreview | undefined;
  readonly pending: boolean;
  readonly error: Error | null;
}

export function SubmitBreakdown({ preview: p, pending, error }: Props) {
  const { t, lang, pick } = useI18n();
  if (pending) return <Spin tip={t('recon.confirmCounting')}><div style={{ height: 48 }} /></Spin>;
  if (error) return <ErrorAlert error={error} compact />;
  if (!p) return null;
  const skipped = p.skipped.reduce((n, g) => n + g.count, 0);
  const sending = p.as80.count + p.asFailure.count;
  return (
    <div
      data-testid="bulk-preview"
      data-as80={p.as80.count}
      data-as-failure={p.asFailure.count}
      data-skipped={skipped}
      data-amount-fen={p.sentAmountFen}
    >
      <ul style={{ paddingInlineStart: 20, margin: '0 0 8px' }}>
        <li>{t('recon.preview.as80', { n: p.as80.count.toLocaleString() })}</li>
        {p.asFailure.count > 0 && <li>{t('recon.preview.asFailure', { n: p.asFailure.count.toLocaleString() })}</li>}
        <li><strong data-testid="bulk-preview-amount">{t('recon.preview.amount', { amount: formatFenGrouped(p.sentAmountFen) })}</strong></li>
      </ul>
      {skipped > 0 && (
        <>
          <Typography.Text type="secondary">{t('recon.preview.skipped', { n: skipped.toLocaleString() })}</Typography.Text>
          <ul style={{ paddingInlineStart: 20, margin: '4px 0 0', maxHeight: 200, overflowY: 'auto' }}>
            {p.skipped.map((g) => (
              <li key={`${g.refusal}-${g.reconStatus}`} data-testid="bulk-preview-skip" data-refusal={g.refusal} data-status={g.reconStatus} data-count={g.count}>
                {t('recon.preview.skipGroup', { status: RECON_LABELS[g.reconStatus][lang], n: g.count.toLocaleString() })}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}> — {pick(g.reason.zh, g.reason.en)}</Typography.Text>
              </li>
            ))}
          </ul>
        </>
      )}
      {sending === 0 && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('recon.preview.none')} />}
    </div>
  );
}
