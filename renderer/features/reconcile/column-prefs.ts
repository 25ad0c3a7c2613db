// Renderer. The clerk's column choices for the reconcile table (widths, hidden columns), remembered in
// localStorage. What is stored is validated on read: a damaged or old entry falls back to the defaults instead
// of breaking the page. Pinned columns (status, 发票编号) are always shown and always first.
import { useSyncExternalStore } from 'react';
import { z } from 'zod';

export const COLUMN_PREFS_KEY = 'invoice-recon.reconcile-columns';
export const MIN_COLUMN_WIDTH = 60;
export const MAX_COLUMN_WIDTH = 800;

const prefsSchema = z.object({
  widths: z.record(z.string().max(40), z.number().int().min(MIN_COLUMN_WIDTH).max(MAX_COLUMN_WIDTH)),
  hidden: z.array(z.string().max(40)).max(40),
});
export type ColumnPrefs = z.infer<typeof prefsSchema>;
export const DEFAULT_PREFS: ColumnPrefs = { widths: {}, hidden: [] };

export function parsePrefs(raw: string | null): ColumnPrefs {
  if (raw === null) return DEFAULT_PREFS;
  try {
    const parsed = prefsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_PREFS;
  } catch {
    // Not JSON (hand-edited or truncated storage): start from the defaults.
    return DEFAULT_PREFS;
  }
}

export interface LayoutInput {
  readonly key: string;
  readonly width: number;
  /** The narrowest the column may become: its tags and labels must never be cut off. */
  readonly minWidth: number;
  readonly pinned?: boolean;
}

export interface LaidOut<C extends LayoutInput> {
  readonly column: C;
  readonly width: number;
  /** Left offset of a pinned column (after the selection column), null when it scrolls with the rest. */
  readonly left: number | null;
}

/** Visible columns in order (pinned first), each with its effective width and, when pinned, its sticky offset. */
export function layoutColumns<C extends LayoutInput>(columns: readonly C[], prefs: ColumnPrefs, selectWidth: number): LaidOut<C>[] {
  const hidden = new Set(prefs.hidden);
  const ordered = [...columns.filter((c) => c.pinned === true), ...columns.filter((c) => c.pinned !== true && !hidden.has(c.key))];
  let left = selectWidth;
  return ordered.map((column) => {
    const width = Math.max(column.minWidth, prefs.widths[column.key] ?? column.width);
    const out = { column, width, left: column.pinned === true ? left : null };
    if (column.pinned === true) left += width;
    return out;
  });
}

function readStored(): ColumnPrefs {
  try {
    return parsePrefs(window.localStorage.getItem(COLUMN_PREFS_KEY));
  } catch {
    // Storage disabled (privacy mode): the defaults, not remembered.
    return DEFAULT_PREFS;
  }
}

// One store for the page: the table and the column chooser (in the footer) read the same choice.
let current: ColumnPrefs | null = null;
const listeners = new Set<() => void>();

function snapshot(): ColumnPrefs {
  current ??= readStored();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function saveColumnPrefs(next: ColumnPrefs): void {
  current = next;
  try {
    window.localStorage.setItem(COLUMN_PREFS_KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the choice holds for this session only.
  }
  for (const l of listeners) l();
}

export function useColumnPrefs(): readonly [ColumnPrefs, (next: ColumnPrefs) => void] {
  return [useSyncExternalStore(subscribe, snapshot), saveColumnPrefs] as const;
}
