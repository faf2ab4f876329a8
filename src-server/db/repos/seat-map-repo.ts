import type { SeatMapListItem } from '../../../shared/seating/admin-api';
import type { HoldKind, Seat, SeatFlag, SeatMap, SeatSection } from '../../../shared/seating/types';
import type { Queryable } from '../database';
import { deleteWithTombstone } from './catalogue-repo';
import { NEXT_POS, positionCte } from './change-pos';

// Seat maps (docs/SEATING.md "Seat maps"): a map row, its sections and its seats. A map is read whole, as
// the SeatMap shape every process speaks, by one SELECT that the admin routes, the pull and the
// terminals' seat routes (best available, lease plans) all use.

export interface NewSection extends Omit<SeatSection, 'id'> {
  id: string;
  position: number;
}

/** A seat as saved: the SeatMap's shape, with the ids the import gave it. */
export type NewSeat = Seat;

export interface NewSeatMap {
  id: string;
  orgId: string;
  venueId: string;
  name: string;
  bands: string[];
  sections: NewSection[];
  seats: NewSeat[];
}

/**
 * The columns of a SeatMap for the map row aliased `alias`: sections in their order, seats front to
 * back and left to right (y, then x).
 */
export function seatMapColumns(alias: string): string {
  return `${alias}.id, ${alias}.venue_id AS "venueId", ${alias}.name, ${alias}.bands, ${alias}.version,
    (SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'kind', s.kind,
        'capacity', s.capacity, 'band', s.band) ORDER BY s.position), '[]'::json)
       FROM seat_sections s WHERE s.map_id = ${alias}.id) AS sections,
    (SELECT coalesce(json_agg(json_build_object('id', t.id, 'sectionId', t.section_id, 'row', t.row_label,
        'label', t.seat_label, 'x', t.x, 'y', t.y, 'band', t.band, 'flags', to_json(t.flags), 'hold', t.hold)
        ORDER BY ts.position, t.y, t.x, t.id), '[]'::json)
       FROM seats t JOIN seat_sections ts ON ts.id = t.section_id WHERE t.map_id = ${alias}.id) AS seats`;
}

/** One map in three statements, however many seats: sections and seats go in as one JSON array each. */
export async function insertSeatMap(db: Queryable, map: NewSeatMap): Promise<void> {
  await db.query(
    `INSERT INTO seat_maps (id, org_id, venue_id, name, bands) VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [map.id, map.orgId, map.venueId, map.name, JSON.stringify(map.bands)],
  );
  await db.query(
    `INSERT INTO seat_sections (id, map_id, position, name, kind, capacity, band)
     SELECT s.id, $1, s.position, s.name, s.kind, s.capacity, s.band
       FROM jsonb_to_recordset($2::jsonb) AS s(id uuid, position int, name text, kind text, capacity int, band text)`,
    [map.id, JSON.stringify(map.sections)],
  );
  await db.query(
    `INSERT INTO seats (id, map_id, section_id, row_label, seat_label, x, y, band, flags, hold)
     SELECT s.id, $1, s."sectionId", s."row", s.label, s.x, s.y, s.band,
            ARRAY(SELECT jsonb_array_elements_text(s.flags)), s.hold
       FROM jsonb_to_recordset($2::jsonb)
         AS s(id uuid, "sectionId" uuid, "row" text, label text, x float8, y float8, band text, flags jsonb, hold text)`,
    [map.id, JSON.stringify(map.seats)],
  );
}

export async function getSeatMap(db: Queryable, orgId: string, id: string): Promise<SeatMap | undefined> {
  const rows = await db.query<SeatMap>(
    `SELECT ${seatMapColumns('m')} FROM seat_maps m WHERE m.org_id = $1 AND m.id = $2`,
    [orgId, id],
  );
  return rows[0];
}

/** A map's sections only: enough for its GA capacity without reading every seat. */
export async function seatMapSections(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<Pick<SeatSection, 'kind' | 'capacity'>[]> {
  return db.query(
    `SELECT s.kind, s.capacity FROM seat_sections s JOIN seat_maps m ON m.id = s.map_id
      WHERE m.org_id = $1 AND m.id = $2 ORDER BY s.position`,
    [orgId, id],
  );
}

export async function listSeatMaps(
  db: Queryable,
  orgId: string,
  venueId: string | undefined,
): Promise<SeatMapListItem[]> {
  return db.query<SeatMapListItem>(
    `SELECT m.id, m.venue_id AS "venueId", m.name, m.version,
       (SELECT count(*)::int FROM seats t WHERE t.map_id = m.id) AS seats,
       (SELECT coalesce(sum(s.capacity), 0)::int FROM seat_sections s WHERE s.map_id = m.id AND s.kind = 'ga')
         AS "gaCapacity"
     FROM seat_maps m WHERE m.org_id = $1 AND ($2::uuid IS NULL OR m.venue_id = $2::uuid)
     ORDER BY m.name, m.id`,
    [orgId, venueId ?? null],
  );
}

/** How many performances use the map. */
export async function seatMapUse(db: Queryable, orgId: string, id: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM performances WHERE org_id = $1 AND seat_map_id = $2',
    [orgId, id],
  );
  return row?.n ?? 0;
}

/** Deletes a map (its sections and seats go with it); a terminal that holds it drops it at its next pull. */
export async function deleteSeatMap(db: Queryable, orgId: string, id: string): Promise<boolean> {
  return deleteWithTombstone(db, 'seat_maps', 'seatMap', orgId, id);
}

/** Locks the map row for an edit; its version as it stands. */
export async function lockSeatMap(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<{ version: number } | undefined> {
  const rows = await db.query<{ version: number }>(
    'SELECT version FROM seat_maps WHERE org_id = $1 AND id = $2 FOR UPDATE',
    [orgId, id],
  );
  return rows[0];
}

export interface SeatEdit {
  band?: string | undefined;
  /** undefined: unchanged; null: no hold. */
  hold?: HoldKind | null | undefined;
  flags?: SeatFlag[] | undefined;
}

/** Edits the given seats of the map and bumps its version; the number of seats found. */
export async function editSeats(
  db: Queryable,
  mapId: string,
  seatIds: readonly string[],
  edit: SeatEdit,
): Promise<number> {
  const rows = await db.query(
    `UPDATE seats SET
       band = CASE WHEN $3::boolean THEN $4 ELSE band END,
       hold = CASE WHEN $5::boolean THEN $6 ELSE hold END,
       flags = CASE WHEN $7::boolean THEN $8::text[] ELSE flags END
     WHERE map_id = $1 AND id = ANY($2::uuid[]) RETURNING id`,
    [
      mapId,
      seatIds,
      edit.band !== undefined,
      edit.band ?? null,
      edit.hold !== undefined,
      edit.hold ?? null,
      edit.flags !== undefined,
      edit.flags ?? [],
    ],
  );
  await db.query('UPDATE seat_maps SET version = version + 1, updated_at = now() WHERE id = $1', [mapId]);
  return rows.length;
}

/**
 * A map has no change position of its own: it travels to terminals with the performances that use it
 * (pull-repo.ts), so an edit of the map moves those performances to a new position.
 */
export async function touchPerformancesOfMap(db: Queryable, orgId: string, mapId: string): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     UPDATE performances SET change_pos = ${NEXT_POS} WHERE org_id = $1 AND seat_map_id = $2`,
    [orgId, mapId],
  );
}
