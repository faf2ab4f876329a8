import type { HoldKind, SeatState, SeatStatus } from '../../../shared/seating/types';
import type { Queryable } from '../database';
import { NEXT_POS, positionCte } from './change-pos';
import { writeSeats } from './seat-state-repo';

// A seated performance's seats (docs/SEATING.md "A seat's state"): one performance_seats row per seat
// of its map. Every statement that changes a row gives it the organisation's next change position, so
// a terminal asks for what changed since it last looked.

export interface PerformanceSeating {
  id: string;
  eventId: string;
  /** The venue of its event: a map is a hall of one venue. */
  venueId: string;
  capacity: number;
  seatMapId: string | null;
  version: number;
}

const PERFORMANCE = `SELECT p.id, p.event_id AS "eventId", e.venue_id AS "venueId", p.capacity,
    p.seat_map_id AS "seatMapId", p.version
  FROM performances p JOIN events e ON e.id = p.event_id WHERE p.org_id = $1 AND p.id = $2`;

export async function readPerformance(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<PerformanceSeating | undefined> {
  const rows = await db.query<PerformanceSeating>(PERFORMANCE, [orgId, id]);
  return rows[0];
}

/** The performance, locked for the change of its map or its seats. */
export async function lockPerformance(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<PerformanceSeating | undefined> {
  const rows = await db.query<PerformanceSeating>(`${PERFORMANCE} FOR UPDATE OF p`, [orgId, id]);
  return rows[0];
}

/** The names of the event's price bands. */
export async function eventBandNames(db: Queryable, orgId: string, eventId: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    'SELECT name FROM price_bands WHERE org_id = $1 AND event_id = $2 ORDER BY name',
    [orgId, eventId],
  );
  return rows.map((r) => r.name);
}

/** Seats of the performance that a terminal or a sale owns: sold, leased or in a cart. */
export async function ownedSeatCount(db: Queryable, performanceId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM performance_seats
      WHERE performance_id = $1 AND state IN ('sold', 'leased', 'cart')`,
    [performanceId],
  );
  return row?.n ?? 0;
}

export async function clearPerformanceSeats(db: Queryable, performanceId: string): Promise<void> {
  await db.query('DELETE FROM performance_seats WHERE performance_id = $1', [performanceId]);
}

/**
 * One row per seat of the map: free, or held as the map holds it (hold kind, and `holder` the staff
 * member who attached the map), all at one new position.
 */
export async function seedPerformanceSeats(
  db: Queryable,
  orgId: string,
  performanceId: string,
  mapId: string,
  staffId: string,
): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     INSERT INTO performance_seats (performance_id, seat_id, org_id, state, holder, hold_kind, change_pos)
     SELECT $2, s.id, $1, CASE WHEN s.hold IS NULL THEN 'free' ELSE 'held' END,
            CASE WHEN s.hold IS NULL THEN NULL ELSE $4 END, s.hold, ${NEXT_POS}
       FROM seats s WHERE s.map_id = $3`,
    [orgId, performanceId, mapId, staffId],
  );
}

/** Sets (or clears) the performance's map: a new version and position, so terminals hear of it. */
export async function setPerformanceMap(
  db: Queryable,
  orgId: string,
  performanceId: string,
  mapId: string | null,
): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     UPDATE performances SET seat_map_id = $3, version = version + 1, updated_at = now(), change_pos = ${NEXT_POS}
      WHERE org_id = $1 AND id = $2`,
    [orgId, performanceId, mapId],
  );
}

const STATUS_COLUMNS = `seat_id AS "seatId", state, holder, hold_kind AS "holdKind", expires_at AS "expiresAt"`;

function toStatus(row: SeatStatus & { expiresAt: string | Date | null }): SeatStatus {
  return { ...row, expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString() };
}

export async function seatStatuses(db: Queryable, performanceId: string): Promise<SeatStatus[]> {
  const rows = await db.query<SeatStatus>(
    `SELECT ${STATUS_COLUMNS} FROM performance_seats WHERE performance_id = $1 ORDER BY seat_id`,
    [performanceId],
  );
  return rows.map(toStatus);
}

/** The given seats' rows, locked for a manager's change; seats not of this performance are missing. */
export async function lockSeatStatuses(
  db: Queryable,
  performanceId: string,
  seatIds: readonly string[],
): Promise<SeatStatus[]> {
  const rows = await db.query<SeatStatus>(
    `SELECT ${STATUS_COLUMNS} FROM performance_seats
      WHERE performance_id = $1 AND seat_id = ANY($2::uuid[]) ORDER BY seat_id FOR UPDATE`,
    [performanceId, seatIds],
  );
  return rows.map(toStatus);
}

export interface SeatStateChange {
  state: Extract<SeatState, 'free' | 'held' | 'blocked'>;
  /** `held`: the staff member holding them, the kind and when the hold lapses (null: until released). */
  holder?: string;
  holdKind?: HoldKind;
  expiresAt?: string | null;
}

/**
 * A manager's change of seats: every claim on them cleared (lease, cart, sale, expiry), then the new
 * state, at one new position. The caller has checked each seat may make this change.
 */
export async function setSeatStates(
  db: Queryable,
  orgId: string,
  performanceId: string,
  seatIds: readonly string[],
  change: SeatStateChange,
): Promise<void> {
  await writeSeats(db, orgId, performanceId, seatIds, change);
}
