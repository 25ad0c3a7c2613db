// Renderer. The 概览 charts, drawn by ECharts — imported from echarts/core with only the bar and pie charts, the
// components and the canvas renderer they use, in a chunk of their own that only this page loads. Colours and
// fonts follow the antd theme; every bar, slice and day is a click into the reconcile table.
import { useCallback, useMemo, useRef } from 'react';
import { Card, Typography, theme as antdTheme } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { InvoiceFilter } from '../../../shared/api/schemas';
import type { Overview } from '../../../shared/api/overview';
import { formatFenGrouped } from '../../../shared/domain/money';
import { useI18n } from '../../i18n/i18n';
import { RECON_LABELS, SUBMIT_LABELS } from '../../i18n/labels';
import { RECON_META, SUBMIT_META } from '../../components/status-meta';
import {
  barOption, pieItems, pieOption, pieSliceCentre, valueOf, type ChartItem, type ChartOption, type ChartTheme, type Measure,
} from './chart-options';

// Aria: a canvas says nothing to a screen reader; ECharts then describes each chart in the container's aria-label.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, DataZoomComponent, AriaComponent, CanvasRenderer]);

type Token = ReturnType<typeof antdTheme.useToken>['token'];

/** antd's tag preset names (status-meta.tsx) as the theme's colours, so a bar has its tag's colour. */
function presetColour(name: string, token: Token): string {
  switch (name) {
    case 'success': return token.colorSuccess;
    case 'processing': return token.colorPrimary;
    case 'error': return token.colorError;
    case 'warning': return token.colorWarning;
    case 'default': return token.colorTextQuaternary;
    case 'gold': return token.gold;
    case 'volcano': return token.volcano;
    case 'purple': return token.purple;
    case 'orange': return token.orange;
    case 'cyan': return token.cyan;
    case 'magenta': return token.magenta;
    case 'red': return token.red;
    case 'blue': return token.blue;
    default: return token.colorPrimary;
  }
}

/** 2026-10-02 → 10-02 along the daily chart's axis (the year is in the tooltip and the slider). */
const monthDay = (date: string): string => date.slice(5);

/** Longest shop name the table's shop filter takes (shared/api/schemas.ts). */
const SHOP_FILTER_MAX = 100;

interface ChartProps {
  readonly testId: string;
  readonly option: ChartOption;
  readonly items: readonly ChartItem[];
  readonly kind: 'bar-h' | 'bar-v' | 'pie';
  readonly measure: Measure;
  readonly onPick: (f: InvoiceFilter) => void;
}

/**
 * One chart. After each render it publishes where each segment's middle is (`data-points`, pixels within the
 * chart) so an end-to-end test can click a bar or a slice like the clerk does; ECharts draws on a canvas, where
 * there is no element to find.
 */
function Chart({ testId, option, items, kind, measure, onPick }: ChartProps) {
  const { lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const publish = useCallback(() => {
    const c = chart.current;
    const el = box.current;
    if (!c || !el) return;
    let points: { key: string; x: number; y: number }[];
    if (kind === 'pie') {
      const values = items.map((i) => valueOf(i, measure));
      points = items.map((i, n) => ({ key: i.key, ...pieSliceCentre(values, n, c.getWidth(), c.getHeight()) }));
    } else {
      points = [];
      items.forEach((i, n) => {
        const half = valueOf(i, measure) / 2;
        const px = c.convertToPixel({ seriesIndex: 0 }, kind === 'bar-h' ? [half, n] : [n, half]);
        if (Array.isArray(px) && c.containPixel('grid', px)) points.push({ key: i.key, x: px[0] ?? 0, y: px[1] ?? 0 });
      });
    }
    const json = JSON.stringify(points.map((p) => ({ ...p, x: Math.round(p.x), y: Math.round(p.y) })));
    if (el.dataset['points'] !== json) el.dataset['points'] = json;
  }, [items, kind, measure]);
  const events = useMemo(() => ({
    click: (p: echarts.ECElementEvent) => {
      const f = items[p.dataIndex]?.filter;
      if (f) onPick(f);
    },
    finished: publish,
  }), [items, onPick, publish]);
  return (
    // The charts share the height the window leaves them (app.css .overview-charts); ECharts follows its box's size.
    <div ref={box} className="overview-chart" data-testid={testId} data-count={items.length}>
      <ReactEChartsCore
        // A new language re-creates the chart with ECharts' own texts in that language.
        key={lang}
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: '100%', width: '100%' }}
        opts={{ renderer: 'canvas', locale: lang === 'zh-CN' ? 'ZH' : 'EN' }}
        onChartReady={(c: echarts.EChartsType) => { chart.current = c; }}
        onEvents={events}
      />
    </div>
  );
}

interface Props {
  readonly overview: Overview;
  readonly measure: Measure;
  readonly onPick: (f: InvoiceFilter) => void;
}

