import { useEffect, useState, type RefObject } from 'react';

/** An element's drawn size in CSS pixels, kept up to date as it resizes; 0 × 0 until it is laid out. */
export function useElementSize(ref: RefObject<Element | null>): { w: number; h: number } {
  const [size, setSize] = useState({ w: 0, h: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (box)
        setSize((old) =>
          old.w === box.width && old.h === box.height ? old : { w: box.width, h: box.height },
        );
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
