import type { SeatMap } from '../../shared/seating/types';
import type { Database } from '../../src-server/db/database';
import type { ApiClient } from './server-api';

// A seated performance written straight into the database: its map, sections and seats, the
// performance (made through the API) pointing at the map, and one free performance_seats row per seat.
// The real attach route (PUT /v1/performances/:id/seat-map) checks bands and capacity; tests of seat
// states, carts and leases only need the rows.

export async function seedSeatMap(db: Database, orgId: string, map: SeatMap): Promise<void> {
  await db.query(
    `INSERT INTO seat_maps (id, org_id, venue_id, name, bands, version) VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
    [map.id, orgId, map.venueId, `${map.name} ${map.id.slice(0, 8)}`, JSON.stringify(map.bands), map.version],
  );
  for (const [position, s] of map.sections.entries()) {
    await db.query(
      `INSERT INTO seat_sections (id, map_id, position, name, kind, capacity, band) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [s.id, map.id, position, s.name, s.kind, s.capacity, s.band],
    );
  }
  await db.query(
    `INSERT INTO seats (id, map_id, section_id, row_label, seat_label, x, y, band, flags, hold)
     SELECT s.id, $1, s."sectionId", s.row, s.label, s.x, s.y, s.band, '{}', s.hold
     FROM json_to_recordset($2::json) AS s(id uuid, "sectionId" uuid, row text, label text, x float8, y float8,
       band text, hold text)`,
    [map.id, JSON.stringify(map.seats)],
  );
}

/** A performance of the event using `map` (seeded here), every seat free. */
export async function seedSeatedPerformance(
  db: Database,
  api: ApiClient,
  spec: { orgId: string; eventId: string; map: SeatMap; startsAt?: string },
): Promise<string> {
  await seedSeatMap(db, spec.orgId, spec.map);
  const startsAt = spec.startsAt ?? new Date(Date.now() + 30 * 86_400_000).toISOString();
  const made = await api.post<{ id: string }>('/v1/performances', {
    eventId: spec.eventId,
    startsAt,
    capacity: spec.map.seats.length,
  });
  if (made.status !== 201) throw new Error(`performance: ${made.status} ${made.text}`);
  const performanceId = made.body.id;
  await db.query('UPDATE performances SET seat_map_id = $2 WHERE id = $1', [performanceId, spec.map.id]);
  await db.query(
    `INSERT INTO performance_seats (performance_id, seat_id, org_id) SELECT $1, id, $2 FROM seats WHERE map_id = $3`,
    [performanceId, spec.orgId, spec.map.id],
  );
  return performanceId;
}

/** The rows of a performance's seats, for assertions. */
export async function seatRows(db: Database, performanceId: string) {
  return db.query<{
    seatId: string;
    state: string;
    holder: string | null;
    leaseId: string | null;
    saleId: string | null;
    soldFromLease: string | null;
    changePos: number;
  }>(
    `SELECT seat_id AS "seatId", state, holder, lease_id AS "leaseId", sale_id AS "saleId",
       sold_from_lease AS "soldFromLease", change_pos AS "changePos"
     FROM performance_seats WHERE performance_id = $1 ORDER BY seat_id`,
    [performanceId],
  );
}
