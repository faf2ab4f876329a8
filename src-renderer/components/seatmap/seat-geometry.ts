import type { Seat, SeatMap } from '../../../shared/seating/types';

// The seat map's pure parts: rows in reading order for keyboard navigation, the view box that fits the
// hall and zooms around a point, and which seats a shift-click or a dragged rectangle selects. Kept out
// of the component so they are tested without a browser (test/unit/src-renderer/seat-geometry.test.ts).

export interface ViewBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SeatRow {
  sectionId: string;
  row: string;
  /** The row's seats ordered by x (left to right as the house sees the stage). */
  seats: Seat[];
  /** Mean y: rows are read front (small y) to back. */
  y: number;
}

export interface SeatIndex {
  rows: SeatRow[];
  /** seatId → its row's position in `rows` and its own position in that row. */
  at: Map<string, { row: number; index: number }>;
  byId: Map<string, Seat>;
}

/** Seats grouped by (section, row) as best available groups them (docs/SEATING.md), front rows first. */
export function indexSeats(map: Pick<SeatMap, 'seats' | 'sections'>): SeatIndex {
  const order = new Map(map.sections.map((s, i) => [s.id, i]));
  const groups = new Map<string, SeatRow>();
  for (const seat of map.seats) {
    const key = `${seat.sectionId}\u0000${seat.row}`;
    let group = groups.get(key);
    if (!group) {
      group = { sectionId: seat.sectionId, row: seat.row, seats: [], y: 0 };
      groups.set(key, group);
    }
    group.seats.push(seat);
  }
  const rows = [...groups.values()];
  for (const row of rows) {
    row.seats.sort((a, b) => a.x - b.x || a.label.localeCompare(b.label, undefined, { numeric: true }));
    row.y = row.seats.reduce((sum, s) => sum + s.y, 0) / row.seats.length;
  }
  // Front to back; rows level with each other (two sections side by side) read by section, then left first.
  rows.sort(
    (a, b) =>
      a.y - b.y ||
      (order.get(a.sectionId) ?? 0) - (order.get(b.sectionId) ?? 0) ||
      (a.seats[0]?.x ?? 0) - (b.seats[0]?.x ?? 0),
  );
  const at = new Map<string, { row: number; index: number }>();
  rows.forEach((row, r) => row.seats.forEach((seat, i) => at.set(seat.id, { row: r, index: i })));
  return { rows, at, byId: new Map(map.seats.map((s) => [s.id, s])) };
}

export type Direction = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

/**
 * The seat an arrow key moves to: left and right within the row, up and down to the row in front or
 * behind at the seat nearest by x. At an edge the seat stays where it is (null start: the first seat).
 */
export function neighbour(index: SeatIndex, from: string | null, direction: Direction): string | null {
  const first = index.rows[0]?.seats[0]?.id ?? null;
  const pos = from === null ? undefined : index.at.get(from);
  if (!pos) return first;
  const row = index.rows[pos.row];
  if (!row) return first;
  const here = row.seats[pos.index];
  if (!here) return first;
  switch (direction) {
    case 'left':
      return row.seats[Math.max(0, pos.index - 1)]?.id ?? here.id;
    case 'right':
      return row.seats[Math.min(row.seats.length - 1, pos.index + 1)]?.id ?? here.id;
    case 'home':
      return row.seats[0]?.id ?? here.id;
    case 'end':
      return row.seats[row.seats.length - 1]?.id ?? here.id;
    case 'up':
    case 'down': {
      const next = index.rows[pos.row + (direction === 'up' ? -1 : 1)];
      if (!next) return here.id;
      return nearestByX(next.seats, here.x)?.id ?? here.id;
    }
  }
}

function nearestByX(seats: Seat[], x: number): Seat | undefined {
  let best: Seat | undefined;
  for (const seat of seats) if (!best || Math.abs(seat.x - x) < Math.abs(best.x - x)) best = seat;
  return best;
}

/** The seats of the row between two seats, both included; seats in two different rows: just `to`. */
export function rowRange(index: SeatIndex, from: string, to: string): string[] {
  const a = index.at.get(from);
  const b = index.at.get(to);
  if (!b) return [];
  if (!a || a.row !== b.row) return [to];
  const row = index.rows[a.row];
  if (!row) return [to];
  const [lo, hi] = a.index <= b.index ? [a.index, b.index] : [b.index, a.index];
  return row.seats.slice(lo, hi + 1).map((s) => s.id);
}

