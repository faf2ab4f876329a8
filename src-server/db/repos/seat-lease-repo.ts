import type { SeatLeaseState } from '../../../shared/seating/release';
import type { SeatLeasePlan, SeatLeaseView } from '../../../shared/sync/seat-protocol';
import type { Queryable } from '../database';

// Seat lease plans, seat leases and acquire requests (docs/SEATING.md "Offline: seat leases"). The
// seats themselves change in seat-state-repo.ts.

const PLAN_COLUMNS = `terminal_id AS "terminalId", performance_id AS "performanceId", seats,
  section_id AS "sectionId", band, updated_at AS "updatedAt"`;

export async function listPlans(db: Queryable, orgId: string, terminalId: string): Promise<SeatLeasePlan[]> {
  return db.query<SeatLeasePlan>(
    `SELECT ${PLAN_COLUMNS} FROM seat_lease_plans WHERE org_id = $1 AND terminal_id = $2
     ORDER BY performance_id`,
    [orgId, terminalId],
  );
}

export async function getPlan(
  db: Queryable,
  orgId: string,
  terminalId: string,
  performanceId: string,
): Promise<SeatLeasePlan | undefined> {
  const rows = await db.query<SeatLeasePlan>(
    `SELECT ${PLAN_COLUMNS} FROM seat_lease_plans WHERE org_id = $1 AND terminal_id = $2 AND performance_id = $3`,
    [orgId, terminalId, performanceId],
  );
  return rows[0];
}

export async function upsertPlan(
  db: Queryable,
  p: {
    id: string;
    orgId: string;
    terminalId: string;
    performanceId: string;
    seats: number;
    sectionId: string | null;
    band: string | null;
  },
): Promise<SeatLeasePlan> {
  const rows = await db.query<SeatLeasePlan>(
    `INSERT INTO seat_lease_plans (id, org_id, terminal_id, performance_id, seats, section_id, band)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (terminal_id, performance_id) DO UPDATE SET seats = excluded.seats,
       section_id = excluded.section_id, band = excluded.band, updated_at = now()
     RETURNING ${PLAN_COLUMNS}`,
    [p.id, p.orgId, p.terminalId, p.performanceId, p.seats, p.sectionId, p.band],
  );
  return rows[0] as SeatLeasePlan;
}

export async function deletePlan(
  db: Queryable,
  orgId: string,
  terminalId: string,
  performanceId: string,
): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM seat_lease_plans WHERE org_id = $1 AND terminal_id = $2 AND performance_id = $3 RETURNING 1`,
    [orgId, terminalId, performanceId],
  );
  return rows.length > 0;
}

/** An acquire request already answered: its refusals as the first answer gave them. */
export async function findRequest(
  db: Queryable,
  terminalId: string,
  requestId: string,
): Promise<{ performanceId: string; message: string }[] | undefined> {
  const rows = await db.query<{ refusals: { performanceId: string; message: string }[] }>(
    'SELECT refusals FROM seat_lease_requests WHERE terminal_id = $1 AND request_id = $2',
    [terminalId, requestId],
  );
  return rows[0]?.refusals;
}

export async function recordRequest(
  db: Queryable,
  r: {
    orgId: string;
    terminalId: string;
    requestId: string;
    refusals: { performanceId: string; message: string }[];
  },
): Promise<void> {
  await db.query(
    `INSERT INTO seat_lease_requests (terminal_id, request_id, org_id, refusals) VALUES ($1, $2, $3, $4::jsonb)`,
    [r.terminalId, r.requestId, r.orgId, JSON.stringify(r.refusals)],
  );
}

export async function insertLease(
  db: Queryable,
  l: {
    id: string;
    orgId: string;
    terminalId: string;
    performanceId: string;
    requestId: string;
    expiresAt: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO seat_leases (id, org_id, terminal_id, performance_id, request_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [l.id, l.orgId, l.terminalId, l.performanceId, l.requestId, l.expiresAt],
  );
}

/** Every lease the terminal holds now (not returned, not expired), with the seats still leased under it. */
export async function heldLeases(db: Queryable, terminalId: string, now: string): Promise<SeatLeaseView[]> {
  return db.query<SeatLeaseView>(
    `SELECT l.id, l.performance_id AS "performanceId", l.expires_at AS "expiresAt",
       COALESCE(array_agg(ps.seat_id::text ORDER BY ps.seat_id) FILTER (WHERE ps.seat_id IS NOT NULL), '{}') AS "seatIds"
     FROM seat_leases l
     LEFT JOIN performance_seats ps ON ps.lease_id = l.id AND ps.state = 'leased'
     WHERE l.terminal_id = $1 AND l.returned_at IS NULL AND l.expires_at > $2
     GROUP BY l.id ORDER BY l.performance_id, l.granted_at, l.id`,
    [terminalId, now],
  );
}

/** Seats of the performance leased to the terminal now: what counts towards its plan. */
export async function leasedCount(db: Queryable, terminalId: string, performanceId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM performance_seats
     WHERE performance_id = $1 AND state = 'leased' AND holder = $2`,
    [performanceId, terminalId],
  );
  return rows[0]?.n ?? 0;
}

export interface SeatLeaseRow extends SeatLeaseState {
  performanceId: string;
}

const LEASE_COLUMNS = `id, terminal_id AS "terminalId", performance_id AS "performanceId",
  returned_at AS "returnedAt", expires_at AS "expiresAt"`;

/** The lease, locked until commit (a return and a refund of a seat sold from it take turns). */
export async function lockLease(db: Queryable, orgId: string, id: string): Promise<SeatLeaseRow | undefined> {
  const rows = await db.query<SeatLeaseRow>(
    `SELECT ${LEASE_COLUMNS} FROM seat_leases WHERE org_id = $1 AND id = $2 FOR UPDATE`,
    [orgId, id],
  );
  return rows[0];
}

/**
 * Every lease of the terminal not yet returned, expired or not (its seats stay leased to it until
 * returned or taken: lazy expiry), locked until commit in id order.
 */
export async function lockOpenLeasesOf(db: Queryable, terminalId: string): Promise<SeatLeaseRow[]> {
  return db.query<SeatLeaseRow>(
    `SELECT ${LEASE_COLUMNS} FROM seat_leases WHERE terminal_id = $1 AND returned_at IS NULL
     ORDER BY id FOR UPDATE`,
    [terminalId],
  );
}

export async function markReturned(db: Queryable, id: string, at: string): Promise<void> {
  await db.query('UPDATE seat_leases SET returned_at = $2 WHERE id = $1 AND returned_at IS NULL', [id, at]);
}
