import type { Seat, SeatMap } from './types';

// Best available (docs/SEATING.md "Online: a seat in a cart", "Offline: seat leases"): the seats a
// window offers for "N best". Pure, and called on every pick and every lease grant, so the map's rows
// are worked out once per map version and kept on the map object; a search is then one pass over the
// seats.

export interface BestAvailableOptions {
  /** Only seats of this band (compared without regard to case). */
  band?: string | null | undefined;
  /** Only seats of this section. */
  sectionId?: string | null | undefined;
}

export interface BestAvailableResult {
  /** n adjacent available seats in one row of one section, best first; null when no row has them. */
  together: string[] | null;
  /** When together is null: the fewest groups that make n, each as good as possible; null when fewer than n are available. */
  split: string[][] | null;
}

interface Row {
  sectionId: string;
  /** The row's seats ordered by x: adjacent means consecutive here. */
  seats: Seat[];
  /** Each seat's band as its index in the map's bands (unknown bands rank last). */
  bands: number[];
  /** The section's centre line. */
  centre: number;
  /** The row's depth: smaller is nearer the stage. */
  y: number;
}

interface Prepared {
  id: string;
  version: number;
  rows: Row[];
  /** Every seat, best first by band, then nearness to its section's centre line, then the front. */
  ranked: Seat[];
}

const prepared = new WeakMap<SeatMap, Prepared>();

function prepare(map: SeatMap): Prepared {
  const cached = prepared.get(map);
  if (cached?.id === map.id && cached.version === map.version) return cached;
  const bandIndex = new Map(map.bands.map((b, i) => [b.toLowerCase(), i]));
  const rank = (band: string) => bandIndex.get(band.toLowerCase()) ?? map.bands.length;
  const bySection = new Map<string, { min: number; max: number }>();
  const byRow = new Map<string, Seat[]>();
  for (const seat of map.seats) {
    const extent = bySection.get(seat.sectionId);
    if (extent) {
      extent.min = Math.min(extent.min, seat.x);
      extent.max = Math.max(extent.max, seat.x);
    } else bySection.set(seat.sectionId, { min: seat.x, max: seat.x });
    const key = `${seat.sectionId}\u0000${seat.row}`;
    const row = byRow.get(key);
    if (row) row.push(seat);
    else byRow.set(key, [seat]);
  }
  const centreOf = (sectionId: string) => {
    const extent = bySection.get(sectionId);
    return extent ? (extent.min + extent.max) / 2 : 0;
  };
  const rows: Row[] = [...byRow.values()].map((seats) => {
    seats.sort((a, b) => a.x - b.x || a.label.localeCompare(b.label));
    const first = seats[0] as Seat;
    return {
      sectionId: first.sectionId,
      seats,
      bands: seats.map((s) => rank(s.band)),
      centre: centreOf(first.sectionId),
      y: seats.reduce((sum, s) => sum + s.y, 0) / seats.length,
    };
  });
  const bandOf = new Map(map.seats.map((s) => [s.id, rank(s.band)]));
  const ranked = [...map.seats].sort(
    (a, b) =>
      (bandOf.get(a.id) ?? 0) - (bandOf.get(b.id) ?? 0) ||
      Math.abs(a.x - centreOf(a.sectionId)) - Math.abs(b.x - centreOf(b.sectionId)) ||
      a.y - b.y ||
      a.id.localeCompare(b.id),
  );
  const made = { id: map.id, version: map.version, rows, ranked };
  prepared.set(map, made);
  return made;
}

/** A run of consecutive available seats in one row: seats [start, start + length). */
interface Run {
  row: Row;
  start: number;
  length: number;
}

/** How good a block is: worse band first, then distance from the centre line, then depth. */
type Score = [band: number, offCentre: number, depth: number];

function better(a: Score, b: Score): boolean {
  return a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
}

