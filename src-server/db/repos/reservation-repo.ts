import type { ReservationStatus, ReservationView } from '../../../shared/reservations/rules';
import type { LeaseUse } from '../../../shared/sync/protocol';
import type { ReservationCreatePayload } from '../../../shared/sync/reservation-payloads';
import type { Queryable } from '../database';

// pos_reservations (migrations/server/0029_reservations.sql, docs/RESERVATIONS.md).

export interface HeldReservation {
  id: string;
  terminalId: string;
  status: ReservationStatus;
  expiresAt: string;
  escrow: LeaseUse[];
}

export async function insertReservation(
  db: Queryable,
  r: ReservationCreatePayload & { orgId: string; mutationId: string; backed: LeaseUse[] },
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO pos_reservations (id, org_id, terminal_id, mutation_id, reference, staff_id, customer_name,
       customer_phone, customer_email, currency, total, lines, escrow, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      r.id,
      r.orgId,
      r.terminalId,
      r.mutationId,
      r.reference,
      r.staffId,
      r.customerName,
      r.customerPhone,
      r.customerEmail,
      r.currency,
      r.total,
      JSON.stringify(r.lines),
      JSON.stringify(r.backed),
      r.expiresAt,
      r.createdAt,
    ],
  );
  if (rows.length === 0) return false;
  const units = new Map<string, number>();
  for (const line of r.lines) units.set(line.performanceId, (units.get(line.performanceId) ?? 0) + line.qty);
  await db.query(
    `INSERT INTO pos_reservation_units (reservation_id, performance_id, units)
     SELECT $1, u.performance_id, u.units FROM jsonb_to_recordset($2::jsonb) AS u(performance_id uuid, units bigint)`,
    [r.id, JSON.stringify([...units].map(([performance_id, n]) => ({ performance_id, units: n })))],
  );
  return true;
}

const HELD_COLUMNS = `id, terminal_id AS "terminalId", status, expires_at AS "expiresAt", escrow`;

export async function lockReservation(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<HeldReservation | undefined> {
  const rows = await db.query<HeldReservation & { expiresAt: Date | string }>(
    `SELECT ${HELD_COLUMNS} FROM pos_reservations WHERE org_id = $1 AND id = $2 FOR UPDATE`,
    [orgId, id],
  );
  const row = rows[0];
  return row && { ...row, expiresAt: new Date(row.expiresAt).toISOString() };
}

/** Held reservations whose expiry has passed, locked for the sweep. */
export async function lockDue(db: Queryable, orgId: string, now: string): Promise<HeldReservation[]> {
  const rows = await db.query<HeldReservation & { expiresAt: Date | string }>(
    `SELECT ${HELD_COLUMNS} FROM pos_reservations
     WHERE org_id = $1 AND status = 'held' AND expires_at <= $2 ORDER BY expires_at, id FOR UPDATE`,
    [orgId, now],
  );
  return rows.map((row) => ({ ...row, expiresAt: new Date(row.expiresAt).toISOString() }));
}

export async function closeReservation(
  db: Queryable,
  id: string,
  end: {
    status: Exclude<ReservationStatus, 'held'>;
    at: string;
    reason: string | null;
    by: 'terminal' | 'server';
    saleId: string | null;
  },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE pos_reservations SET status = $2, closed_at = $3, closed_reason = $4, closed_by = $5, sale_id = $6
     WHERE id = $1 AND status = 'held' RETURNING id`,
    [id, end.status, end.at, end.reason, end.by, end.saleId],
  );
  return rows.length === 1;
}

/** Seats a performance's reservations hold now: held and not yet past their expiry. */
export async function heldSeats(
  db: Queryable,
  orgId: string,
  performanceId: string,
  now: string,
): Promise<number> {
  const rows = await db.query<{ n: string | number }>(
    `SELECT coalesce(sum(u.units), 0) AS n FROM pos_reservation_units u
     JOIN pos_reservations r ON r.id = u.reservation_id
     WHERE r.org_id = $1 AND u.performance_id = $2 AND r.status = 'held' AND r.expires_at > $3`,
    [orgId, performanceId, now],
  );
  return Number(rows[0]?.n ?? 0);
}

/** The will-call list: one performance's reservations, or the one with a reference. */
export async function listReservations(
  db: Queryable,
  orgId: string,
  filter: { performanceId?: string | undefined; reference?: string | undefined },
): Promise<Omit<ReservationView, 'units'>[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT r.id, r.reference, r.terminal_id AS "terminalId", t.name AS "terminalName",
       r.customer_name AS "customerName", r.customer_phone AS "customerPhone",
       r.customer_email AS "customerEmail", r.currency, r.total::bigint AS total, r.lines,
       r.expires_at AS "expiresAt", r.created_at AS "createdAt", r.status, r.closed_at AS "closedAt",
       r.closed_reason AS "closedReason"
     FROM pos_reservations r LEFT JOIN terminals t ON t.id = r.terminal_id
     WHERE r.org_id = $1
       AND ($2::uuid IS NULL OR EXISTS (
             SELECT 1 FROM pos_reservation_units u WHERE u.reservation_id = r.id AND u.performance_id = $2::uuid))
       AND ($3::text IS NULL OR upper(r.reference) = upper($3))
     ORDER BY r.expires_at, r.reference LIMIT 500`,
    [orgId, filter.performanceId ?? null, filter.reference ?? null],
  );
  const iso = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
  return rows.map((r) => ({
    ...r,
    total: Number(r.total),
    expiresAt: iso(r.expiresAt),
    createdAt: iso(r.createdAt),
    closedAt: iso(r.closedAt),
  })) as unknown as Omit<ReservationView, 'units'>[];
}

/** Lease units a reservation holds, counted as used like a sale's; false when the lease lacks them. */
export async function holdOnLease(db: Queryable, leaseId: string, units: number): Promise<boolean> {
  const rows = await db.query(
    'UPDATE escrow_leases SET used = used + $2 WHERE id = $1 AND granted - used - returned >= $2 RETURNING id',
    [leaseId, units],
  );
  return rows.length === 1;
}
