import type { ReservationStatus } from '../../../shared/reservations/rules';
import type { ReservationLine } from '../../../shared/sync/reservation-payloads';
import { prepared, type Db } from '../connection';
import { fromRow, insertRow } from '../rows';

// Reservations held at this terminal (migrations/terminal/0024_reservations.sql, docs/RESERVATIONS.md).

export interface ReservationRow {
  id: string;
  reference: string;
  terminalId: string;
  staffId: string;
  customerName: string;
  customerPhone: string | null;
  customerEmail: string | null;
  /** CustomerInput as JSON. */
  customer: string;
  currency: string;
  total: number;
  expiresAt: string;
  createdAt: string;
  status: ReservationStatus;
  closedAt: string | null;
  closedReason: string | null;
  saleId: string | null;
}

export interface ReservationEscrowRow {
  counter: string;
  leaseId: string | null;
  units: number;
}

/** The reservation, its lines and the lease units it took; call inside its transaction. */
export function insertReservation(
  db: Db,
  row: Omit<ReservationRow, 'status' | 'closedAt' | 'closedReason' | 'saleId'>,
  lines: readonly ReservationLine[],
  escrow: readonly ReservationEscrowRow[],
  newId: () => string,
): void {
  insertRow(db, 'reservations', row);
  lines.forEach((line, position) =>
    insertRow(db, 'reservation_lines', { id: newId(), reservationId: row.id, position, ...line }),
  );
  for (const e of escrow)
    if (e.units > 0) insertRow(db, 'reservation_escrow', { reservationId: row.id, ...e });
}

export function getReservation(db: Db, id: string): ReservationRow | undefined {
  const row = prepared(db, 'SELECT * FROM reservations WHERE id = ?').get(id);
  return row ? fromRow<ReservationRow>(row) : undefined;
}

export function findReservationByReference(db: Db, reference: string): ReservationRow | undefined {
  const row = prepared(db, 'SELECT * FROM reservations WHERE reference = ? COLLATE NOCASE').get(reference);
  return row ? fromRow<ReservationRow>(row) : undefined;
}

/**
 * Reservations for one performance (or all), matching a reference, name or phone fragment; newest
 * expiry last so the will-call list reads in pickup order.
 */
export function listReservations(
  db: Db,
  filter: { performanceId?: string | undefined; query?: string | undefined },
): ReservationRow[] {
  const like = filter.query ? `%${filter.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  const rows = prepared(
    db,
    `SELECT r.* FROM reservations r
     WHERE (@performanceId IS NULL OR EXISTS (
             SELECT 1 FROM reservation_lines l WHERE l.reservation_id = r.id AND l.performance_id = @performanceId))
       AND (@like IS NULL OR r.reference LIKE @like ESCAPE '\\' OR r.customer_name LIKE @like ESCAPE '\\'
            OR coalesce(r.customer_phone, '') LIKE @like ESCAPE '\\'
            OR coalesce(r.customer_email, '') LIKE @like ESCAPE '\\')
     ORDER BY r.expires_at, r.reference LIMIT 500`,
  ).all({ performanceId: filter.performanceId ?? null, like });
  return rows.map((r) => fromRow<ReservationRow>(r));
}

export function reservationLines(db: Db, reservationId: string): ReservationLine[] {
  return prepared(
    db,
    `SELECT performance_id, price_id, ticket_type_id, name, detail, qty, unit_price
     FROM reservation_lines WHERE reservation_id = ? ORDER BY position`,
  )
    .all(reservationId)
    .map((r) => fromRow<ReservationLine>(r));
}

export function reservationEscrow(db: Db, reservationId: string): ReservationEscrowRow[] {
  return prepared(
    db,
    'SELECT counter, lease_id, units FROM reservation_escrow WHERE reservation_id = ? ORDER BY id',
  )
    .all(reservationId)
    .map((r) => fromRow<ReservationEscrowRow>(r));
}

/** Held reservations whose expiry has come. */
export function reservationsDue(db: Db, now: string): ReservationRow[] {
  return prepared(
    db,
    `SELECT * FROM reservations WHERE status = 'held' AND expires_at <= ? ORDER BY expires_at, id`,
  )
    .all(now)
    .map((r) => fromRow<ReservationRow>(r));
}

/** Ends a held reservation; false when it was no longer held (nothing changes then). */
export function closeReservation(
  db: Db,
  id: string,
  end: {
    status: Exclude<ReservationStatus, 'held'>;
    at: string;
    reason: string | null;
    saleId: string | null;
  },
): boolean {
  return (
    prepared(
      db,
      `UPDATE reservations SET status = @status, closed_at = @at, closed_reason = @reason, sale_id = @saleId
       WHERE id = @id AND status = 'held'`,
    ).run({ id, ...end }).changes === 1
  );
}

/** Units each performance holds in reservations still held (for the reference count in tests and views). */
export function heldPerPerformance(db: Db, reservationId: string): Map<string, number> {
  const held = new Map<string, number>();
  for (const line of reservationLines(db, reservationId))
    held.set(line.performanceId, (held.get(line.performanceId) ?? 0) + line.qty);
  return held;
}
