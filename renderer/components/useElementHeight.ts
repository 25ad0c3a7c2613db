// Renderer. Tracks an element's height so the virtual table can fill whatever space the window leaves it.
import { useEffect, useState, type RefObject } from 'react';

export function useElementHeight(ref: RefObject<HTMLElement | null>, fallback = 400): number {
  const [height, setHeight] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const ro = new ResizeObserver((entries) => {
      const h = entries[0]?.contentRect.height;
      if (h !== undefined && h > 0) setHeight(Math.floor(h));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return height;
}
