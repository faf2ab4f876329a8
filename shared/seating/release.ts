import type { SeatState } from './types';

// Who owns a seat, as the server and a terminal both decide it (docs/SEATING.md "A seat's state", "A
// sold seat"). Both apply these same rules, so a terminal offline and the server agree on where a
// refunded seat goes without asking each other.

/** A seat lease as the release rule needs it. */
export interface SeatLeaseState {
  id: string;
  /** The terminal holding it. */
  terminalId: string;
  /** ISO instant; null while the terminal still holds it. */
  returnedAt: string | null;
  /** ISO instant: the performance's start. */
  expiresAt: string;
}

export type ReleasedSeat =
  { state: 'leased'; holder: string; leaseId: string; expiresAt: string } | { state: 'free' };

/**
 * Where a sold seat goes when its sale is refunded or voided: back to the lease it was sold from while
 * that lease lasts (not returned, not expired), so the window that sold it can sell it again offline;
 * otherwise free. `lease` is the lease `soldFromLease` names (undefined when it names none or an unknown one).
 */
export function releaseSoldSeat(
  soldFromLease: string | null,
  lease: SeatLeaseState | undefined,
  now: Date | string,
): ReleasedSeat {
  if (!soldFromLease || !lease || lease.id.toLowerCase() !== soldFromLease.toLowerCase()) {
    return { state: 'free' };
  }
  if (lease.returnedAt !== null) return { state: 'free' };
  if (Date.parse(lease.expiresAt) <= new Date(now).getTime()) return { state: 'free' };
  return { state: 'leased', holder: lease.terminalId, leaseId: lease.id, expiresAt: lease.expiresAt };
}

/** A seat's claim as the take rule needs it. */
export interface SeatClaim {
  state: SeatState;
  holder: string | null;
  expiresAt: string | null;
}

/**
 * Whether `taker` (a terminal id) may take the seat now: it is free, or another holder's cart has
 * lapsed (expiry is lazy: the row keeps its holder until someone else takes the seat), or it is the
 * taker's own cart. Held, sold and blocked seats are never taken this way, and neither is a seat
 * leased to another terminal, lapsed or not: that terminal may have sold it offline before the lease
 * ran out and not pushed yet, so only its return (which follows those sales in its outbox) or the
 * server ending its leases (a restore found, a revocation) frees the seat.
 */
export function takeableBy(claim: SeatClaim, taker: string, now: Date | string): boolean {
  if (claim.state === 'free') return true;
  if (claim.state !== 'cart') return false;
  if (claim.holder === taker) return true;
  return claim.expiresAt !== null && Date.parse(claim.expiresAt) <= new Date(now).getTime();
}
