// Renderer. The selection's money totals, beside the filter's under the table. In the action bar above the table
// they pushed the bulk buttons into a column at 1366 px, and a line appearing there would move the rows under the
// clerk's pointer on the first tick; under the table it changes nothing above it. "All matching" asks the same
// totals as the filter's (same query, answered from the cache).
import { useMemo } from 'react';
import type { Selection } from '../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { useInvoiceTotals } from '../../api/queries';
import { TotalsLine } from './TotalsLine';

export function SelectionTotals({ selection }: { readonly selection: Selection }) {
  const { t } = useI18n();
  const input = useMemo(() => ({ selection }), [selection]);
  const totals = useInvoiceTotals(input);
  return <TotalsLine totals={totals.data} stale={totals.isPlaceholderData || totals.isFetching} label={t('recon.totals.selected')} testId="selection-totals" />;
}
