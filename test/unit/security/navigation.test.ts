// Node (Vitest). Navigation, new-window, webview and permission handlers, and the one openExternal helper.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { hardenWebContents } from '../../../electron/security/navigation';
import { isSafeExternalUrl, openExternal } from '../../../electron/security/open-external';
import { denyAllPermissions } from '../../../electron/security/permissions';

describe('openExternal', () => {
  const accepted = [
    'https://example.com/',
    'http://example.com/path?q=1#x',
    'https://fp.suning.com/invoice/1.pdf',
    'HTTPS://EXAMPLE.COM/a',
    'https://例子.中国/发票',
  ];
  const refused = [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
    'mailto:a@b.c',
    'ftp://example.com/',
    'app://invoice-recon/index.html',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'https:///nohost',
    'http:example.com',
    ' https://example.com/',
    'https://example.com/\nhttps://evil.com',
    'https://exa\tmple.com/',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
  ];
  it.each(accepted)('accepts %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));
  it.each(refused)('refuses %j', (url) => expect(isSafeExternalUrl(url)).toBe(false));

  it('hands only vetted URLs to the shell', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    expect(await openExternal(shell, 'javascript:alert(1)')).toBe(false);
    expect(await openExternal(shell, 'file:///etc/passwd')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(await openExternal(shell, 'https://example.com/a b'.replace(' ', '%20'))).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/a%20b');
  });
});

type Listener = (...args: unknown[]) => void;
type OpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | null = null;
  const contents = {
    on: (event: string, listener: Listener) => emitter.on(event, listener),
    setWindowOpenHandler: (handler: OpenHandler) => {
      openHandler = handler;
    },
  };
  const fire = (event: string, ...args: unknown[]) => {
    const e = { preventDefault: vi.fn(), url: typeof args[0] === 'string' ? args[0] : '' };
    emitter.emit(event, e, ...args);
    return e.preventDefault;
  };
  const open = (url: string) => {
    if (openHandler === null) throw new Error('no window open handler');
    return openHandler({ url } as Parameters<OpenHandler>[0]);
  };
  return { contents: contents as unknown as WebContents, fire, open };
}

describe('hardenWebContents', () => {
  it('keeps app:// navigation and refuses everything else, sending only http(s) to the browser', () => {
    const opened: string[] = [];
    const { contents, fire } = fakeContents();
    hardenWebContents(contents, (url) => opened.push(url));
    expect(fire('will-navigate', 'app://invoice-recon/index.html')).not.toHaveBeenCalled();
    expect(fire('will-navigate', 'https://example.com/')).toHaveBeenCalled();
    expect(fire('will-navigate', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(fire('will-navigate', 'javascript:alert(1)')).toHaveBeenCalled();
    expect(fire('will-navigate', 'app://other/index.html')).toHaveBeenCalled();
    expect(opened).toEqual(['https://example.com/']);
  });

  it('refuses foreign frame navigation and redirects', () => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents, () => undefined);
    expect(fire('will-frame-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(fire('will-frame-navigate', 'app://invoice-recon/x')).not.toHaveBeenCalled();
    expect(fire('will-redirect', 'https://evil.example/')).toHaveBeenCalled();
    expect(fire('will-redirect', 'app://invoice-recon/index.html')).not.toHaveBeenCalled();
  });

  it('prevents every <webview> from attaching', () => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents, () => undefined);
    expect(fire('will-attach-webview', {}, { src: 'app://invoice-recon/' })).toHaveBeenCalled();
  });

  it('denies every new window; http(s) targets open in the system browser instead', () => {
    const opened: string[] = [];
    const { contents, open } = fakeContents();
    hardenWebContents(contents, (url) => opened.push(url));
    for (const url of ['https://example.com/x', 'app://invoice-recon/index.html', 'javascript:alert(1)', 'about:blank', 'file:///c:/x']) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.com/x']);
  });
});

describe('denyAllPermissions', () => {
  it('denies every request, check and device permission', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    denyAllPermissions(session);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, cb: (granted: boolean) => void) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(check({}, permission, 'app://invoice-recon', {})).toBe(false);
    }
    expect(device({ deviceType: 'usb', origin: 'app://invoice-recon' })).toBe(false);
  });
});
