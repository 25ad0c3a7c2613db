// Renderer. Money totals of a filter or selection in one line: count, 金额, 苏宁金额 and the signed 差额 (coloured
// like the 差额 column), and how many invoices had no Suning amount to compare. Formatted as the table formats
// yuan. Its own read (invoices:totals), so the table's first rows never wait for a sum.
import type { InvoiceTotals } from '../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { money, signedMoney } from './columns';

interface Props {
  readonly totals: InvoiceTotals | undefined;
  /** New totals are on their way: the old ones stay, dimmed. */
  readonly stale: boolean;
  /** 合计 (the filter) or 所选合计 (the selection). */
  readonly label: string;
  readonly testId: string;
}

export function TotalsLine({ totals, stale, label, testId }: Props) {
  const { t } = useI18n();
  if (!totals) return <span className="totals-line totals-stale" data-testid={testId}>{t('recon.totals.loading')}</span>;
  const diffClass = totals.diffFen !== 0 ? 'num vt-diff' : 'num';
  return (
    <span className={`totals-line${stale ? ' totals-stale' : ''}`} data-testid={testId} aria-busy={stale}>
      <span className="totals-label">{label}</span>
      <span data-testid={`${testId}-count`} data-value={totals.count}>{t('recon.totals.count', { n: totals.count.toLocaleString() })}</span>
      <span>{t('recon.totals.amount')} <b className="num" data-testid={`${testId}-amount`} data-value={totals.amountFen}>{money(totals.amountFen)}</b></span>
      <span>{t('recon.totals.suning')} <b className="num" data-testid={`${testId}-suning`} data-value={totals.suningAmountFen}>{money(totals.suningAmountFen)}</b></span>
      <span>{t('recon.totals.diff')} <b className={diffClass} data-testid={`${testId}-diff`} data-value={totals.diffFen}>{signedMoney(totals.diffFen)}</b></span>
      {totals.missingSuning > 0 && (
        <span className="totals-missing" data-testid={`${testId}-missing`} data-value={totals.missingSuning}>
          {t('recon.totals.missing', { n: totals.missingSuning.toLocaleString() })}
        </span>
      )}
    </span>
  );
}