/** Seats whose centre lies in the rectangle spanned by two corners (map units, either order). */
export function seatsInRect(
  seats: readonly Seat[],
  a: { x: number; y: number },
  b: { x: number; y: number },
) {
  const [x0, x1] = a.x <= b.x ? [a.x, b.x] : [b.x, a.x];
  const [y0, y1] = a.y <= b.y ? [a.y, b.y] : [b.y, a.y];
  return seats.filter((s) => s.x >= x0 && s.x <= x1 && s.y >= y0 && s.y <= y1).map((s) => s.id);
}

/** Seat centre spacing a map is drawn at when it does not say: the radius of a seat is a share of it. */
export function seatPitch(seats: readonly Seat[]): number {
  // The smallest gap between neighbours in a row, from a sample so a big hall costs nothing here.
  const sample = seats.slice(0, 400);
  let pitch = Infinity;
  const byRow = new Map<string, number[]>();
  for (const s of sample) {
    const key = `${s.sectionId}\u0000${s.row}`;
    const xs = byRow.get(key) ?? [];
    xs.push(s.x);
    byRow.set(key, xs);
  }
  for (const xs of byRow.values()) {
    xs.sort((p, q) => p - q);
    for (let i = 1; i < xs.length; i++) {
      const gap = (xs[i] ?? 0) - (xs[i - 1] ?? 0);
      if (gap > 0 && gap < pitch) pitch = gap;
    }
  }
  return Number.isFinite(pitch) ? pitch : 10;
}

/**
 * The view box showing every seat with a margin of one and a half pitches (room for the section names
 * above the front rows); a map with no seats shows a square.
 */
export function fitViewBox(seats: readonly Seat[], pitch = seatPitch(seats)): ViewBox {
  if (seats.length === 0) return { x: 0, y: 0, w: 100, h: 100 };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const s of seats) {
    if (s.x < x0) x0 = s.x;
    if (s.x > x1) x1 = s.x;
    if (s.y < y0) y0 = s.y;
    if (s.y > y1) y1 = s.y;
  }
  const m = pitch * 1.5;
  return { x: x0 - m, y: y0 - m, w: x1 - x0 + 2 * m, h: y1 - y0 + 2 * m };
}

/**
 * How many screen pixels one seat pitch takes in a view drawn into a box of `size` (the SVG scales the
 * view box to fit it whole, keeping its proportions); 0 while the box has no size yet.
 */
export function pitchOnScreen(view: ViewBox, size: { w: number; h: number }, pitch: number): number {
  if (size.w <= 0 || size.h <= 0 || view.w <= 0 || view.h <= 0) return 0;
  return pitch * Math.min(size.w / view.w, size.h / view.h);
}

/** How far a view may zoom: from the whole hall (times two) down to about four seats across. */
export function zoomLimits(fit: ViewBox, pitch: number): { minW: number; maxW: number } {
  return { minW: Math.min(fit.w, pitch * 4), maxW: fit.w * 2 };
}

/**
 * Zooms by `factor` (> 1 zooms in) keeping the map point (cx, cy) where it is on screen, within limits.
 */
export function zoomAt(
  view: ViewBox,
  factor: number,
  cx: number,
  cy: number,
  limits: { minW: number; maxW: number },
): ViewBox {
  const w = Math.min(limits.maxW, Math.max(limits.minW, view.w / factor));
  const scale = w / view.w;
  return { x: cx - (cx - view.x) * scale, y: cy - (cy - view.y) * scale, w, h: view.h * scale };
}

/** Moves the view by (dx, dy) map units. */
export function panBy(view: ViewBox, dx: number, dy: number): ViewBox {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** The view moved just enough that a point (a seat the keyboard went to) is inside it with a margin. */
export function keepInView(view: ViewBox, px: number, py: number, margin: number): ViewBox {
  let { x, y } = view;
  if (px - margin < x) x = px - margin;
  else if (px + margin > x + view.w) x = px + margin - view.w;
  if (py - margin < y) y = py - margin;
  else if (py + margin > y + view.h) y = py + margin - view.h;
  return x === view.x && y === view.y ? view : { ...view, x, y };
}
