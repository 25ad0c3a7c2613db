// Renderer. 概览: how reconciliation stands over the whole store, read in a second — the totals, what is left to
// do (each a button into the table), and four charts whose every bar, slice and day opens the reconcile table
// with that filter. The charts (ECharts) load in their own chunk after the figures are on screen.
import { lazy, Suspense, useCallback, useState } from 'react';
import { Button, Card, Empty, Segmented, Spin, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { InvoiceFilter } from '../../../shared/api/schemas';
import type { Overview } from '../../../shared/api/overview';
import { formatFenGrouped } from '../../../shared/domain/money';
import { invoke } from '../../api/client';
import { queryKey } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/time';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../app/routes';
import { useReconcileView } from '../reconcile/view-state';
import type { Measure } from './chart-options';

const OverviewCharts = lazy(() => import('./OverviewCharts').then((m) => ({ default: m.OverviewCharts })));

function TodoCards({ todo, onShow }: { readonly todo: Overview['todo']; readonly onShow: (f: InvoiceFilter) => void }) {
  const { t } = useI18n();
  return (
    <div className="overview-todo" data-testid="overview-todo">
      {todo.map((item) => (
        <Card key={item.key} size="small" className={item.count > 0 ? 'overview-todo-card open' : 'overview-todo-card'}>
          <Tooltip title={t(`overview.todoHint.${item.key}`)} placement="bottom">
            <Typography.Text type="secondary" className="overview-todo-label">{t(`overview.todo.${item.key}`)}</Typography.Text>
          </Tooltip>
          <div className="overview-todo-figure" data-testid={`todo-count-${item.key}`} data-count={item.count}>
            {item.count.toLocaleString()}
          </div>
          <Typography.Text type="secondary" className="overview-todo-amount">¥{formatFenGrouped(item.amountFen)}</Typography.Text>
          <Button
            size="small"
            type={item.count > 0 ? 'primary' : 'default'}
            ghost={item.count > 0}
            disabled={item.count === 0}
            onClick={() => onShow(item.filter)}
            data-testid={`todo-${item.key}`}
          >
            {item.count > 0 ? t('overview.todoShow', { n: item.count.toLocaleString() }) : t('overview.todoNone')}
          </Button>
        </Card>
      ))}
    </div>
  );
}

export function OverviewPage() {
  const { t } = useI18n();
  const { dispatch } = useReconcileView();
  const [measure, setMeasure] = useState<Measure>('count');
  const q = useQuery({ queryKey: queryKey('overview:get', {}), queryFn: () => invoke('overview:get', {}) });

  // The same two steps as 自动处理's summary groups: a clean filter, then the one this figure counts — and the
  // table itself, not a detail panel left open on an invoice from before.
  const show = useCallback((filter: InvoiceFilter) => {
    dispatch({ type: 'open', id: null });
    dispatch({ type: 'resetFilter' });
    dispatch({ type: 'filter', patch: filter });
    navigate('reconcile');
  }, [dispatch]);

  if (q.isPending) return <div className="center-fill"><Spin size="large" /></div>;
  if (q.error) return <div className="page"><ErrorAlert error={q.error} onRetry={() => void q.refetch()} /></div>;
  const o = q.data;
  const asOf = new Date(q.dataUpdatedAt).toISOString();

  return (
    <div className="page overview-page" data-testid="overview-page" data-total={o.total.count}>
      <div className="overview-head">
        <Typography.Title level={4} className="page-title">{t('overview.title')}</Typography.Title>
        <Typography.Text data-testid="overview-total">{t('overview.summary', { n: o.total.count.toLocaleString(), amount: formatFenGrouped(o.total.amountFen) })}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('overview.asOf', { time: formatTime(asOf) })}</Typography.Text>
        <span className="overview-head-gap" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('overview.measure')}</Typography.Text>
        <Segmented<Measure>
          size="small"
          value={measure}
          onChange={setMeasure}
          data-testid="overview-measure"
          options={[{ label: t('overview.measure.count'), value: 'count' }, { label: t('overview.measure.amount'), value: 'amount' }]}
        />
      </div>
      {o.total.count === 0 ? (
        <Card><Empty description={t('overview.empty')}><Button type="primary" onClick={() => navigate('import')}>{t('overview.goImport')}</Button></Empty></Card>
      ) : (
        <>
          <TodoCards todo={o.todo} onShow={show} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('overview.clickHint')}</Typography.Text>
          <Suspense fallback={<div className="center-fill overview-charts-loading"><Spin tip={t('overview.chartsLoading')}><div style={{ width: 120, height: 60 }} /></Spin></div>}>
            <OverviewCharts overview={o} measure={measure} onPick={show} />
          </Suspense>
        </>
      )}
    </div>
  );
}
