import type { ReleaseReason } from '../../../shared/sync/reservation-payloads';
import type { Db } from '../../db/connection';
import { addSold } from '../../db/repos/catalogue-repo';
import { addLeaseUse, getLease } from '../../db/repos/lease-repo';
import { appendOutbox } from '../../db/repos/outbox-repo';
import {
  closeReservation,
  heldPerPerformance,
  reservationEscrow,
  type ReservationRow,
} from '../../db/repos/reservation-repo';
import { newId } from '../../ids';

// Ending a hold: the one place that gives a reservation's seats back (docs/RESERVATIONS.md). Each
// function is synchronous and runs inside its caller's transaction.

/**
 * The seats leave performance_sold and the lease units go back to the leases they came from, while
 * those are still active (a lease already returned or expired keeps them: the server gives them to
 * the pool when the release or pickup arrives, as for a refund).
 */
function freeSeats(db: Db, reservationId: string): void {
  for (const [performanceId, units] of heldPerPerformance(db, reservationId))
    addSold(db, performanceId, -units);
  for (const row of reservationEscrow(db, reservationId)) {
    const lease = row.leaseId ? getLease(db, row.leaseId) : undefined;
    if (lease?.status === 'active') addLeaseUse(db, lease.id, -Math.min(row.units, lease.used));
  }
}

/** Expired or cancelled: the seats are free again and the release joins the outbox. False if not held. */
export function releaseHold(
  db: Db,
  reservation: Pick<ReservationRow, 'id'>,
  end: { reason: ReleaseReason; note: string | null; at: string; terminalId: string },
): boolean {
  const closed = closeReservation(db, reservation.id, {
    status: end.reason,
    at: end.at,
    reason: end.note ?? end.reason,
    saleId: null,
  });
  if (!closed) return false;
  freeSeats(db, reservation.id);
  appendOutbox(db, {
    mutationId: newId(),
    type: 'reservation.release',
    payload: {
      terminalId: end.terminalId,
      id: reservation.id,
      reason: end.reason,
      note: end.note,
      at: end.at,
    },
    createdAt: end.at,
  });
  return true;
}

/**
 * Picked up: the hold's seats are handed to the sale being committed in the same transaction, which
 * counts and leases them again itself, so nothing is counted twice. The pickup row precedes the sale's
 * in the outbox: the server frees the hold before the sale takes the seats.
 */
export function handOverHold(
  db: Db,
  reservationId: string,
  sale: { saleId: string; at: string; terminalId: string },
): boolean {
  const closed = closeReservation(db, reservationId, {
    status: 'picked_up',
    at: sale.at,
    reason: null,
    saleId: sale.saleId,
  });
  if (!closed) return false;
  freeSeats(db, reservationId);
  appendOutbox(db, {
    mutationId: newId(),
    type: 'reservation.pickup',
    payload: { terminalId: sale.terminalId, id: reservationId, saleId: sale.saleId, at: sale.at },
    createdAt: sale.at,
  });
  return true;
}
