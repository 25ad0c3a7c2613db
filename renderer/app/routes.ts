// Renderer. Hash routing over the four pages: works the same from app:// and http://127.0.0.1 without a server fallback.
import { useCallback, useSyncExternalStore } from 'react';

export const PAGES = ['reconcile', 'import', 'history', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (PAGES as readonly string[]).includes(name ?? '') ? (name as Page) : 'reconcile';
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function navigate(page: Page): void {
  if (pageFromHash(window.location.hash) !== page) window.location.hash = `#/${page}`;
}

export function usePage(): [Page, (p: Page) => void] {
  const page = useSyncExternalStore(subscribe, () => pageFromHash(window.location.hash));
  const go = useCallback((p: Page) => navigate(p), []);
  return [page, go];
}
