import type { TicketOffer } from '../../../shared/ipc/domains/catalogue';
import type { SeatMap } from '../../../shared/seating/types';
import type { Db } from '../../db/connection';
import { isSeated, seatMapOfPerformance } from '../../db/repos/seat-repo';

// What a seated performance sells by quantity (docs/SEATING.md "Capacity of a seated performance"):
// only its general-admission area, whose capacity is the counter's; its seats are sold on the map.

/** The map's GA area, if it has one (a map has at most one). */
export function gaSection(map: SeatMap | undefined) {
  return map?.sections.find((s) => s.kind === 'ga');
}

/** Tickets by quantity the performance has room for: its GA capacity when it uses a map. */
export function unseatedCapacity(db: Db, performance: { id: string; capacity: number }): number {
  if (!isSeated(db, performance.id)) return performance.capacity;
  return gaSection(seatMapOfPerformance(db, performance.id))?.capacity ?? 0;
}

/** Whether an offer may be sold by quantity: any offer of an unseated performance, or its GA band. */
export function sellsByQuantity(
  db: Db,
  offer: Pick<TicketOffer, 'performanceId' | 'priceBandName'>,
): boolean {
  if (!isSeated(db, offer.performanceId)) return true;
  const band = gaSection(seatMapOfPerformance(db, offer.performanceId))?.band;
  return band !== undefined && band !== null && sameBand(band, offer.priceBandName);
}

/** Map bands name the event's price bands without regard to case (docs/SEATING.md "Seat maps"). */
export function sameBand(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en') === b.toLocaleLowerCase('en');
}
