// Renderer (pure; types only from ECharts). The 概览 charts as ECharts options: one item per bar, slice or day,
// coloured like the status tags, with a tooltip text precomputed (money formatted from fen, never a float sum)
// and the table filter it opens. Kept apart from the chart component so the options are testable in Node.
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, DataZoomComponentOption, GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { InvoiceFilter } from '../../../shared/api/schemas';

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | DataZoomComponentOption | AriaComponentOption>;
export type Measure = 'count' | 'amount';

export interface ChartItem {
  readonly key: string;
  readonly name: string;
  readonly count: number;
  readonly amountFen: number;
  readonly color: string;
  /** The reconcile table's filter for exactly these invoices; null when the table cannot filter to them. */
  readonly filter: InvoiceFilter | null;
  /** Plain text shown under the name in the tooltip (escaped when drawn). */
  readonly detail: string;
}

export interface ChartTheme {
  readonly text: string;
  readonly textSecondary: string;
  readonly split: string;
  readonly fontFamily: string;
  readonly background: string;
}

/** Days a daily chart shows at once before its zoom slider appears (the newest are shown first). */
export const DAYS_IN_VIEW = 31;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** ECharts draws tooltips as HTML: shop names and the like come from imported files. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The chart value of an item: invoices, or yuan (display only; the exact amount is in the tooltip). */
export function valueOf(item: ChartItem, measure: Measure): number {
  return measure === 'count' ? item.count : item.amountFen / 100;
}

function tooltip(items: readonly ChartItem[], theme: ChartTheme): TooltipComponentOption {
  return {
    trigger: 'item',
    confine: true,
    textStyle: { fontFamily: theme.fontFamily, fontSize: 12, color: theme.text },
    formatter: (p) => {
      const one = Array.isArray(p) ? p[0] : p;
      const item = one ? items[one.dataIndex] : undefined;
      return item ? `<b>${escapeHtml(item.name)}</b><br/>${escapeHtml(item.detail)}` : '';
    },
  };
}

/** Short axis numbers: 12,000 → 1.2万 in Chinese, 12k in English. */
export function compactNumber(n: number, lang: 'zh-CN' | 'en-US'): string {
  return new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

export interface BarSpec {
  readonly items: readonly ChartItem[];
  readonly measure: Measure;
  readonly theme: ChartTheme;
  readonly lang: 'zh-CN' | 'en-US';
  /** Categories down the side (long Chinese names read better) instead of along the bottom. */
  readonly horizontal: boolean;
  /** Pixels reserved for category names on a horizontal chart. */
  readonly labelWidth?: number;
  /** A zoom slider when there are more categories than DAYS_IN_VIEW (the daily chart). */
  readonly zoom?: boolean;
  /** A shorter axis label for a category along the bottom (the tooltip keeps the full name). */
  readonly shortLabel?: (name: string) => string;
}

export function barOption(spec: BarSpec): ChartOption {
  const { items, measure, theme, lang, horizontal } = spec;
  const names = items.map((i) => i.name);
  const axisText = { color: theme.textSecondary, fontFamily: theme.fontFamily, fontSize: 12 };
  const category = {
    type: 'category' as const,
    data: names,
    inverse: horizontal,
    axisTick: { alignWithLabel: true },
    axisLabel: horizontal
      ? { ...axisText, width: spec.labelWidth ?? 110, overflow: 'truncate' as const }
      : { ...axisText, hideOverlap: true, formatter: spec.shortLabel },
    axisLine: { lineStyle: { color: theme.split } },
  };
  const value = {
    type: 'value' as const,
    minInterval: measure === 'count' ? 1 : undefined,
    axisLabel: { ...axisText, formatter: (v: number) => compactNumber(v, lang) },
    splitLine: { lineStyle: { color: theme.split } },
  };
  const zoom = spec.zoom === true && items.length > DAYS_IN_VIEW;
  return {
    animationDuration: 300,
    aria: { enabled: true },
    textStyle: { fontFamily: theme.fontFamily },
    grid: horizontal
      ? { left: 8, right: 24, top: 8, bottom: 8, containLabel: true }
      : { left: 8, right: 24, top: 12, bottom: zoom ? 44 : 8, containLabel: true },
    tooltip: tooltip(items, theme),
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    dataZoom: zoom ? [{ type: 'slider', height: 18, bottom: 8, startValue: items.length - DAYS_IN_VIEW, endValue: items.length - 1 }] : [],
    series: [{
      type: 'bar',
      barMaxWidth: 28,
      cursor: 'pointer',
      data: items.map((i) => ({ value: valueOf(i, measure), itemStyle: { color: i.color } })),
    }],
  };
}

export interface PieSpec {
  readonly items: readonly ChartItem[];
  readonly measure: Measure;
  readonly theme: ChartTheme;
}

/** The donut's geometry, shared with the click points the e2e tests use (OverviewCharts.pointsOf). */
export const PIE = { center: ['50%', '50%'] as const, inner: 0.42, outer: 0.7, startAngle: 90 };

/** Slices of a donut: only items with something to draw (a pie cannot show zero or a negative sum). */
export function pieItems(items: readonly ChartItem[], measure: Measure): ChartItem[] {
  return items.filter((i) => valueOf(i, measure) > 0);
}

export function pieOption(spec: PieSpec): ChartOption {
  const { items, measure, theme } = spec;
  return {
    animationDuration: 300,
    aria: { enabled: true },
    textStyle: { fontFamily: theme.fontFamily },
    tooltip: tooltip(items, theme),
    series: [{
      type: 'pie',
      center: [...PIE.center],
      radius: [`${PIE.inner * 100}%`, `${PIE.outer * 100}%`],
      startAngle: PIE.startAngle,
      clockwise: true,
      minAngle: 0,
      cursor: 'pointer',
      itemStyle: { borderColor: theme.background, borderWidth: 2 },
      label: { color: theme.text, fontFamily: theme.fontFamily, fontSize: 12, formatter: (p) => items[p.dataIndex]?.name ?? '' },
      labelLine: { length: 8, length2: 8 },
      data: items.map((i) => ({ name: i.name, value: valueOf(i, measure), itemStyle: { color: i.color } })),
    }],
  };
}

/**
 * Where slice i's middle lies on a donut drawn with PIE in a box of w × h (ECharts' pie layout: clockwise from
 * startAngle, radius relative to half the shorter side). Used to publish click points for tests.
 */
export function pieSliceCentre(values: readonly number[], i: number, w: number, h: number): { x: number; y: number } {
  const sum = values.reduce((a, b) => a + b, 0);
  const before = values.slice(0, i).reduce((a, b) => a + b, 0);
  const mid = sum > 0 ? (before + (values[i] ?? 0) / 2) / sum : 0;
  const angle = ((PIE.startAngle - mid * 360) * Math.PI) / 180;
  const r = ((PIE.inner + PIE.outer) / 2) * (Math.min(w, h) / 2);
  return { x: w / 2 + r * Math.cos(angle), y: h / 2 - r * Math.sin(angle) };
}
