// Main process. Every web contents stays on app://: navigation away, new windows and <webview> are refused.
import type { WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { isSafeExternalUrl } from './open-external';

type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Called with http(s) URLs the page tried to open; the caller hands them to the system browser. */
export type ExternalOpener = (url: string) => void;

export function hardenWebContents(contents: HardenedContents, openExternalUrl: ExternalOpener): void {
  contents.on('will-navigate', function refuseForeignNavigation(event, url) {
    if (isAppUrl(url)) return;
    event.preventDefault();
    // A plain <a href="https://…"> is a navigation: show it in the system browser instead.
    if (isSafeExternalUrl(url)) openExternalUrl(url);
  });
  contents.on('will-frame-navigate', function refuseForeignFrameNavigation(event) {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', function refuseForeignRedirect(event, url) {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', function refuseWebview(event) {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(function refuseNewWindow({ url }) {
    if (isSafeExternalUrl(url)) openExternalUrl(url);
    return { action: 'deny' };
  });
}
