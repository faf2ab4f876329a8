import type { HoldKind, SeatSection } from './types';

// docs/SEATING.md "Capacity of a seated performance": a performance with a map sells its sellable
// seats (every seat the map does not mark `kill`) one by one, and its GA area through the capacity
// counter. Its capacity must equal the sum; its capacity counter's limit is the GA capacity alone.
// Works on a saved SeatMap and on an import's draft alike.

interface Counted {
  sections: readonly Pick<SeatSection, 'kind' | 'capacity'>[];
  seats: readonly { hold: HoldKind | null }[];
}

/** Seats that can ever be sold: a kill seat (the sound desk stands there) never is. */
export function sellableSeats(map: Pick<Counted, 'seats'>): number {
  return map.seats.filter((seat) => seat.hold !== 'kill').length;
}

/** The GA area's places; 0 without one (a map has at most one). */
export function gaCapacity(map: Pick<Counted, 'sections'>): number {
  return map.sections.reduce((sum, s) => sum + (s.kind === 'ga' ? (s.capacity ?? 0) : 0), 0);
}

/** What a performance using this map must have as its capacity. */
export function mapCapacity(map: Counted): number {
  return sellableSeats(map) + gaCapacity(map);
}
