// Unit: the remembered column choice — validated on read, pinned columns first and never hidden, widths floored.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, layoutColumns, parsePrefs } from '../../../renderer/features/reconcile/column-prefs';

const cols = [
  { key: 'status', width: 150, minWidth: 150, pinned: true },
  { key: 'order', width: 150, minWidth: 90 },
  { key: 'no', width: 120, minWidth: 90, pinned: true },
  { key: 'buyer', width: 170, minWidth: 60 },
];

describe('parsePrefs', () => {
  it('falls back to the defaults for missing, non-JSON or out-of-range storage', () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(JSON.stringify({ widths: { order: 5 }, hidden: [] }))).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(JSON.stringify({ widths: { order: 1e9 }, hidden: [] }))).toEqual(DEFAULT_PREFS);
    expect(parsePrefs(JSON.stringify({ widths: {}, hidden: 'buyer' }))).toEqual(DEFAULT_PREFS);
  });
  it('keeps a valid choice', () => {
    const prefs = { widths: { order: 200 }, hidden: ['buyer'] };
    expect(parsePrefs(JSON.stringify(prefs))).toEqual(prefs);
  });
});

describe('layoutColumns', () => {
  it('puts pinned columns first with their sticky offsets after the selection column', () => {
    const laid = layoutColumns(cols, DEFAULT_PREFS, 48);
    expect(laid.map((c) => [c.column.key, c.width, c.left])).toEqual([
      ['status', 150, 48], ['no', 120, 198], ['order', 150, null], ['buyer', 170, null],
    ]);
  });
  it('hides chosen columns but never a pinned one, and never goes below a column minimum', () => {
    const laid = layoutColumns(cols, { widths: { status: 60, order: 240 }, hidden: ['buyer', 'status'] }, 48);
    expect(laid.map((c) => [c.column.key, c.width])).toEqual([['status', 150], ['no', 120], ['order', 240]]);
  });
});
