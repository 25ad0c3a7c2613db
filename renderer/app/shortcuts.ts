// Renderer. Global keyboard shortcuts: pages, search focus, help; page-level ones subscribe through useShortcut.
import { useEffect, useRef } from 'react';
import { PAGES, navigate } from './routes';

export const FOCUS_SEARCH_EVENT = 'invoice-recon:focus-search';
/** From the search box, ↓ moves into the table so a search leads straight to the rows. */
export const FOCUS_TABLE_EVENT = 'invoice-recon:focus-table';

/** True while typing in a field, where single-key shortcuts must not fire. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

export interface KeyCombo {
  readonly key: string;
  readonly alt?: boolean;
  readonly mod?: boolean;
  readonly shift?: boolean;
}

export function matches(e: KeyboardEvent, c: KeyCombo): boolean {
  const mod = e.ctrlKey || e.metaKey;
  // Alt+letter: e.key may be a special character on macOS (Option layer), so compare the physical code too.
  const key = e.key.toLowerCase();
  const codeKey = e.code.startsWith('Key') ? e.code.slice(3).toLowerCase() : e.code.startsWith('Digit') ? e.code.slice(5) : key;
  return (key === c.key.toLowerCase() || codeKey === c.key.toLowerCase())
    && Boolean(c.alt) === e.altKey && Boolean(c.mod) === mod && (c.shift === undefined || c.shift === e.shiftKey);
}

/** Subscribes a handler for one combo while the component is mounted. */
export function useShortcut(combo: KeyCombo, handler: (e: KeyboardEvent) => void, enabled = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (matches(e, combo)) {
        e.preventDefault();
        ref.current(e);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [combo.key, combo.alt, combo.mod, combo.shift, enabled]);
}

export function useGlobalShortcuts(openHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code)) {
        e.preventDefault();
        const page = PAGES[Number(e.code.slice(5)) - 1];
        if (page) navigate(page);
        return;
      }
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        navigate('reconcile');
        // After navigation the search box may mount on the next frame.
        requestAnimationFrame(() => window.dispatchEvent(new Event(FOCUS_SEARCH_EVENT)));
        return;
      }
      if (e.key === 'F1' || (e.key === '?' && !isTypingTarget(e.target))) {
        e.preventDefault();
        openHelp();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openHelp]);
}
