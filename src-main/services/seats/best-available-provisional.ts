import type { SeatMap } from '../../../shared/seating/types';

// PROVISIONAL, until seat-own's shared/seating/best-available.ts is merged: the seating contract's
// signature and rule, simply done, so the terminal's `best` channel works and is tested. At the merge
// the seat service imports the shared one and this file goes.

type Seat = SeatMap['seats'][number];

export function bestAvailable(
  map: SeatMap,
  available: (seatId: string) => boolean,
  n: number,
  opts?: { band?: string; sectionId?: string },
): { together: string[] | null; split: string[][] | null } {
  const bandRank = (band: string) => {
    const i = map.bands.findIndex((b) => b.toLowerCase() === band.toLowerCase());
    return i < 0 ? map.bands.length : i;
  };
  const seats = map.seats.filter(
    (s) =>
      available(s.id) &&
      (!opts?.band || s.band.toLowerCase() === opts.band.toLowerCase()) &&
      (!opts?.sectionId || s.sectionId === opts.sectionId),
  );
  const centre = new Map<string, number>();
  for (const section of map.sections) {
    const xs = map.seats.filter((s) => s.sectionId === section.id).map((s) => s.x);
    if (xs.length > 0) centre.set(section.id, (Math.min(...xs) + Math.max(...xs)) / 2);
  }
  // Runs of seats next to each other in one row (consecutive by x among the row's seats).
  const rows = new Map<string, Seat[]>();
  for (const seat of map.seats) {
    const key = `${seat.sectionId}\u0000${seat.row}`;
    rows.set(key, [...(rows.get(key) ?? []), seat]);
  }
  const ok = new Set(seats.map((s) => s.id));
  const runs: Seat[][] = [];
  for (const row of rows.values()) {
    let run: Seat[] = [];
    for (const seat of [...row].sort((a, b) => a.x - b.x)) {
      if (ok.has(seat.id)) run.push(seat);
      else if (run.length > 0) (runs.push(run), (run = []));
    }
    if (run.length > 0) runs.push(run);
  }
  const score = (block: Seat[]) => {
    const first = block[0] as Seat;
    const mid = block.reduce((sum, s) => sum + s.x, 0) / block.length;
    return [bandRank(first.band), Math.abs(mid - (centre.get(first.sectionId) ?? mid)), first.y];
  };
  const better = (a: Seat[], b: Seat[]) => {
    const [x, y] = [score(a), score(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number);
    return false;
  };
  const bestBlock = (size: number): Seat[] | null => {
    let best: Seat[] | null = null;
    for (const run of runs)
      for (let i = 0; i + size <= run.length; i++) {
        const block = run.slice(i, i + size);
        if (!best || better(block, best)) best = block;
      }
    return best;
  };
  const together = bestBlock(n);
  if (together) return { together: together.map((s) => s.id), split: null };
  if (seats.length < n) return { together: null, split: null };
  // Fewest groups: the largest run first, each group as good as it can be.
  const split: string[][] = [];
  let left = n;
  const used = new Set<string>();
  while (left > 0) {
    const size = Math.min(left, Math.max(...runs.map((r) => r.filter((s) => !used.has(s.id)).length)));
    if (size <= 0) break;
    const saved = runs.splice(0, runs.length, ...runs.map((r) => r.filter((s) => !used.has(s.id))));
    const block = bestBlock(size);
    if (!block) {
      runs.splice(0, runs.length, ...saved);
      break;
    }
    for (const s of block) used.add(s.id);
    split.push(block.map((s) => s.id));
    left -= size;
  }
  return { together: null, split: left === 0 ? split : null };
}
