import type { Seat, SeatStatus } from '../../../shared/seating/types';

// What a seat looks like to the person at the map, from its state and whose it is. One word per seat,
// which is all the drawn dot, its accessible name and the legend need.

export type SeatLook =
  /** Anyone may take it (coloured by its band). */
  | 'free'
  /** In this window's cart. */
  | 'mine'
  /** Leased to this window for offline selling, not sold yet. */
  | 'leased'
  /** Sold, or in another window's cart or lease. */
  | 'taken'
  /** Held back by a manager (house, press, kill). */
  | 'held'
  | 'blocked'
  /** Free on the server but not sellable here now (offline: only leased seats are). */
  | 'unavailable';

export const SEAT_LOOKS: readonly SeatLook[] = [
  'free',
  'mine',
  'leased',
  'taken',
  'held',
  'blocked',
  'unavailable',
];

export interface SeatOwnership {
  cart: readonly string[];
  leased: readonly string[];
}

export interface LookInput {
  /** Each seat's state in the performance; absent (a map being edited) draws the map's own holds. */
  statuses?: readonly SeatStatus[];
  mine?: SeatOwnership;
  /** Offline: only this window's leased seats can be chosen; other free seats grey out. */
  leasedOnly?: boolean;
}

export function seatLooks(seats: readonly Seat[], input: LookInput): Map<string, SeatLook> {
  const looks = new Map<string, SeatLook>();
  const cart = new Set(input.mine?.cart ?? []);
  const leased = new Set(input.mine?.leased ?? []);
  if (!input.statuses) {
    for (const seat of seats) looks.set(seat.id, seat.hold === null ? 'free' : 'held');
    return looks;
  }
  const state = new Map(input.statuses.map((s) => [s.seatId, s.state]));
  for (const seat of seats) {
    let look: SeatLook;
    if (cart.has(seat.id)) look = 'mine';
    else if (leased.has(seat.id)) look = state.get(seat.id) === 'sold' ? 'taken' : 'leased';
    else {
      const s = state.get(seat.id);
      if (s === 'free') look = input.leasedOnly ? 'unavailable' : 'free';
      else if (s === 'held') look = 'held';
      else if (s === 'blocked') look = 'blocked';
      // No status for a seat: the server has not told us, so it is not offered.
      else if (s === undefined) look = 'unavailable';
      else look = 'taken';
    }
    looks.set(seat.id, look);
  }
  return looks;
}

/** Whether a cashier may click the seat at all: to take it, or to give back one already in the cart. */
export function canPick(look: SeatLook | undefined): boolean {
  return look === 'free' || look === 'mine' || look === 'leased';
}

/** How many band colours there are (seat--b0 … in styles.css); later bands reuse them in turn. */
export const BAND_COLOURS = 8;

/** A seat band's colour class number: its place in the map's band list, best first. */
export function bandIndex(bands: readonly string[], band: string): number {
  const i = bands.indexOf(band);
  return (i < 0 ? bands.length : i) % BAND_COLOURS;
}
