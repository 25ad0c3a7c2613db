// Unit: the browser host's pure request guards.
import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, route, tokenMatches } from '../../../../electron/hosts/browser/guards';

describe('browser host guards', () => {
  it('accepts only loopback Host headers naming our port (DNS rebinding guard)', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4000', 4000)).toBe(true);
    expect(isAllowedHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isAllowedHost('evil.example:4000', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 4000)).toBe(false);
    expect(isAllowedHost(undefined, 4000)).toBe(false);
  });

  it('accepts no Origin or our own, refuses others', () => {
    expect(isAllowedOrigin(undefined, 4000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('null', 4000)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:4000', 4000)).toBe(false);
    expect(isAllowedOrigin('http://evil.example', 4000)).toBe(false);
  });

  it('compares tokens exactly, including different lengths and empties', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('abcd', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches(null, 'abc')).toBe(false);
  });

  it('routes channels, unknown channels, events and static paths', () => {
    expect(route('/api/invoke/invoices%3Alist')).toEqual({ kind: 'invoke', channel: 'invoices:list' });
    expect(route('/api/invoke/app:info')).toEqual({ kind: 'invoke', channel: 'app:info' });
    expect(route('/api/invoke/fs:read')).toEqual({ kind: 'unknown_channel', name: 'fs:read' });
    expect(route('/api/invoke/__proto__')).toEqual({ kind: 'unknown_channel', name: '__proto__' });
    expect(route('/api/invoke/%zz')).toMatchObject({ kind: 'unknown_channel' });
    expect(route('/api/events')).toEqual({ kind: 'events' });
    expect(route('/api/other')).toEqual({ kind: 'api_not_found' });
    expect(route('/assets/index.js')).toEqual({ kind: 'static', path: '/assets/index.js' });
  });
  it('routes only well-formed one-time download ids', () => {
    expect(route('/api/download/abcdefghijklmnopqrstuvwxyz012345')).toEqual({ kind: 'download', id: 'abcdefghijklmnopqrstuvwxyz012345' });
    expect(route('/api/download/short')).toEqual({ kind: 'api_not_found' });
    expect(route('/api/download/../../etc/passwd')).toEqual({ kind: 'api_not_found' });
    expect(route('/api/download/abcdefghijklmnopqrstuvwxyz012345/x')).toEqual({ kind: 'api_not_found' });
  });
});
