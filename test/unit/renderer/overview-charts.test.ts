// Unit: the 概览 chart options — tooltips escape what came from imported files, the daily chart opens on its
// newest days, a donut draws only what it can, and the published click point of a slice lies inside it.
import { describe, expect, it } from 'vitest';
import {
  barOption, DAYS_IN_VIEW, escapeHtml, pieItems, pieOption, pieSliceCentre, PIE, valueOf, type ChartItem, type ChartTheme,
} from '../../../renderer/features/overview/chart-options';

const THEME: ChartTheme = { text: '#000', textSecondary: '#666', split: '#eee', fontFamily: 'Noto Sans CJK SC', background: '#fff' };
const item = (key: string, count: number, amountFen: number): ChartItem => ({
  key, name: key, count, amountFen, color: '#123456', filter: { shop: key }, detail: `${count}`,
});

describe('overview chart options', () => {
  it('escapes shop names in tooltips (ECharts draws tooltip HTML)', () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)">&'`)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
    const o = barOption({ items: [item('<b>店</b>', 1, 100)], measure: 'count', theme: THEME, lang: 'zh-CN', horizontal: true });
    const tooltip = Array.isArray(o.tooltip) ? o.tooltip[0] : o.tooltip;
    const formatter = tooltip?.formatter;
    if (typeof formatter !== 'function') throw new Error('no tooltip formatter');
    const html = formatter({ dataIndex: 0 } as never, '', () => undefined);
    expect(html).toBe('<b>&lt;b&gt;店&lt;/b&gt;</b><br/>1');
  });

  it('values are invoices or yuan; the daily chart zooms to its newest days only when there are more', () => {
    expect(valueOf(item('a', 3, 12_345), 'count')).toBe(3);
    expect(valueOf(item('a', 3, 12_345), 'amount')).toBe(123.45);
    const days = Array.from({ length: DAYS_IN_VIEW + 9 }, (_, i) => item(`d${i}`, i, i));
    const zoomed = barOption({ items: days, measure: 'count', theme: THEME, lang: 'en-US', horizontal: false, zoom: true });
    expect(zoomed.dataZoom).toEqual([expect.objectContaining({ startValue: 9, endValue: DAYS_IN_VIEW + 8 })]);
    const few = barOption({ items: days.slice(0, DAYS_IN_VIEW), measure: 'count', theme: THEME, lang: 'en-US', horizontal: false, zoom: true });
    expect(few.dataZoom).toEqual([]);
  });

  it('a donut leaves out what it cannot draw (nothing, or a negative amount)', () => {
    const items = [item('a', 2, 500), item('b', 0, 0), item('c', 1, -300)];
    expect(pieItems(items, 'count').map((i) => i.key)).toEqual(['a', 'c']);
    expect(pieItems(items, 'amount').map((i) => i.key)).toEqual(['a']);
    const o = pieOption({ items: pieItems(items, 'count'), measure: 'count', theme: THEME });
    const series = Array.isArray(o.series) ? o.series[0] : o.series;
    expect(series).toMatchObject({ type: 'pie', startAngle: PIE.startAngle, clockwise: true });
  });

  it('puts a slice\'s click point in the middle of its ring segment, clockwise from the top', () => {
    const w = 400;
    const h = 200;
    const ringMid = ((PIE.inner + PIE.outer) / 2) * (Math.min(w, h) / 2);
    // Three quarters and one quarter, clockwise from 12 o'clock: the first spans 12 → 9 o'clock, its middle at
    // half past four (below right); the last quarter's middle is at half past ten (above left).
    const a = pieSliceCentre([3, 1], 0, w, h);
    const b = pieSliceCentre([3, 1], 1, w, h);
    expect(Math.hypot(a.x - w / 2, a.y - h / 2)).toBeCloseTo(ringMid, 6);
    expect(a.x).toBeGreaterThan(w / 2);
    expect(a.y).toBeGreaterThan(h / 2);
    expect(b.x).toBeLessThan(w / 2);
    expect(b.y).toBeLessThan(h / 2);
    // One slice alone: its middle is straight down.
    const only = pieSliceCentre([5], 0, w, h);
    expect(only.x).toBeCloseTo(w / 2, 6);
    expect(only.y).toBeCloseTo(h / 2 + ringMid, 6);
  });
});
