// Renderer. The browser host's per-launch token: read from the URL once, kept in sessionStorage, removed from the address bar.
const KEY = 'invoice-recon.token';

/**
 * Takes `?token=` out of the address bar (so it is not bookmarked, shared or left in history) and keeps it
 * for this tab only. Returns the token, or null when there is none.
 */
export function captureToken(loc: Location = window.location, hist: History = window.history, store: Storage = window.sessionStorage): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    store.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    hist.replaceState(hist.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return store.getItem(KEY);
}
