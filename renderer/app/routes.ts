// Renderer. Hash routing over the pages (概览 first, the default): works the same from app:// and http://127.0.0.1 without a server fallback.
import { useCallback, useSyncExternalStore } from 'react';

/** In menu order; Alt+1… follow it, and the screenshots test walks it (test/e2e/screenshots.test.ts). */
export const PAGES = ['overview', 'reconcile', 'import', 'history', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (PAGES as readonly string[]).includes(name ?? '') ? (name as Page) : 'overview';
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
