import type { SeatMap } from '../../shared/seating/types';
import { insertSeatLease, setPerformanceSeatMap, upsertSeatMap } from '../../src-main/db/repos/seat-repo';
import type { Db } from '../../src-main/db/connection';
import { hallMap } from '../fixtures/hall-map';

// The demo theatre's first Hamlet as a seated performance, as a pull and a shift's seat leases would have
// left it in a terminal's store (docs/SEATING.md): the hall's bands renamed to Hamlet's price bands
// (Stalls, Circle), and seats leased to this terminal so it sells them with or without a server.

export const SEATED_PERFORMANCE = 'perf-hamlet-1';

export function seatDemoHamlet(
  db: Db,
  options: { seats: number; leased?: 'all' | ((map: SeatMap) => string[]) },
) {
  const map = hallMap({
    seats: options.seats,
    bands: { Premium: 'Stalls', Standard: 'Stalls', Rear: 'Circle' },
  });
  upsertSeatMap(db, map);
  setPerformanceSeatMap(db, SEATED_PERFORMANCE, map.id);
  const leased = options.leased === 'all' ? map.seats.map((s) => s.id) : (options.leased?.(map) ?? []);
  if (leased.length > 0) {
    insertSeatLease(db, {
      id: '00000000-0000-4000-8000-00000000a11e',
      performanceId: SEATED_PERFORMANCE,
      seatIds: leased,
      // The demo's Hamlet starts six hours after the store was filled; a lease ends at the start.
      expiresAt: new Date(Date.now() + 5 * 3600_000).toISOString(),
    });
  }
  return map;
}

/** A seat of the map by section name, row and label. */
export function seatOf(map: SeatMap, section: string, row: string, label: string): string {
  const sectionId = map.sections.find((s) => s.name === section)?.id;
  const seat = map.seats.find((s) => s.sectionId === sectionId && s.row === row && s.label === label);
  if (!seat) throw new Error(`no seat ${section} ${row} ${label}`);
  return seat.id;
}
