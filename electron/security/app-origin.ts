// Main process. The one origin the app's own pages are served from; everything else is foreign.

export const APP_SCHEME = 'app';
export const APP_HOST = 'invoice-recon';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs on our app:// origin (Chromium lower-cases hosts of standard schemes; we compare the same way). */
export function isAppUrl(url: string): boolean {
  return url.toLowerCase().startsWith(`${APP_ORIGIN}/`);
}
