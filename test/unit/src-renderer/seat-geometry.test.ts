import { describe, expect, it } from 'vitest';
import type { Seat, SeatMap } from '../../../shared/seating/types';
import {
  fitViewBox,
  indexSeats,
  keepInView,
  neighbour,
  pitchOnScreen,
  rowRange,
  seatPitch,
  seatsInRect,
  zoomAt,
} from '../../../src-renderer/components/seatmap/seat-geometry';
import { canPick, seatLooks } from '../../../src-renderer/components/seatmap/seat-look';

// A small hall: Stalls rows A (5 seats) and B (4 seats, offset by half a seat), and a Circle row A of 3
// seats further back. Seats are listed out of order on purpose: the index sorts them.
function seat(sectionId: string, row: string, label: string, x: number, y: number): Seat {
  return { id: `${sectionId}-${row}${label}`, sectionId, row, label, x, y, band: 'A', flags: [], hold: null };
}
const seats: Seat[] = [
  seat('stalls', 'A', '3', 30, 10),
  seat('stalls', 'A', '1', 10, 10),
  seat('stalls', 'A', '2', 20, 10),
  seat('stalls', 'A', '4', 40, 10),
  seat('stalls', 'A', '5', 50, 10),
  seat('stalls', 'B', '1', 15, 20),
  seat('stalls', 'B', '2', 25, 20),
  seat('stalls', 'B', '3', 35, 20),
  seat('stalls', 'B', '4', 45, 20),
  seat('circle', 'A', '1', 20, 50),
  seat('circle', 'A', '2', 30, 50),
  seat('circle', 'A', '3', 40, 50),
];
const map: SeatMap = {
  id: 'map',
  venueId: 'venue',
  name: 'Hall',
  bands: ['A'],
  sections: [
    { id: 'stalls', name: 'Stalls', kind: 'seated', capacity: null, band: null },
    { id: 'circle', name: 'Circle', kind: 'seated', capacity: null, band: null },
  ],
  seats,
  version: 1,
};
const index = indexSeats(map);

describe('indexSeats', () => {
  it('groups seats by section and row, front rows first and each row left to right', () => {
    expect(index.rows.map((r) => `${r.sectionId}:${r.row}`)).toEqual(['stalls:A', 'stalls:B', 'circle:A']);
    expect(index.rows[0]?.seats.map((s) => s.label)).toEqual(['1', '2', '3', '4', '5']);
  });
});

describe('neighbour', () => {
  it('moves left and right within a row and stops at its ends', () => {
    expect(neighbour(index, 'stalls-A3', 'right')).toBe('stalls-A4');
    expect(neighbour(index, 'stalls-A3', 'left')).toBe('stalls-A2');
    expect(neighbour(index, 'stalls-A5', 'right')).toBe('stalls-A5');
    expect(neighbour(index, 'stalls-A1', 'left')).toBe('stalls-A1');
    expect(neighbour(index, 'stalls-A3', 'home')).toBe('stalls-A1');
    expect(neighbour(index, 'stalls-A3', 'end')).toBe('stalls-A5');
  });

  it('moves to the row behind or in front at the seat nearest by x', () => {
    expect(neighbour(index, 'stalls-A5', 'down')).toBe('stalls-B4'); // x 50 → 45
    expect(neighbour(index, 'stalls-B1', 'up')).toBe('stalls-A1'); // x 15: 10 and 20 tie, the first wins
    expect(neighbour(index, 'stalls-B4', 'down')).toBe('circle-A3'); // across sections: x 45 → 40
    expect(neighbour(index, 'circle-A1', 'down')).toBe('circle-A1'); // the back row stays
    expect(neighbour(index, 'stalls-A2', 'up')).toBe('stalls-A2'); // the front row stays
  });

  it('starts at the first seat when nothing is active or the seat is unknown', () => {
    expect(neighbour(index, null, 'right')).toBe('stalls-A1');
    expect(neighbour(index, 'gone', 'down')).toBe('stalls-A1');
  });
});

describe('rowRange', () => {
  it('takes every seat of the row between the two, in either order', () => {
    expect(rowRange(index, 'stalls-A4', 'stalls-A2')).toEqual(['stalls-A2', 'stalls-A3', 'stalls-A4']);
    expect(rowRange(index, 'stalls-B1', 'stalls-B3')).toEqual(['stalls-B1', 'stalls-B2', 'stalls-B3']);
  });

  it('takes only the clicked seat when the two are in different rows', () => {
    expect(rowRange(index, 'stalls-A1', 'stalls-B3')).toEqual(['stalls-B3']);
  });
});