export function OverviewCharts({ overview: o, measure, onPick }: Props) {
  const { t, lang } = useI18n();
  const { token } = antdTheme.useToken();
  const chartTheme = useMemo<ChartTheme>(() => ({
    text: token.colorText, textSecondary: token.colorTextSecondary, split: token.colorBorderSecondary,
    fontFamily: token.fontFamily, background: token.colorBgContainer,
  }), [token]);
  const detail = useCallback((count: number, fen: number) => t('overview.tooltip', { n: count.toLocaleString(), amount: formatFenGrouped(fen) }), [t]);

  const recon = useMemo<ChartItem[]>(() => o.byRecon.filter((g) => g.count > 0).map((g) => ({
    key: g.reconStatus, name: RECON_LABELS[g.reconStatus][lang], count: g.count, amountFen: g.amountFen,
    color: presetColour(RECON_META[g.reconStatus].color, token), filter: { reconStatus: [g.reconStatus] }, detail: detail(g.count, g.amountFen),
  })), [o.byRecon, lang, token, detail]);
  const submit = useMemo<ChartItem[]>(() => o.bySubmit.filter((g) => g.count > 0).map((g) => ({
    key: g.submitState, name: SUBMIT_LABELS[g.submitState][lang], count: g.count, amountFen: g.amountFen,
    color: presetColour(SUBMIT_META[g.submitState].color, token), filter: { submitState: [g.submitState] }, detail: detail(g.count, g.amountFen),
  })), [o.bySubmit, lang, token, detail]);
  const shops = useMemo<ChartItem[]>(() => o.byShop.map((g) => ({
    key: g.shop, name: g.shop === '' ? t('overview.noShop') : g.shop, count: g.count, amountFen: g.amountFen, color: token.colorPrimary,
    filter: g.shop === '' || g.shop.length > SHOP_FILTER_MAX ? null : { shop: g.shop }, detail: detail(g.count, g.amountFen),
  })), [o.byShop, t, token, detail]);
  const days = useMemo<ChartItem[]>(() => o.byDay.map((g) => ({
    key: g.date, name: g.date, count: g.count, amountFen: g.amountFen, color: token.colorPrimary,
    filter: { dateFrom: g.date, dateTo: g.date }, detail: detail(g.count, g.amountFen),
  })), [o.byDay, token, detail]);
  const pieSlices = useMemo(() => pieItems(submit, measure), [submit, measure]);

  const reconOption = useMemo(() => barOption({ items: recon, measure, theme: chartTheme, lang, horizontal: true, labelWidth: lang === 'zh-CN' ? 90 : 150 }), [recon, measure, chartTheme, lang]);
  const submitOption = useMemo(() => pieOption({ items: pieSlices, measure, theme: chartTheme }), [pieSlices, measure, chartTheme]);
  const shopOption = useMemo(() => barOption({ items: shops, measure, theme: chartTheme, lang, horizontal: true, labelWidth: 120 }), [shops, measure, chartTheme, lang]);
  const dayOption = useMemo(() => barOption({ items: days, measure, theme: chartTheme, lang, horizontal: false, zoom: true, shortLabel: monthDay }), [days, measure, chartTheme, lang]);

  const footnote = (text: string | null) => text && <Typography.Text type="secondary" className="overview-note">{text}</Typography.Text>;
  const amount = (fen: number) => formatFenGrouped(fen);
  return (
    <div className="overview-charts">
      <Card size="small" className="overview-chart-card" title={t('overview.byRecon')}>
        <Chart testId="chart-recon" kind="bar-h" option={reconOption} items={recon} measure={measure} onPick={onPick} />
      </Card>
      <Card size="small" className="overview-chart-card" title={t('overview.bySubmit')}>
        <Chart testId="chart-submit" kind="pie" option={submitOption} items={pieSlices} measure={measure} onPick={onPick} />
      </Card>
      <Card size="small" className="overview-chart-card" title={t('overview.byShop')}>
        <Chart testId="chart-shop" kind="bar-h" option={shopOption} items={shops} measure={measure} onPick={onPick} />
        {footnote(o.otherShops.shops > 0 ? t('overview.otherShops', { shops: o.otherShops.shops.toLocaleString(), n: o.otherShops.count.toLocaleString(), amount: amount(o.otherShops.amountFen) }) : null)}
      </Card>
      <Card size="small" className="overview-chart-card" title={t('overview.byDay')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('overview.dayNote')}</Typography.Text>}>
        <Chart testId="chart-day" kind="bar-v" option={dayOption} items={days} measure={measure} onPick={onPick} />
        {footnote([
          o.noDate.count > 0 ? t('overview.noDate', { n: o.noDate.count.toLocaleString(), amount: amount(o.noDate.amountFen) }) : '',
          o.olderDays.days > 0 ? t('overview.olderDays', { days: o.olderDays.days.toLocaleString(), n: o.olderDays.count.toLocaleString(), amount: amount(o.olderDays.amountFen) }) : '',
        ].filter(Boolean).join(' · ') || null)}
      </Card>
    </div>
  );
}
