import type { Queryable } from '../database';

// shared/sync/DECISIONS.md "Pull": every write to a synced row takes a change position, and a pull
// pages by position. A position is the writing transaction's id plus the clock's offset (server
// migration 0042), so writers share no counter and no lock: redemptions of different codes and pushes
// from different terminals run side by side. Transaction ids are handed out in start order, not commit
// order, so a position can become visible after a higher one; the watermark below is the pull's guard.

/** The writing transaction's position; every row one transaction writes shares it. */
const POSITION = '(pg_current_xact_id()::text::bigint + (SELECT xid_offset FROM sync_clock))';

/** A `pos` CTE yielding the transaction's position; reference it as NEXT_POS. */
export function positionCte(): string {
  return `pos AS (SELECT ${POSITION} AS last_pos)`;
}

export const NEXT_POS = '(SELECT last_pos FROM pos)';

/**
 * The first position not yet safe to read past: that of the oldest transaction still running (or of
 * the next one to start). Every position below it is committed or rolled back and visible to any
 * snapshot taken from now on, and no transaction can still write one, so a reader that stops below it
 * never skips a change. A transaction's own writes sit at or above it.
 */
export async function watermark(db: Queryable): Promise<number> {
  const [row] = await db.query<{ w: string }>(
    `SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::bigint + xid_offset)::text AS w FROM sync_clock`,
  );
  return Number(row?.w);
}

// The organisation's lock, in two modes, is what remains of the old counter's row lock. Back-office
// edits (catalogue, staff and roles, codes, seat maps, layouts, organisation settings, customers) take
// it exclusively: each reads a version and writes after it, and a push batch caches staff, approvers,
// keys, performances and code terms for its whole length on the promise that no edit commits under it.
// The selling side (push batches, redemptions, seat carts and leases, the reservation sweep) takes it
// shared, so those run side by side and only wait for an edit. A transaction-scoped advisory lock, so
// nothing is written to take it, taken before any row the organisation's writers share (a terminal's
// own row may come first), so waiting for it never closes a cycle with a row lock.

const LOCK_KEY = `hashtextextended('organisation:' || $1::text, 0)`;

/** A back-office edit: waits for the selling side and other edits, then has the organisation alone. */
export async function lockOrganisationForEdit(db: Queryable, orgId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`, [orgId]);
}

/** A push batch, a redemption, a seat or lease change: runs beside the others, never beside an edit. */
export async function lockOrganisationForSales(db: Queryable, orgId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock_shared(${LOCK_KEY})`, [orgId]);
}
