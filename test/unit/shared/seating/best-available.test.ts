import { describe, expect, it } from 'vitest';
import { bestAvailable, bestSeats } from '../../../../shared/seating/best-available';
import type { SeatMap } from '../../../../shared/seating/types';
import { makeSeatMap, scatterSold } from '../../../fixtures/seat-hall';

/** Ids made from a counter, so a seat's id says nothing and its label says where it is. */
function counterIds(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

/** A hall of one section, rows of 10 (x 0..9, centre 4.5), 4 rows, bands by depth. */
const hall = (spec: Partial<Parameters<typeof makeSeatMap>[0]> = {}) =>
  makeSeatMap({ seats: 40, perRow: 10, bands: ['A', 'B'], ids: counterIds(), ...spec });

/** "B3" for row B seat 3. */
function labels(map: SeatMap, ids: readonly string[] | null): string[] | null {
  if (!ids) return null;
  const byId = new Map(map.seats.map((s) => [s.id, `${s.row}${s.label}`]));
  return ids.map((id) => byId.get(id) ?? id);
}

/** Available: every seat except those whose label ("A1") is listed. */
function except(map: SeatMap, taken: string[]): (id: string) => boolean {
  const out = new Set(map.seats.filter((s) => taken.includes(`${s.row}${s.label}`)).map((s) => s.id));
  return (id) => !out.has(id);
}

/** Only the listed labels are available. */
function only(map: SeatMap, open: string[]): (id: string) => boolean {
  const ids = new Set(map.seats.filter((s) => open.includes(`${s.row}${s.label}`)).map((s) => s.id));
  return (id) => ids.has(id);
}

describe('bestAvailable', () => {
  it('puts n together in one row, in the centre of the front row of the best band', () => {
    const map = hall();
    const answer = bestAvailable(map, () => true, 4);
    // Centre 4.5: seats 4..7 (x 3..6) are centred exactly.
    expect(labels(map, answer.together)).toEqual(['A4', 'A5', 'A6', 'A7']);
    expect(answer.split).toBeNull();
  });

  it('prefers the best band over the front and the centre', () => {
    const map = hall();
    // Rows A and B are band A, C and D band B. Row A's centre is gone, and row B is all gone but its edge.
    const taken = ['A3', 'A4', 'A5', 'A6', 'A7', 'A8', ...Array.from({ length: 8 }, (_, i) => `B${i + 1}`)];
    const answer = bestAvailable(map, except(map, taken), 2);
    // Still in band A, off centre, rather than the centre of row C (band B).
    expect(labels(map, answer.together)).toEqual(['A1', 'A2']);
    // Three together exist only in band B: then the centre of the front row of band B.
    const three = bestAvailable(map, except(map, taken), 3);
    expect(labels(map, three.together)).toEqual(['C4', 'C5', 'C6']);
  });

  it('chooses the block nearest the centre line, then the front', () => {
    const map = hall({ bands: ['A'] });
    const open = ['A1', 'A2', 'B5', 'B6', 'C4', 'C5', 'D5', 'D6'];
    // B5-B6 (x 4, 5, centre 4.5) and D5-D6 are centred; B is nearer the front.
    expect(labels(map, bestAvailable(map, only(map, open), 2).together)).toEqual(['B5', 'B6']);
  });

  it('counts only consecutive seats of one row as together', () => {
    const map = hall();
    // Row A: 1-3 and 6-10 open; 4-5 taken. Row B: 1-4 open.
    const open = ['A1', 'A2', 'A3', 'A6', 'A7', 'A8', 'A9', 'A10', 'B1', 'B2', 'B3', 'B4'];
    expect(labels(map, bestAvailable(map, only(map, open), 5).together)).toEqual([
      'A6',
      'A7',
      'A8',
      'A9',
      'A10',
    ]);
    expect(bestAvailable(map, only(map, open), 6).together).toBeNull();
  });

  it('splits into the fewest groups when no row has n, and says it cannot when too few are left', () => {
    const map = hall();
    const open = ['A1', 'A2', 'A3', 'A9', 'A10', 'B5', 'B6', 'C1'];
    const answer = bestAvailable(map, only(map, open), 5);
    expect(answer.together).toBeNull();
    // Largest run first (3), then the best pair for the remaining two: B5-B6 is centred.
    expect(answer.split?.map((g) => labels(map, g))).toEqual([
      ['A1', 'A2', 'A3'],
      ['B5', 'B6'],
    ]);
    expect(bestAvailable(map, only(map, open), 8).split?.flat()).toHaveLength(8);
    expect(bestAvailable(map, only(map, open), 9)).toEqual({ together: null, split: null });
    expect(bestAvailable(map, () => true, 0)).toEqual({ together: null, split: null });
  });

  it('keeps within a band or a section when asked', () => {
    const map = makeSeatMap({ seats: 80, sections: 2, perRow: 10, bands: ['A', 'B'], ids: counterIds() });
    const [left, right] = map.sections;
    const inRight = bestAvailable(map, () => true, 3, { sectionId: right?.id });
    const sectionOf = new Map(map.seats.map((s) => [s.id, s.sectionId]));
    expect(inRight.together?.map((id) => sectionOf.get(id))).toEqual([right?.id, right?.id, right?.id]);
    const inBandB = bestAvailable(map, () => true, 3, { band: 'b', sectionId: left?.id });
    expect(labels(map, inBandB.together)).toEqual(['C4', 'C5', 'C6']);
    expect(bestAvailable(map, () => true, 1, { band: 'Gallery' })).toEqual({ together: null, split: null });
  });

  it('follows a new version of the map rather than what it worked out before', () => {
    const map = hall({ bands: ['A'] });
    expect(labels(map, bestAvailable(map, () => true, 2).together)).toEqual(['A5', 'A6']);
    const moved: SeatMap = {
      ...map,
      version: 2,
      seats: map.seats.map((s) => (s.row === 'A' ? { ...s, y: 10 } : s)),
    };
    // Same object contents but a new version: row A now sits behind row D.
    expect(labels(moved, bestAvailable(moved, () => true, 2).together)).toEqual(['B5', 'B6']);
  });

  it('finds six together in a 2,000-seat hall half sold, or the best split', () => {
    const map = makeSeatMap({ seats: 2000, sections: 3, perRow: 30 });
    const sold = scatterSold(map, 0.5);
    const answer = bestAvailable(map, (id) => !sold.has(id), 6);
    const picked = answer.together ?? answer.split?.flat() ?? [];
    expect(picked).toHaveLength(6);
    expect(picked.some((id) => sold.has(id))).toBe(false);
  });
});

describe('bestSeats', () => {
  it('takes the best seats one by one when no row has them all, and fewer when fewer are left', () => {
    const map = hall({ bands: ['A'] });
    const open = ['A1', 'A5', 'B6', 'D4', 'D10'];
    expect(labels(map, bestSeats(map, only(map, open), 3))).toEqual(['A5', 'B6', 'D4']);
    expect(bestSeats(map, only(map, open), 9)).toHaveLength(5);
  });
});
