// Shared (pure). One time zone for everything a clerk reads: Beijing time (Asia/Shanghai, UTC+8, the platforms'
// own). China has no daylight saving since 1991, so a fixed offset is exact; stored timestamps stay UTC ISO.
import { z } from 'zod';

export const BEIJING_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600 * 1000;

/** `YYYY-MM-DD HH:mm:ss` in Beijing time; text that is not a timestamp is returned unchanged. */
export function formatBeijing(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = new Date(ms + OFFSET_MS).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

/** The UTC instant (ISO) at which a Beijing calendar day begins. */
export function beijingDayStartUtc(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS).toISOString();
}

/** The UTC instant at which the Beijing day after `day` begins (the exclusive end of `day`). */
export function beijingDayEndUtc(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS + 24 * 3600 * 1000).toISOString();
}

/** A calendar day that exists (2026-02-30 does not), as YYYY-MM-DD. */
export const calendarDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / The date must be YYYY-MM-DD')
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00.000Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
  }, '日期不存在 / No such date');
