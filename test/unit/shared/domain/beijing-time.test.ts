// Unit: Beijing time for everything a clerk reads, whatever zone the PC is in.
import { describe, expect, it } from 'vitest';
import { beijingDayEndUtc, beijingDayStartUtc, calendarDaySchema, formatBeijing } from '../../../../shared/domain/beijing-time';
import { formatTime } from '../../../../renderer/components/time';

describe('Beijing time', () => {
  it('formats a UTC instant as Beijing wall time (07:09Z is 15:09 in Beijing, the next day near midnight)', () => {
    expect(formatBeijing('2026-11-23T07:09:05.000Z')).toBe('2026-11-23 15:09:05');
    expect(formatBeijing('2026-11-23T16:30:00.000Z')).toBe('2026-11-24 00:30:00');
    expect(formatTime('2026-11-23T07:09:05.000Z')).toBe('2026-11-23 15:09:05');
    expect(formatBeijing('not a time')).toBe('not a time');
  });
  it('bounds a Beijing calendar day in UTC', () => {
    expect(beijingDayStartUtc('2026-11-24')).toBe('2026-11-23T16:00:00.000Z');
    expect(beijingDayEndUtc('2026-11-24')).toBe('2026-11-24T16:00:00.000Z');
  });
  it('accepts only calendar days that exist', () => {
    expect(calendarDaySchema.safeParse('2026-02-28').success).toBe(true);
    expect(calendarDaySchema.safeParse('2028-02-29').success).toBe(true);
    expect(calendarDaySchema.safeParse('2026-02-29').success).toBe(false);
    expect(calendarDaySchema.safeParse('2026-13-01').success).toBe(false);
    expect(calendarDaySchema.safeParse('2026-1-01').success).toBe(false);
  });
});
