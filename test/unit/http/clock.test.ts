import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkewClock } from '../../../electron/http/clock';
import { formatSuningTime } from '../../../electron/platforms/suning/sign';

describe('SkewClock', () => {
  it('learns serverTime − localTime from a Date header, to within its one-second resolution', () => {
    let local = Date.UTC(2026, 10, 23, 9, 0, 0, 250);
    const clock = new SkewClock({ localNow: () => local });
    expect(clock.now()).toBe(local);
    const server = new Date(local + 7 * 60_000).toUTCString();
    expect(clock.observe(server, local - 100, local + 100)).toBe(true);
    expect(Math.abs(clock.offsetMs - 7 * 60_000)).toBeLessThanOrEqual(1000);
    local += 5_000;
    expect(Math.abs(clock.now() - (local + 7 * 60_000))).toBeLessThanOrEqual(1000);
  });

  it('learns a negative offset too, and replaces the previous one', () => {
    const local = Date.UTC(2026, 10, 23, 9, 0, 0);
    const clock = new SkewClock({ localNow: () => local, initialOffsetMs: 123_000 });
    clock.observe(new Date(local - 7 * 60_000).toUTCString(), local, local);
    expect(Math.abs(clock.offsetMs + 7 * 60_000)).toBeLessThanOrEqual(1000);
    expect(clock.hasObservation).toBe(true);
  });

  it('ignores a missing or garbage header', () => {
    const clock = new SkewClock({ localNow: () => 0, initialOffsetMs: 42 });
    expect(clock.observe(undefined, 0, 0)).toBe(false);
    expect(clock.observe('yesterday-ish', 0, 0)).toBe(false);
    expect(clock.offsetMs).toBe(42);
    expect(clock.hasObservation).toBe(false);
  });
});

describe('AppRequestTime does not depend on the machine zone', () => {
  const instant = Date.UTC(2026, 10, 23, 17, 30, 5); // 01:30:05 next day in Beijing, 12:30:05 in New York

  it('formats Beijing time here', () => {
    expect(formatSuningTime(instant)).toBe('2026-11-24 01:30:05');
  });

  it.each([
    ['America/New_York', 12, 300],
    ['UTC', 17, 0],
    ['Pacific/Kiritimati', 7, -840],
  ])('formats the same text in a process with TZ=%s', (tz, localHour, offset) => {
    const script = path.join(import.meta.dirname, 'fixtures', 'print-suning-time.ts');
    const root = path.resolve(import.meta.dirname, '../../..');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), script, String(instant)], {
      cwd: root,
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { text: string; localHour: number; offset: number };
    // The child really ran in that zone: its own local clock reads differently from Beijing's…
    expect(out.localHour).toBe(localHour);
    expect(out.offset).toBe(offset);
    // …yet the request time it would send is Beijing time.
    expect(out.text).toBe('2026-11-24 01:30:05');
  });
});