describe('seatsInRect', () => {
  it('finds the seats whose centre is inside the box, whichever corners span it', () => {
    expect(seatsInRect(seats, { x: 36, y: 25 }, { x: 18, y: 5 }).sort()).toEqual(
      ['stalls-A2', 'stalls-A3', 'stalls-B2', 'stalls-B3'].sort(),
    );
    expect(seatsInRect(seats, { x: 0, y: 30 }, { x: 100, y: 40 })).toEqual([]);
  });
});

describe('fitViewBox and zoomAt', () => {
  it('fits every seat with a margin of one and a half seat pitches', () => {
    expect(seatPitch(seats)).toBe(10);
    expect(fitViewBox(seats)).toEqual({ x: -5, y: -5, w: 70, h: 70 });
    expect(fitViewBox([])).toEqual({ x: 0, y: 0, w: 100, h: 100 });
  });

  it('zooms around a point that stays where it was, within the limits', () => {
    const view = { x: 0, y: 0, w: 60, h: 60 };
    const zoomed = zoomAt(view, 2, 30, 15, { minW: 5, maxW: 120 });
    expect(zoomed).toEqual({ x: 15, y: 7.5, w: 30, h: 30 });
    // The point's place as a share of the view is the same before and after.
    expect((30 - zoomed.x) / zoomed.w).toBeCloseTo((30 - view.x) / view.w);
    expect(zoomAt(view, 100, 0, 0, { minW: 20, maxW: 120 }).w).toBe(20);
    expect(zoomAt(view, 0.01, 0, 0, { minW: 20, maxW: 120 }).w).toBe(120);
  });

  it('moves the view just enough to keep a seat in sight', () => {
    const view = { x: 0, y: 0, w: 20, h: 20 };
    expect(keepInView(view, 10, 10, 5)).toBe(view);
    expect(keepInView(view, 40, 10, 5)).toEqual({ x: 25, y: 0, w: 20, h: 20 });
    expect(keepInView(view, 10, -8, 5)).toEqual({ x: 0, y: -13, w: 20, h: 20 });
  });
});

describe('pitchOnScreen', () => {
  it('scales a seat pitch by the view box fitted whole into the drawn box, the tighter side deciding', () => {
    const view = { x: 0, y: 0, w: 300, h: 700 };
    // 1,200 × 420 pixels: the height decides (420 / 700 = 0.6 pixels per unit).
    expect(pitchOnScreen(view, { w: 1200, h: 420 }, 10)).toBeCloseTo(6);
    // Zoomed in on 40 × 20 units of it: the width decides (1,200 / 40 = 30).
    expect(pitchOnScreen({ x: 0, y: 0, w: 40, h: 20 }, { w: 1200, h: 900 }, 10)).toBeCloseTo(300);
  });

  it('is 0 before the map has a size, so nothing waits on labels nobody can see', () => {
    expect(pitchOnScreen({ x: 0, y: 0, w: 300, h: 700 }, { w: 0, h: 0 }, 10)).toBe(0);
  });
});

describe('seatLooks', () => {
  const status = (seatId: string, state: 'free' | 'sold' | 'leased' | 'cart' | 'held' | 'blocked') => ({
    seatId,
    state,
    holder: null,
    holdKind: null,
    expiresAt: null,
  });

  it('tells this window’s own seats from everyone else’s and greys free seats offline', () => {
    const statuses = [
      status('stalls-A1', 'free'),
      status('stalls-A2', 'cart'),
      status('stalls-A3', 'cart'),
      status('stalls-A4', 'leased'),
      status('stalls-A5', 'sold'),
      status('stalls-B1', 'held'),
      status('stalls-B2', 'blocked'),
    ];
    const mine = { cart: ['stalls-A2'], leased: ['stalls-A4'] };
    const online = seatLooks(seats, { statuses, mine });
    expect(Object.fromEntries(online)).toMatchObject({
      'stalls-A1': 'free',
      'stalls-A2': 'mine',
      'stalls-A3': 'taken',
      'stalls-A4': 'leased',
      'stalls-A5': 'taken',
      'stalls-B1': 'held',
      'stalls-B2': 'blocked',
      'stalls-B3': 'unavailable',
    });
    const offline = seatLooks(seats, { statuses, mine, leasedOnly: true });
    expect(offline.get('stalls-A1')).toBe('unavailable');
    expect(offline.get('stalls-A4')).toBe('leased');
    expect([...online.values()].filter(canPick)).toHaveLength(3);
  });

  it('draws a map being edited from its own holds', () => {
    const held = seatLooks([{ ...seats[0]!, hold: 'kill' }, seats[1]!], {});
    expect([...held.values()]).toEqual(['held', 'free']);
  });
});
