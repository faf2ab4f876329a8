import { useEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { panBy, zoomAt, type ViewBox } from './seat-geometry';

// Mouse, pen and touch on the seat map through pointer events: a tap chooses a seat, one finger or the
// mouse drags the map (in the back office's select mode a mouse drag draws a selection box instead), two
// fingers pinch to zoom and pan together, the wheel zooms around the pointer.

/** Movement below this many pixels is a tap, not a drag: a finger is never perfectly still. */
const TAP_SLOP_PX = 6;

export interface Point {
  x: number;
  y: number;
}

interface Options {
  svgRef: RefObject<SVGSVGElement | null>;
  view: ViewBox;
  setView: (view: ViewBox) => void;
  limits: { minW: number; maxW: number };
  /** The seat a pointer went down on, from the element it hit (null: none). */
  seatOf: (element: Element) => string | null;
  /** Mouse drags draw a box (select mode) rather than panning. */
  boxSelect: boolean;
  onTap: (seatId: string | null, keys: { shift: boolean; toggle: boolean }) => void;
  onBox: (box: { a: Point; b: Point } | null, done: boolean, additive: boolean) => void;
}

interface Gesture {
  kind: 'pending' | 'pan' | 'box' | 'pinch';
  startScreen: Point;
  startView: ViewBox;
  /** Screen → map units as the view was when the gesture started. */
  toMap: (p: Point) => Point;
  seatId: string | null;
  keys: { shift: boolean; toggle: boolean };
  mouse: boolean;
  pinch?: { distance: number; mid: Point };
}

function mapperFor(svg: SVGSVGElement): (p: Point) => Point {
  const ctm = svg.getScreenCTM();
  if (!ctm) return (p) => p;
  const inverse = ctm.inverse();
  return (p) => {
    const q = new DOMPoint(p.x, p.y).matrixTransform(inverse);
    return { x: q.x, y: q.y };
  };
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const midpoint = (a: Point, b: Point) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

export function useMapGestures(options: Options) {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture | null>(null);

  // The wheel listener is added by hand: React's is passive, and zooming must stop the page scrolling.
  useEffect(() => {
    const svg = options.svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { view, setView, limits } = latest.current;
      const at = mapperFor(svg)({ x: e.clientX, y: e.clientY });
      setView(zoomAt(view, Math.exp(-e.deltaY * 0.0015), at.x, at.y, limits));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [options.svgRef]);

  const startPinch = (svg: SVGSVGElement) => {
    const [a, b] = [...pointers.current.values()];
    if (!a || !b) return;
    gesture.current = {
      kind: 'pinch',
      startScreen: midpoint(a, b),
      startView: latest.current.view,
      toMap: mapperFor(svg),
      seatId: null,
      keys: { shift: false, toggle: false },
      mouse: false,
      pinch: { distance: Math.max(1, distance(a, b)), mid: midpoint(a, b) },
    };
  };

  function onPointerDown(e: ReactPointerEvent<SVGSVGElement>) {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const svg = e.currentTarget;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    svg.setPointerCapture?.(e.pointerId);
    if (pointers.current.size === 2) return startPinch(svg);
    if (pointers.current.size > 2) return;
    const target = e.target as Element;
    gesture.current = {
      kind: 'pending',
      startScreen: { x: e.clientX, y: e.clientY },
      startView: latest.current.view,
      toMap: mapperFor(svg),
      seatId: latest.current.seatOf(target),
      keys: { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey },
      mouse: e.pointerType === 'mouse',
    };
  }

  function onPointerMove(e: ReactPointerEvent<SVGSVGElement>) {
    if (!pointers.current.has(e.pointerId)) return;
    const here = { x: e.clientX, y: e.clientY };
    pointers.current.set(e.pointerId, here);
    const g = gesture.current;
    if (!g) return;
    const { setView, limits, boxSelect, onBox } = latest.current;
    if (g.kind === 'pinch' && g.pinch) {
      const [a, b] = [...pointers.current.values()];
      if (!a || !b) return;
      const mid = midpoint(a, b);
      const from = g.toMap(g.pinch.mid);
      const to = g.toMap(mid);
      const zoomed = zoomAt(g.startView, distance(a, b) / g.pinch.distance, from.x, from.y, limits);
      setView(panBy(zoomed, from.x - to.x, from.y - to.y));
      return;
    }
    if (g.kind === 'pending') {
      if (distance(here, g.startScreen) < TAP_SLOP_PX) return;
      g.kind = boxSelect && g.mouse ? 'box' : 'pan';
    }
    const start = g.toMap(g.startScreen);
    const now = g.toMap(here);
    if (g.kind === 'pan') setView(panBy(g.startView, start.x - now.x, start.y - now.y));
    else if (g.kind === 'box') onBox({ a: start, b: now }, false, g.keys.shift || g.keys.toggle);
  }

  function onPointerUp(e: ReactPointerEvent<SVGSVGElement>) {
    if (!pointers.current.delete(e.pointerId)) return;
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'pinch') {
      // Lifting one of two fingers ends the pinch; the other finger does nothing until lifted.
      if (pointers.current.size === 0) gesture.current = null;
      return;
    }
    gesture.current = null;
    if (e.type === 'pointercancel') {
      if (g.kind === 'box') latest.current.onBox(null, true, false);
      return;
    }
    if (g.kind === 'pending') latest.current.onTap(g.seatId, g.keys);
    else if (g.kind === 'box') {
      latest.current.onBox(
        { a: g.toMap(g.startScreen), b: g.toMap({ x: e.clientX, y: e.clientY }) },
        true,
        g.keys.shift || g.keys.toggle,
      );
    }
  }

  return { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp };
}
