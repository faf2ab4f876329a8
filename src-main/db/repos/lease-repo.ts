import type { LeaseView } from '../../../shared/sync/protocol';
import { prepared, type Db } from '../connection';

export type LeaseStatus = 'active' | 'returned' | 'expired' | 'void';

export interface LeaseRow {
  id: string;
  counter: string;
  requestId: string;
  epoch: number;
  granted: number;
  serverUsed: number;
  serverReturned: number;
  serverStatus: LeaseStatus;
  expiresAt: string;
  used: number;
  status: LeaseStatus;
  closedAt: string | null;
}

interface RawLease {
  id: string;
  counter: string;
  request_id: string;
  epoch: number;
  granted: number;
  server_used: number;
  server_returned: number;
  server_status: LeaseStatus;
  expires_at: string;
  used: number;
  status: LeaseStatus;
  closed_at: string | null;
}

const toLease = (r: RawLease): LeaseRow => ({
  id: r.id,
  counter: r.counter,
  requestId: r.request_id,
  epoch: r.epoch,
  granted: r.granted,
  serverUsed: r.server_used,
  serverReturned: r.server_returned,
  serverStatus: r.server_status,
  expiresAt: r.expires_at,
  used: r.used,
  status: r.status,
  closedAt: r.closed_at,
});

// A lease is spendable while this terminal has not stopped using it, the server still counts it as
// active (its clock may be ahead of ours), and its deadline has not passed.
const SPENDABLE = `status = 'active' AND server_status = 'active' AND expires_at > @now AND used < granted`;

/**
 * Takes in the server's view of a lease. `used` never drops below what the server has seen used: a
 * terminal restored from a backup must not spend again what its lost future already spent.
 */
export function upsertLease(db: Db, lease: LeaseView, at: string): void {
  const expiresAt = new Date(lease.expiresAt).toISOString();
  prepared(
    db,
    `INSERT INTO leases (id, counter, request_id, epoch, granted, server_used, server_returned, server_status,
       expires_at, used, status, closed_at)
     VALUES (@id, @counter, @requestId, @epoch, @granted, @used, @returned, @status, @expiresAt,
       min(@granted, @used), CASE WHEN @status IN ('active', 'expired') THEN 'active' ELSE @status END,
       CASE WHEN @status IN ('active', 'expired') THEN NULL ELSE @at END)
     ON CONFLICT (id) DO UPDATE SET granted = excluded.granted, server_used = excluded.server_used,
       server_returned = excluded.server_returned, server_status = excluded.server_status,
       expires_at = excluded.expires_at, used = max(leases.used, min(excluded.granted, excluded.server_used)),
       status = CASE WHEN leases.status = 'active' AND excluded.server_status IN ('returned', 'void')
         THEN excluded.server_status ELSE leases.status END,
       closed_at = CASE WHEN leases.status = 'active' AND excluded.server_status IN ('returned', 'void')
         THEN @at ELSE leases.closed_at END`,
  ).run({
    id: lease.id,
    counter: lease.counter,
    requestId: lease.requestId,
    epoch: lease.epoch,
    granted: lease.granted,
    used: lease.used,
    returned: lease.returned,
    status: lease.status,
    expiresAt,
    at,
  });
}

export function spendableLeases(db: Db, counter: string, now: string): LeaseRow[] {
  return (
    prepared(
      db,
      `SELECT * FROM leases WHERE counter = @counter AND ${SPENDABLE} ORDER BY expires_at, id`,
    ).all({ counter, now }) as RawLease[]
  ).map(toLease);
}

/** Units this terminal may still spend on a counter. */
export function heldUnits(db: Db, counter: string, now: string): number {
  return (
    prepared(
      db,
      `SELECT coalesce(sum(granted - used), 0) AS n FROM leases WHERE counter = @counter AND ${SPENDABLE}`,
    ).get({ counter, now }) as { n: number }
  ).n;
}

/** Counters this terminal holds (or held) a live lease on, with what is left of it. */
export function heldCounters(
  db: Db,
  now: string,
): { counter: string; held: number; granted: number; expiresAt: string }[] {
  return prepared(
    db,
    `SELECT counter, sum(granted - used) AS held, sum(granted) AS granted, min(expires_at) AS expiresAt
       FROM leases WHERE status = 'active' AND server_status = 'active' AND expires_at > @now
       GROUP BY counter ORDER BY counter`,
  ).all({ now }) as { counter: string; held: number; granted: number; expiresAt: string }[];
}

export function getLease(db: Db, id: string): LeaseRow | undefined {
  const row = prepared(db, 'SELECT * FROM leases WHERE id = ?').get(id) as RawLease | undefined;
  return row && toLease(row);
}

export function addLeaseUse(db: Db, id: string, units: number): void {
  prepared(db, 'UPDATE leases SET used = used + ? WHERE id = ?').run(units, id);
}

/** Active leases past their deadline (or that the server already counts as expired). */
export function leasesDue(db: Db, now: string): LeaseRow[] {
  return (
    prepared(
      db,
      `SELECT * FROM leases WHERE status = 'active' AND (expires_at <= @now OR server_status = 'expired') ORDER BY expires_at, id`,
    ).all({ now }) as RawLease[]
  ).map(toLease);
}

export function activeLeases(db: Db): LeaseRow[] {
  return (
    prepared(db, `SELECT * FROM leases WHERE status = 'active' ORDER BY expires_at, id`).all() as RawLease[]
  ).map(toLease);
}

export function closeLease(db: Db, id: string, status: Exclude<LeaseStatus, 'active'>, at: string): boolean {
  return (
    prepared(db, `UPDATE leases SET status = ?, closed_at = ? WHERE id = ? AND status = 'active'`).run(
      status,
      at,
      id,
    ).changes === 1
  );
}