/** The best block of `size` seats inside one run, with its score. */
function bestBlock(run: Run, size: number): { start: number; score: Score } {
  const { row } = run;
  let best: { start: number; score: Score } | undefined;
  for (let start = run.start; start + size <= run.start + run.length; start++) {
    let band = 0;
    for (let i = start; i < start + size; i++) band = Math.max(band, row.bands[i] as number);
    const centre = ((row.seats[start] as Seat).x + (row.seats[start + size - 1] as Seat).x) / 2;
    const score: Score = [band, Math.abs(centre - row.centre), row.y];
    if (!best || better(score, best.score)) best = { start, score };
  }
  return best as { start: number; score: Score };
}

function filterOf(opts: BestAvailableOptions | undefined): (seat: Seat) => boolean {
  const band = opts?.band?.toLowerCase();
  const sectionId = opts?.sectionId;
  if (!band && !sectionId) return () => true;
  return (seat) =>
    (!sectionId || seat.sectionId === sectionId) && (!band || seat.band.toLowerCase() === band);
}

function runsOf(
  rows: readonly Row[],
  available: (seatId: string) => boolean,
  wanted: (seat: Seat) => boolean,
): { runs: Run[]; count: number } {
  const runs: Run[] = [];
  let count = 0;
  for (const row of rows) {
    let start = -1;
    for (let i = 0; i <= row.seats.length; i++) {
      const seat = row.seats[i];
      const open = seat !== undefined && wanted(seat) && available(seat.id);
      if (open) {
        count++;
        if (start < 0) start = i;
      } else if (start >= 0) {
        runs.push({ row, start, length: i - start });
        start = -1;
      }
    }
  }
  return { runs, count };
}

/** The best block of `size` among runs long enough for it. */
function pickBlock(runs: readonly Run[], size: number): { run: Run; start: number } | undefined {
  let best: { run: Run; start: number; score: Score } | undefined;
  for (const run of runs) {
    if (run.length < size) continue;
    const block = bestBlock(run, size);
    if (!best || better(block.score, best.score)) best = { run, ...block };
  }
  return best;
}

const idsOf = (row: Row, start: number, size: number) =>
  row.seats.slice(start, start + size).map((s) => s.id);

/**
 * N best available seats: together in one row when any row has them (best band first, then the block
 * nearest its section's centre line, then the front), else the fewest groups that make N (the largest
 * runs first, each block as good as possible). `available` says which seats may be offered.
 */
export function bestAvailable(
  map: SeatMap,
  available: (seatId: string) => boolean,
  n: number,
  opts?: BestAvailableOptions,
): BestAvailableResult {
  if (!Number.isInteger(n) || n < 1) return { together: null, split: null };
  const { rows } = prepare(map);
  const { runs, count } = runsOf(rows, available, filterOf(opts));
  const together = pickBlock(runs, n);
  if (together) return { together: idsOf(together.run.row, together.start, n), split: null };
  if (count < n) return { together: null, split: null };
  // No run holds n: the largest runs first give the fewest groups; the last group is the best block of
  // what is still needed.
  const split: string[][] = [];
  const open = [...runs];
  let left = n;
  while (left > 0) {
    const longest = Math.max(...open.map((r) => r.length));
    const size = Math.min(left, longest);
    const block = pickBlock(open, size) as { run: Run; start: number };
    split.push(idsOf(block.run.row, block.start, size));
    const { run, start } = block;
    open.splice(open.indexOf(run), 1);
    if (start > run.start) open.push({ row: run.row, start: run.start, length: start - run.start });
    const end = run.start + run.length;
    if (start + size < end) open.push({ row: run.row, start: start + size, length: end - start - size });
    left -= size;
  }
  return { together: null, split };
}

/**
 * The n best available seats one by one, adjacent or not (band, then nearness to the centre line, then
 * the front): what a seat lease takes when no row holds the whole plan. Fewer when fewer are available.
 */
export function bestSeats(
  map: SeatMap,
  available: (seatId: string) => boolean,
  n: number,
  opts?: BestAvailableOptions,
): string[] {
  const { ranked } = prepare(map);
  const wanted = filterOf(opts);
  const out: string[] = [];
  for (const seat of ranked) {
    if (out.length >= n) break;
    if (wanted(seat) && available(seat.id)) out.push(seat.id);
  }
  return out;
}
