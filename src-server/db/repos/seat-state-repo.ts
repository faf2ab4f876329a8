import type { HoldKind, SeatLabel, SeatState, SeatStatus } from '../../../shared/seating/types';
import type { Queryable } from '../database';
import { NEXT_POS, positionCte } from './change-pos';

// Seat states of seated performances (docs/SEATING.md "A seat's state"): every transition of a
// performance_seats row is one statement here, and each takes a change position
// (change-pos.ts), so a terminal asking "what changed since" never misses one. Lock order, as for every
// writer: the organisation's lock first (change-pos.ts), then the seat rows by seat id.

/** A seated performance as the seat routes need it. */
export interface SeatedPerformance {
  id: string;
  status: 'on_sale' | 'off_sale' | 'cancelled';
  startsAt: string;
  /** null: the performance has no seat map. */
  mapId: string | null;
  mapVersion: number | null;
}

export async function seatedPerformance(
  db: Queryable,
  orgId: string,
  performanceId: string,
): Promise<SeatedPerformance | undefined> {
  const rows = await db.query<SeatedPerformance>(
    `SELECT p.id, p.status, p.starts_at AS "startsAt", p.seat_map_id AS "mapId", m.version AS "mapVersion"
     FROM performances p LEFT JOIN seat_maps m ON m.id = p.seat_map_id
     WHERE p.org_id = $1 AND p.id = $2`,
    [orgId, performanceId],
  );
  return rows[0];
}

const STATUS_COLUMNS = `ps.seat_id AS "seatId", ps.state, ps.holder, ps.hold_kind AS "holdKind",
  ps.expires_at AS "expiresAt"`;

/**
 * Every seat of the performance (since 0), or those changed after `since`, and the position to ask
 * from next time: just below the watermark (change-pos.ts), read in the same statement, so every
 * change below it is in this answer and none can still appear there. Rows above it that are already
 * visible come too and come again next time, which costs a repeat, never a miss.
 */
export async function seatStatuses(
  db: Queryable,
  performanceId: string,
  since: number,
): Promise<{ statuses: SeatStatus[]; changePos: number }> {
  const rows = await db.query<SeatStatus & { pos: number; below: number }>(
    `WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint + xid_offset AS below FROM sync_clock)
     SELECT ${STATUS_COLUMNS}, ps.change_pos AS pos, w.below FROM w
     LEFT JOIN performance_seats ps ON ps.performance_id = $1 AND ($2::bigint = 0 OR ps.change_pos > $2)
     ORDER BY ps.seat_id`,
    [performanceId, since],
  );
  const below = rows[0]?.below ?? since + 1;
  const statuses = rows
    .filter((r) => r.pos !== null)
    .map(({ pos: _pos, below: _below, ...status }) => status);
  return { statuses, changePos: Math.max(since, below - 1) };
}

/** A seat's row, locked, with what a refusal or a review item names it by. */
export interface LockedSeat extends SeatStatus {
  leaseId: string | null;
  cartId: string | null;
  saleId: string | null;
  soldFromLease: string | null;
  label: SeatLabel;
}

const LOCKED_COLUMNS = `${STATUS_COLUMNS}, ps.lease_id AS "leaseId", ps.cart_id AS "cartId",
  ps.sale_id AS "saleId", ps.sold_from_lease AS "soldFromLease",
  json_build_object('seatId', ps.seat_id, 'section', sec.name, 'row', s.row_label, 'seat', s.seat_label) AS label`;

/**
 * The performance's rows of these seats (all of them when `seatIds` is null), locked until commit in
 * seat id order, so two takers of overlapping seats queue instead of deadlocking.
 */
export async function lockSeats(
  db: Queryable,
  performanceId: string,
  seatIds: readonly string[] | null,
): Promise<LockedSeat[]> {
  return db.query<LockedSeat>(
    `SELECT ${LOCKED_COLUMNS}
     FROM performance_seats ps JOIN seats s ON s.id = ps.seat_id JOIN seat_sections sec ON sec.id = s.section_id
     WHERE ps.performance_id = $1 ${seatIds ? 'AND ps.seat_id = ANY($2::uuid[])' : ''}
     ORDER BY ps.seat_id FOR UPDATE OF ps`,
    seatIds ? [performanceId, seatIds] : [performanceId],
  );
}

