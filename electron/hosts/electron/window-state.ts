// Main process. Remembers the window's size and position in userData/window-state.json, kept on a visible display.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;
const DEFAULT_WIDTH = 1366;
const DEFAULT_HEIGHT = 860;

const windowStateSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean(),
}).strict();
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowPlacement {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export type LoadResult = { readonly state: WindowState | null; readonly problem: string | null };

/** A missing file is normal (first start); a broken one is reported and ignored, never fatal. */
export function loadWindowState(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { state: null, problem: null };
    return { state: null, problem: `cannot read ${file}: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { state: null, problem: `${file} is not valid JSON` };
  }
  const parsed = windowStateSchema.safeParse(json);
  if (!parsed.success) return { state: null, problem: `${file} has an unexpected shape: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}` };
  return { state: parsed.data, problem: null };
}

/** Write-then-rename so a crash mid-write leaves the previous state, not half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(windowStateSchema.parse(state))}\n`, 'utf8');
  renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/**
 * Where to open the window: the saved bounds moved and shrunk to fit the display they overlap most,
 * or centred on the primary display when the saved display is gone (unplugged monitor).
 */
export function fitToDisplays(state: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowPlacement {
  if (state === null) {
    return { width: Math.min(DEFAULT_WIDTH, primary.width), height: Math.min(DEFAULT_HEIGHT, primary.height), maximized: false };
  }
  let best: Rect | null = null;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const o = overlap(state, area);
    if (o > bestOverlap) {
      best = area;
      bestOverlap = o;
    }
  }
  const area = best ?? primary;
  const width = clamp(state.width, Math.min(MIN_WIDTH, area.width), area.width);
  const height = clamp(state.height, Math.min(MIN_HEIGHT, area.height), area.height);
  // No x/y: Electron centres the window on the primary display.
  if (best === null) return { width, height, maximized: state.maximized };
  return {
    x: clamp(state.x, best.x, best.x + best.width - width),
    y: clamp(state.y, best.y, best.y + best.height - height),
    width,
    height,
    maximized: state.maximized,
  };
}
