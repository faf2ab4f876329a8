// Reserved seating (docs/SEATING.md). A seat map belongs to a venue's hall; a performance uses one map.
// Every process (server, terminal core, renderer, back office) speaks these shapes.

/** Marks a seat carries in the map; they never change who may buy it, only what the cashier is told. */
export const SEAT_FLAGS = ['wheelchair', 'companion', 'restricted_view', 'aisle'] as const;
export type SeatFlag = (typeof SEAT_FLAGS)[number];

/** Why a manager holds seats back: house seats, press, or killed (a sound desk stands there). */
export const HOLD_KINDS = ['house', 'press', 'kill'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

/**
 * A seat's state in one performance. Exactly one holds at any time:
 * - `free`: anyone may take it;
 * - `held`: a manager holds it back (house, press, kill), with who and until when;
 * - `leased`: granted to one terminal for offline selling (escrow for a named seat);
 * - `cart`: in one window's cart while online, until an expiry;
 * - `sold`: on a completed sale;
 * - `blocked`: not for sale at all (broken, removed).
 */
export const SEAT_STATES = ['free', 'held', 'leased', 'cart', 'sold', 'blocked'] as const;
export type SeatState = (typeof SEAT_STATES)[number];

/** A section of the map: rows of numbered seats, or a general-admission (standing) area with a capacity. */
export interface SeatSection {
  id: string;
  name: string;
  kind: 'seated' | 'ga';
  /** GA only: how many people the area takes. */
  capacity: number | null;
  /** GA only: the band its places sell at. */
  band: string | null;
}

export interface Seat {
  id: string;
  sectionId: string;
  row: string;
  /** The seat's own label within its row: "12", "A". */
  label: string;
  /** Position in map units (the SVG's user space); y grows towards the back of the house. */
  x: number;
  y: number;
  /** The band's name in the map's band list; matched by name to the event's price bands. */
  band: string;
  flags: SeatFlag[];
  /** A hold the map itself puts on the seat in every performance (kill seats for the sound desk). */
  hold: HoldKind | null;
}

export interface SeatMap {
  id: string;
  venueId: string;
  /** The hall's name, e.g. "Main house". */
  name: string;
  /** Band names, best first: best available prefers the earlier ones. */
  bands: string[];
  sections: SeatSection[];
  seats: Seat[];
  /** Bumped on every edit; a performance's states are keyed to the seats of this version. */
  version: number;
}

/** One seat's state in one performance, as the server and a terminal's cache hold it. */
export interface SeatStatus {
  seatId: string;
  state: SeatState;
  /**
   * Who holds it: the terminal id for `leased` and `cart`, the staff id for `held`; null otherwise.
   * A terminal sees its own id here and so knows which of the taken seats are its own.
   */
  holder: string | null;
  /** `held`: the hold kind. */
  holdKind: HoldKind | null;
  /** `held`, `leased` and `cart`: when the claim lapses (ISO instant); null = until released. */
  expiresAt: string | null;
}

/** The full label printed on a ticket and a receipt: "Stalls, row B, seat 12". */
export interface SeatLabel {
  seatId: string;
  section: string;
  row: string;
  seat: string;
}
