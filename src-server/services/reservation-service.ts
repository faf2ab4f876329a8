import { shownStatus, unitsOf, type ReservationView } from '../../shared/reservations/rules';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { lockOrganisationForSales } from '../db/repos/change-pos';
import * as reservations from '../db/repos/reservation-repo';
import { giveHoldBack } from './reservation-apply';

// The server's side of reservations (docs/RESERVATIONS.md "On the server"): its own expiry sweep and
// the will-call list across terminals, with the performance's seat figures counting held seats.

/** A performance's seats as the server counts them: held seats count until their expiry. */
export interface CapacityFigures {
  capacity: number;
  /** Valid tickets of pushed sales. */
  sold: number;
  /** Seats in reservations still held (not picked up, released or past expiry). */
  held: number;
  left: number;
}

/**
 * Records the end of every hold past its expiry (closed_by 'server') and gives its lease units back.
 * A terminal's own release of the same hold arrives later and changes nothing. Returns how many ended.
 */
export async function sweepReservations(ctx: ServerContext, orgId: string): Promise<number> {
  const now = ctx.now().toISOString();
  return ctx.db.transaction(async (tx) => {
    // The push batch's lock order: the organisation's lock first, then reservations and leases.
    await lockOrganisationForSales(tx, orgId);
    const due = await reservations.lockDue(tx, orgId, now);
    for (const held of due) {
      await reservations.closeReservation(tx, held.id, {
        status: 'expired',
        at: held.expiresAt,
        reason: 'expired',
        by: 'server',
        saleId: null,
      });
      await giveHoldBack(tx, orgId, held.terminalId, held.escrow);
    }
    return due.length;
  });
}

export async function capacityFigures(
  ctx: ServerContext,
  orgId: string,
  performanceId: string,
): Promise<CapacityFigures | null> {
  const now = ctx.now().toISOString();
  const rows = await ctx.db.query<{ capacity: number; sold: string | number }>(
    `SELECT p.capacity, (SELECT count(*) FROM tickets t
        WHERE t.org_id = p.org_id AND t.performance_id = p.id::text AND t.status = 'valid') AS sold
     FROM performances p WHERE p.org_id = $1 AND p.id = $2`,
    [orgId, performanceId],
  );
  const row = rows[0];
  if (!row) return null;
  const held = await reservations.heldSeats(ctx.db, orgId, performanceId, now);
  const sold = Number(row.sold);
  return { capacity: row.capacity, sold, held, left: Math.max(0, row.capacity - sold - held) };
}

/** GET /v1/sync/reservations: every terminal's reservations for a performance (or one reference). */
export async function listReservationsFor(
  ctx: ServerContext,
  principal: Principal,
  filter: { performanceId?: string | undefined; reference?: string | undefined },
): Promise<{ reservations: ReservationView[]; capacity: CapacityFigures | null }> {
  await sweepReservations(ctx, principal.orgId);
  const now = ctx.now().getTime();
  const rows = await reservations.listReservations(ctx.db, principal.orgId, filter);
  return {
    reservations: rows.map((r) => ({ ...r, units: unitsOf(r.lines), status: shownStatus(r, now) })),
    capacity: filter.performanceId ? await capacityFigures(ctx, principal.orgId, filter.performanceId) : null,
  };
}
