import { gaCapacity, mapCapacity, sellableSeats } from '../../shared/seating/capacity';
import type { SeatMap } from '../../shared/seating/types';
import type { Queryable } from '../db/database';
import { getSeatMap, seatMapSections } from '../db/repos/seat-map-repo';
import { reject } from '../errors';

// docs/SEATING.md "Capacity of a seated performance": a performance with a map has the map's capacity,
// and its capacity counter counts the GA places only. Used where a performance's capacity is set (the
// catalogue, attaching a map) and where its counter is made (escrow-service.ts).

export const count = (n: number) => n.toLocaleString('en');

/** The performance's capacity is the map's: its sellable seats plus its GA places. */
export function assertCapacityMatches(map: SeatMap, capacity: number, when: 'attach' | 'edit'): void {
  const wanted = mapCapacity(map);
  if (capacity === wanted) return;
  const holds = `${count(sellableSeats(map))} sellable seats and ${count(gaCapacity(map))} GA places`;
  reject(
    'CAPACITY_NOT_MAP',
    when === 'attach'
      ? `This performance's capacity is ${count(capacity)}, but the map "${map.name}" holds ${count(wanted)} ` +
          `(${holds}): set the performance's capacity to ${wanted}, then choose the map again.`
      : `This performance uses the seat map "${map.name}", so its capacity is the map's: ${count(wanted)} ` +
          `(${holds}), not ${count(capacity)}. Keep it at ${wanted}, or change the map (or take it off) first.`,
  );
}

/**
 * The limit a performance's capacity counter starts from (escrow-service.ts): its GA places when it
 * has a map, its capacity otherwise.
 */
export async function capacityCounterLimit(
  db: Queryable,
  orgId: string,
  performance: { capacity: number; seatMapId?: string | null },
): Promise<number> {
  if (!performance.seatMapId) return performance.capacity;
  return gaCapacity({ sections: await seatMapSections(db, orgId, performance.seatMapId) });
}

/**
 * A mapped performance's capacity may only be set to the map's (catalogue-service.ts); its counter
 * keeps following the GA places. True when the performance has a map.
 */
export async function checkMappedCapacity(
  db: Queryable,
  orgId: string,
  seatMapId: string | null | undefined,
  capacity: number,
): Promise<boolean> {
  if (!seatMapId) return false;
  const map = await getSeatMap(db, orgId, seatMapId);
  if (map) assertCapacityMatches(map, capacity, 'edit');
  return true;
}