/** A restore was detected: the server voided every lease of the old epoch. */
export function voidAllLeases(db: Db, at: string): void {
  prepared(db, `UPDATE leases SET status = 'void', closed_at = ? WHERE status = 'active'`).run(at);
  prepared(db, 'DELETE FROM lease_requests').run();
}

// ---------------------------------------------------------------------------------------------------
// Acquire requests, recorded before they are sent.

export interface LeaseRequestRow {
  requestId: string;
  counter: string;
  want: number;
  epoch: number;
  createdAt: string;
}

export function insertLeaseRequest(db: Db, r: LeaseRequestRow): void {
  prepared(
    db,
    'INSERT INTO lease_requests (request_id, counter, want, epoch, created_at) VALUES (@requestId, @counter, @want, @epoch, @createdAt)',
  ).run(r);
}

export function listLeaseRequests(db: Db): LeaseRequestRow[] {
  return prepared(
    db,
    'SELECT request_id AS requestId, counter, want, epoch, created_at AS createdAt FROM lease_requests ORDER BY created_at',
  ).all() as LeaseRequestRow[];
}

export function deleteLeaseRequest(db: Db, requestId: string): void {
  prepared(db, 'DELETE FROM lease_requests WHERE request_id = ?').run(requestId);
}

// ---------------------------------------------------------------------------------------------------
// What sales took from the escrow.

export interface SaleEscrowRow {
  id: number;
  saleId: string;
  counter: string;
  leaseId: string | null;
  units: number;
  givenBack: number;
}

export function insertSaleEscrow(
  db: Db,
  saleId: string,
  uses: readonly { counter: string; leaseId: string | null; units: number }[],
): void {
  const insert = prepared(
    db,
    'INSERT INTO sale_escrow (sale_id, counter, lease_id, units) VALUES (?, ?, ?, ?)',
  );
  for (const use of uses) insert.run(saleId, use.counter, use.leaseId, use.units);
}

export function listSaleEscrow(db: Db, saleId: string): SaleEscrowRow[] {
  return prepared(
    db,
    `SELECT id, sale_id AS saleId, counter, lease_id AS leaseId, units, given_back AS givenBack
       FROM sale_escrow WHERE sale_id = ? ORDER BY id`,
  ).all(saleId) as SaleEscrowRow[];
}

export function giveBackEscrow(db: Db, id: number, units: number): void {
  prepared(db, 'UPDATE sale_escrow SET given_back = given_back + ? WHERE id = ?').run(units, id);
}

// ---------------------------------------------------------------------------------------------------
// Usage: the server's count at the last pull plus what it had not seen yet.

export function upsertCodeUsage(
  db: Db,
  u: { codeId: string; uses: number; itemUses: number; discountGiven: number },
): void {
  prepared(
    db,
    `INSERT INTO code_usage (code_id, uses, item_uses, discount_given) VALUES (@codeId, @uses, @itemUses, @discountGiven)
     ON CONFLICT (code_id) DO UPDATE SET uses = excluded.uses, item_uses = excluded.item_uses,
       discount_given = excluded.discount_given`,
  ).run(u);
}

export function deleteCodeUsage(db: Db, codeId: string): void {
  prepared(db, 'DELETE FROM code_usage WHERE code_id = ?').run(codeId);
}

export interface UsageCounts {
  uses: number;
  itemUses: number;
  discountGiven: number;
}

export function serverUsage(db: Db, codeId: string): UsageCounts {
  const row = prepared(
    db,
    'SELECT uses, item_uses AS itemUses, discount_given AS discountGiven FROM code_usage WHERE code_id = ?',
  ).get(codeId) as UsageCounts | undefined;
  return row ?? { uses: 0, itemUses: 0, discountGiven: 0 };
}

export function insertRedemptionSync(
  db: Db,
  r: { redemptionId: string; codeId: string; saleSeq: number },
): void {
  prepared(db, 'INSERT INTO redemption_sync (redemption_id, code_id, sale_seq) VALUES (?, ?, ?)').run(
    r.redemptionId,
    r.codeId,
    r.saleSeq,
  );
}

export function markRedemptionReleased(db: Db, saleId: string, seq: number): void {
  prepared(
    db,
    `UPDATE redemption_sync SET release_seq = ? WHERE release_seq IS NULL
       AND redemption_id IN (SELECT id FROM redemptions WHERE sale_id = ?)`,
  ).run(seq, saleId);
}

/**
 * Uses the server had not counted at the last pull: redemptions pushed after it, less redemptions it
 * counted that a later void released.
 */
export function unsyncedUsage(db: Db, codeId: string, through: number): UsageCounts {
  return prepared(
    db,
    `SELECT
         coalesce(sum(CASE WHEN s.sale_seq > @through AND s.release_seq IS NULL THEN 1
                           WHEN s.sale_seq <= @through AND s.release_seq > @through THEN -1 ELSE 0 END), 0) AS uses,
         coalesce(sum(CASE WHEN s.sale_seq > @through AND s.release_seq IS NULL THEN r.item_uses
                           WHEN s.sale_seq <= @through AND s.release_seq > @through THEN -r.item_uses ELSE 0 END), 0) AS itemUses,
         coalesce(sum(CASE WHEN s.sale_seq > @through AND s.release_seq IS NULL THEN r.discount
                           WHEN s.sale_seq <= @through AND s.release_seq > @through THEN -r.discount ELSE 0 END), 0) AS discountGiven
       FROM redemption_sync s JOIN redemptions r ON r.id = s.redemption_id WHERE s.code_id = @codeId`,
  ).get({ codeId, through }) as UsageCounts;
}