/** A row's state and owner after a transition; the columns the state does not use are cleared. */
export interface SeatWrite {
  state: SeatState;
  holder?: string | null;
  holdKind?: HoldKind | null;
  expiresAt?: string | null;
  leaseId?: string | null;
  cartId?: string | null;
  saleId?: string | null;
  soldFromLease?: string | null;
}

/**
 * Sets these seats of the performance to `next`, each under the organisation's next change position:
 * the one statement every transition uses, a terminal's or a manager's (performance-seat-repo.ts).
 */
export async function writeSeats(
  db: Queryable,
  orgId: string,
  performanceId: string,
  seatIds: readonly string[],
  next: SeatWrite,
): Promise<void> {
  if (seatIds.length === 0) return;
  await db.query(
    `WITH ${positionCte()}
     UPDATE performance_seats SET state = $4, holder = $5, hold_kind = $6, expires_at = $7, lease_id = $8,
       cart_id = $9, sale_id = $10, sold_from_lease = $11, change_pos = ${NEXT_POS}, updated_at = now()
     WHERE org_id = $1 AND performance_id = $2 AND seat_id = ANY($3::uuid[])`,
    [
      orgId,
      performanceId,
      seatIds,
      next.state,
      next.holder ?? null,
      next.holdKind ?? null,
      next.expiresAt ?? null,
      next.leaseId ?? null,
      next.cartId ?? null,
      next.saleId ?? null,
      next.soldFromLease ?? null,
    ],
  );
}

export interface SeatScope {
  orgId: string;
  performanceId: string;
}

export const freeSeats = (db: Queryable, at: SeatScope, seatIds: readonly string[]) =>
  writeSeats(db, at.orgId, at.performanceId, seatIds, { state: 'free' });

export const putInCart = (
  db: Queryable,
  at: SeatScope,
  seatIds: readonly string[],
  cart: { terminalId: string; cartId: string; expiresAt: string },
) =>
  writeSeats(db, at.orgId, at.performanceId, seatIds, {
    state: 'cart',
    holder: cart.terminalId,
    cartId: cart.cartId,
    expiresAt: cart.expiresAt,
  });

export const leaseSeats = (
  db: Queryable,
  at: SeatScope,
  seatIds: readonly string[],
  lease: { terminalId: string; leaseId: string; expiresAt: string },
) =>
  writeSeats(db, at.orgId, at.performanceId, seatIds, {
    state: 'leased',
    holder: lease.terminalId,
    leaseId: lease.leaseId,
    expiresAt: lease.expiresAt,
  });

export const sellSeats = (
  db: Queryable,
  at: SeatScope,
  seatIds: readonly string[],
  sale: { saleId: string; soldFromLease: string | null },
) => writeSeats(db, at.orgId, at.performanceId, seatIds, { state: 'sold', ...sale });

/** The cart's other seats on the server get the new expiry too: the cart lives on. */
export async function renewCart(
  db: Queryable,
  at: SeatScope,
  cart: { terminalId: string; cartId: string; expiresAt: string },
): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     UPDATE performance_seats SET expires_at = $5, change_pos = ${NEXT_POS}, updated_at = now()
     WHERE org_id = $1 AND performance_id = $2 AND state = 'cart' AND holder = $3 AND cart_id = $4 AND expires_at <> $5`,
    [at.orgId, at.performanceId, cart.terminalId, cart.cartId, cart.expiresAt],
  );
}

/** Seats of a lease still leased under it (sold ones are not), by performance. */
export async function seatsOfLease(db: Queryable, leaseId: string): Promise<string[]> {
  const rows = await db.query<{ seatId: string }>(
    `SELECT seat_id AS "seatId" FROM performance_seats WHERE lease_id = $1 AND state = 'leased' ORDER BY seat_id`,
    [leaseId],
  );
  return rows.map((r) => r.seatId);
}
