import { counterKey, type LeaseUse } from '../../shared/sync/protocol';
import {
  reservationCreatePayloadSchema,
  reservationPickupPayloadSchema,
  reservationReleasePayloadSchema,
} from '../../shared/sync/reservation-payloads';
import type { Queryable } from '../db/database';
import * as escrow from '../db/repos/escrow-repo';
import * as reservations from '../db/repos/reservation-repo';
import type { TerminalSyncRow } from '../db/repos/terminal-repo';
import { reject } from '../errors';
import type { MutationScope } from './mutation-scope';
import { parsePayload } from './payload-parse';

// Applying the reservation mutations (docs/RESERVATIONS.md "On the server"). The hold's lease units
// count as used on their leases, like a sale's, so a lease that ends or is returned does not send held
// seats back to the pool; the end of the hold gives them back the way a refund does. These run after
// the batch's deferred rows are written (READS_DEFERRED in mutation-scope.ts) and read leases afresh.

/** Gives a hold's lease units back: to the lease while this terminal still uses it, else to the pool. */
export async function giveHoldBack(
  tx: Queryable,
  orgId: string,
  terminalId: string,
  held: readonly LeaseUse[],
) {
  for (const use of held) {
    const lease = await escrow.lockLease(tx, orgId, use.leaseId);
    if (!lease) continue;
    if (lease.status === 'active' && lease.terminalId === terminalId)
      await escrow.giveBackToLease(tx, lease.id, use.units);
    else await escrow.giveBackToPool(tx, orgId, lease.id, use.counter, use.units);
  }
}

export async function applyReservationCreate(
  scope: MutationScope,
  mutationId: string,
  payload: unknown,
): Promise<string | undefined> {
  const p = parsePayload(reservationCreatePayloadSchema, payload, 'reservation.create');
  const { terminal } = scope;
  const total = p.lines.reduce((n, l) => n + l.unitPrice * l.qty, 0);
  if (total !== p.total)
    reject(
      'MONEY_MISMATCH',
      `The reservation does not add up: lines ${total}, total ${p.total} (minor units).`,
    );
  const seats = new Set<string>();
  for (const line of p.lines) {
    if (!(await scope.performanceExists(line.performanceId)))
      reject('UNKNOWN_PERFORMANCE', `Performance ${line.performanceId} is not known to the server.`);
    seats.add(counterKey({ kind: 'capacity', id: line.performanceId }));
  }
  return scope.run(async (tx) => {
    const backed = await backHold(tx, terminal, p.escrow.leaseUses, seats, p.createdAt);
    const stored = await reservations.insertReservation(tx, {
      ...p,
      orgId: terminal.orgId,
      mutationId,
      backed,
    });
    if (!stored) return 'This reservation is on the server already; nothing changed.';
    const short =
      p.escrow.leaseUses.reduce((n, u) => n + u.units, 0) - backed.reduce((n, u) => n + u.units, 0);
    return short > 0 ? `${short} held seats were not backed by this terminal's leases.` : undefined;
  });
}

/** The lease uses the server can back: this terminal's active leases on the hold's seats, before their end. */
async function backHold(
  tx: Queryable,
  terminal: TerminalSyncRow,
  uses: readonly LeaseUse[],
  seats: ReadonlySet<string>,
  at: string,
): Promise<LeaseUse[]> {
  const backed: LeaseUse[] = [];
  for (const use of uses) {
    if (!seats.has(use.counter) || use.units <= 0) continue;
    const lease = await escrow.lockLease(tx, terminal.orgId, use.leaseId);
    const usable =
      lease?.terminalId === terminal.id &&
      lease.counter === use.counter &&
      lease.status === 'active' &&
      Date.parse(at) < Date.parse(lease.expiresAt);
    if (usable && (await reservations.holdOnLease(tx, lease.id, use.units))) backed.push(use);
  }
  return backed;
}

/** Ends a hold the terminal ended (released or picked up); a hold the server's sweep ended stays as it is. */
async function endHold(
  scope: MutationScope,
  id: string,
  end: {
    status: 'expired' | 'cancelled' | 'picked_up';
    at: string;
    reason: string | null;
    saleId: string | null;
  },
): Promise<string | undefined> {
  const { terminal } = scope;
  return scope.run(async (tx) => {
    const held = await reservations.lockReservation(tx, terminal.orgId, id);
    if (!held || held.terminalId !== terminal.id)
      reject('UNKNOWN_RESERVATION', `Reservation ${id} is not one this terminal pushed.`);
    if (!(await reservations.closeReservation(tx, id, { ...end, by: 'terminal' })))
      return `The reservation was ${held.status} on the server already; nothing changed.`;
    await giveHoldBack(tx, terminal.orgId, terminal.id, held.escrow);
    return undefined;
  });
}

export async function applyReservationRelease(scope: MutationScope, payload: unknown) {
  const p = parsePayload(reservationReleasePayloadSchema, payload, 'reservation.release');
  return endHold(scope, p.id, { status: p.reason, at: p.at, reason: p.note ?? p.reason, saleId: null });
}

export async function applyReservationPickup(scope: MutationScope, payload: unknown) {
  const p = parsePayload(reservationPickupPayloadSchema, payload, 'reservation.pickup');
  return endHold(scope, p.id, { status: 'picked_up', at: p.at, reason: null, saleId: p.saleId });
}
