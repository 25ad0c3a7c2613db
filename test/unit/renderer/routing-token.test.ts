// Unit: hash routes, the token leaving the address bar, and base64 file helpers.
import { describe, expect, it } from 'vitest';
import { PAGES, pageFromHash } from '../../../renderer/app/routes';
import { captureToken } from '../../../renderer/api/token';
import { base64ToBytes, bytesToBase64 } from '../../../renderer/components/download';
import { externalHref, isSafeExternalUrl } from '../../../renderer/components/ExternalLink';

class MemoryStorage {
  private readonly m = new Map<string, string>();
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, v); }
}

describe('routes', () => {
  it('maps hashes to pages and defaults to the overview (the first page)', () => {
    expect(pageFromHash('#/import')).toBe('import');
    expect(pageFromHash('#/settings?x=1')).toBe('settings');
    expect(pageFromHash('#/reconcile')).toBe('reconcile');
    expect(pageFromHash('')).toBe('overview');
    expect(pageFromHash('#/nope')).toBe('overview');
    expect(PAGES[0]).toBe('overview');
  });
});

describe('captureToken', () => {
  it('moves ?token= into session storage and strips it from the URL, keeping the rest', () => {
    const store = new MemoryStorage();
    const replaced: string[] = [];
    const hist = { state: null, replaceState: (_s: unknown, _t: string, url: string) => { replaced.push(url); } };
    const loc = { href: 'http://127.0.0.1:5000/?token=abc&lang=en#/history' };
    expect(captureToken(loc as Location, hist as unknown as History, store as unknown as Storage)).toBe('abc');
    expect(replaced).toEqual(['/?lang=en#/history']);
    // A reload (token gone from the URL) still finds it for this tab.
    expect(captureToken({ href: 'http://127.0.0.1:5000/#/history' } as Location, hist as unknown as History, store as unknown as Storage)).toBe('abc');
    expect(replaced).toHaveLength(1);
  });

  it('returns null when there is no token anywhere', () => {
    const hist = { state: null, replaceState: () => undefined };
    expect(captureToken({ href: 'http://127.0.0.1:5000/' } as Location, hist as unknown as History, new MemoryStorage() as unknown as Storage)).toBeNull();
  });
});

describe('file helpers', () => {
  it('round-trips bytes through base64, including large buffers', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
    expect(Array.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Array.from(bytes));
    expect(bytesToBase64(new TextEncoder().encode('\uFEFF发票'))).toBe(Buffer.from('\uFEFF发票').toString('base64'));
  });

  it('opens only http(s) links externally', () => {
    expect(isSafeExternalUrl('https://fp.example.cn/a.pdf')).toBe(true);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it('shows a stored scheme-less www.suning.com as the https link it means, and no other scheme as a link', () => {
    expect(externalHref('www.suning.com')).toBe('https://www.suning.com');
    expect(externalHref('https://fp.example.cn/a.pdf')).toBe('https://fp.example.cn/a.pdf');
    expect(externalHref('javascript:alert(1)')).toBeNull();
    expect(externalHref('https://user:pw@fp.example.cn/')).toBeNull();
    expect(externalHref('')).toBeNull();
  });
});

describe('formatTime', () => {
  it('shows ISO UTC instants in Beijing time, whatever the PC zone, and leaves unparseable text alone', async () => {
    const { formatTime } = await import('../../../renderer/components/time');
    // Issue 14: one time zone everywhere (the exports were Beijing, the screen the PC's zone).
    expect(formatTime('2026-11-23T09:29:49.000Z')).toBe('2026-11-23 17:29:49');
    expect(formatTime('soon')).toBe('soon');
  });
});
