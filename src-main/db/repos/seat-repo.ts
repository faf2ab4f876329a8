import { releaseSoldSeat } from '../../../shared/seating/release';
import type { SeatMap, SeatStatus } from '../../../shared/seating/types';
import { prepared, type Db } from '../connection';
import { PENDING_OUTBOX_ROWS } from './outbox-repo';

// Reserved seating on the terminal (migrations/terminal/0026_seating.sql, docs/SEATING.md "At the
// window"): the pulled maps, the cache of seat states, the seat leases, and the seat lease request.

export function upsertSeatMap(db: Db, map: SeatMap): void {
  prepared(
    db,
    `INSERT INTO seat_maps (id, version, map) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, map = excluded.map`,
  ).run(map.id, map.version, JSON.stringify(map));
}

export function deleteSeatMap(db: Db, id: string): void {
  prepared(
    db,
    'DELETE FROM seat_maps WHERE id = ? AND NOT EXISTS (SELECT 1 FROM performances WHERE seat_map_id = ?)',
  ).run(id, id);
}

export function setPerformanceSeatMap(db: Db, performanceId: string, seatMapId: string | null): void {
  prepared(db, 'UPDATE performances SET seat_map_id = ? WHERE id = ?').run(seatMapId, performanceId);
}

/** The map a performance uses; undefined when it is unseated or its map has not arrived yet. */
export function seatMapOfPerformance(db: Db, performanceId: string): SeatMap | undefined {
  const row = prepared(
    db,
    'SELECT m.map FROM performances p JOIN seat_maps m ON m.id = p.seat_map_id WHERE p.id = ?',
  ).get(performanceId) as { map: string } | undefined;
  return row ? (JSON.parse(row.map) as SeatMap) : undefined;
}

/** Which map, at which version, a performance uses (without reading the map itself). */
export function seatMapRefOfPerformance(
  db: Db,
  performanceId: string,
): { id: string; version: number } | undefined {
  return prepared(
    db,
    'SELECT m.id, m.version FROM performances p JOIN seat_maps m ON m.id = p.seat_map_id WHERE p.id = ?',
  ).get(performanceId) as { id: string; version: number } | undefined;
}

/** Whether the performance uses a seat map (even one not pulled yet). */
export function isSeated(db: Db, performanceId: string): boolean {
  const row = prepared(db, 'SELECT seat_map_id FROM performances WHERE id = ?').get(performanceId) as
    { seat_map_id: string | null } | undefined;
  return (row?.seat_map_id ?? null) !== null;
}

interface StatusRow {
  seat_id: string;
  state: SeatStatus['state'];
  holder: string | null;
  hold_kind: SeatStatus['holdKind'];
  expires_at: string | null;
}

const toStatus = (r: StatusRow): SeatStatus => ({
  seatId: r.seat_id,
  state: r.state,
  holder: r.holder,
  holdKind: r.hold_kind,
  expiresAt: r.expires_at,
});

export function seatStatuses(db: Db, performanceId: string): SeatStatus[] {
  return (
    prepared(
      db,
      'SELECT seat_id, state, holder, hold_kind, expires_at FROM seat_status WHERE performance_id = ?',
    ).all(performanceId) as StatusRow[]
  ).map(toStatus);
}

export function seatStatus(db: Db, performanceId: string, seatId: string): SeatStatus | undefined {
  const row = prepared(
    db,
    'SELECT seat_id, state, holder, hold_kind, expires_at FROM seat_status WHERE performance_id = ? AND seat_id = ?',
  ).get(performanceId, seatId) as StatusRow | undefined;
  return row ? toStatus(row) : undefined;
}

export function putSeatStatus(db: Db, performanceId: string, status: SeatStatus): void {
  prepared(
    db,
    `INSERT INTO seat_status (performance_id, seat_id, state, holder, hold_kind, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (performance_id, seat_id) DO UPDATE SET state = excluded.state, holder = excluded.holder,
       hold_kind = excluded.hold_kind, expires_at = excluded.expires_at`,
  ).run(performanceId, status.seatId, status.state, status.holder, status.holdKind, status.expiresAt);
}

/** Several seats of a performance in one claim (no hold kind): what this terminal did to them. */
export function putSeatClaims(
  db: Db,
  performanceId: string,
  seatIds: readonly string[],
  claim: { state: SeatStatus['state']; holder: string | null; expiresAt: string | null },
): void {
  db.transaction(() => {
    for (const seatId of seatIds) putSeatStatus(db, performanceId, { seatId, holdKind: null, ...claim });
  })();
}

/** The server's answer merged in: a full one replaces what the cache held for the performance. */
export function mergeSeatStatuses(
  db: Db,
  performanceId: string,
  answer: { mapVersion: number; changePos: number; full: boolean; statuses: readonly SeatStatus[] },
  at: string,
): void {
  if (answer.full) prepared(db, 'DELETE FROM seat_status WHERE performance_id = ?').run(performanceId);
  for (const status of answer.statuses) putSeatStatus(db, performanceId, status);
  prepared(
    db,
    `INSERT INTO seat_status_pos (performance_id, map_version, change_pos, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (performance_id) DO UPDATE SET map_version = excluded.map_version,
       change_pos = excluded.change_pos, fetched_at = excluded.fetched_at`,
  ).run(performanceId, answer.mapVersion, answer.changePos, at);
}

export function seatStatusPos(
  db: Db,
  performanceId: string,
): { mapVersion: number; changePos: number; fetchedAt: string } | undefined {
  const row = prepared(
    db,
    'SELECT map_version, change_pos, fetched_at FROM seat_status_pos WHERE performance_id = ?',
  ).get(performanceId) as { map_version: number; change_pos: number; fetched_at: string } | undefined;
  return row && { mapVersion: row.map_version, changePos: row.change_pos, fetchedAt: row.fetched_at };
}

/**
 * Seats of the performance a sale of this terminal took and has not given back (refund, void, a refund
 * at another window). The cache and the server may still call such a seat this cart's until the sale is
 * pushed, so the terminal's own sales are what keep it from selling the seat twice.
 */
export function seatsSoldHere(db: Db, performanceId: string): Set<string> {
  const rows = prepared(
    db,
    `SELECT u.seat_id AS seatId FROM sale_units u JOIN sale_lines l ON l.id = u.line_id
     WHERE l.performance_id = ? AND u.seat_id IS NOT NULL
       AND u.refund_id IS NULL AND u.refunded_elsewhere_id IS NULL`,
  ).all(performanceId) as { seatId: string }[];
  return new Set(rows.map((r) => r.seatId));
}

/**
 * Seats a refund or void here gave back while the outbox still holds rows the server has not
 * acknowledged. The server may not have applied that sale and refund yet: asked to put such a seat
 * in this terminal's cart, it would move the seat from the lease the sale used, and the sale and its
 * refund arriving later would then spend and free the new cart's claim.
 */
export function seatsReleasedHereUnpushed(db: Db, performanceId: string): Set<string> {
  const rows = prepared(
    db,
    `SELECT DISTINCT u.seat_id AS seatId FROM sale_units u JOIN sale_lines l ON l.id = u.line_id
     WHERE l.performance_id = ? AND u.seat_id IS NOT NULL AND u.refund_id IS NOT NULL
       AND EXISTS (${PENDING_OUTBOX_ROWS})`,
  ).all(performanceId) as { seatId: string }[];
  return new Set(rows.map((r) => r.seatId));
}

// --- Seat leases -------------------------------------------------------------------------------------

export interface SeatLeaseRow {
  id: string;
  performanceId: string;
  seatId: string;
  expiresAt: string;
  saleId: string | null;
  returnedAt: string | null;
}

const LEASE_COLUMNS =
  'id, performance_id AS performanceId, seat_id AS seatId, expires_at AS expiresAt, sale_id AS saleId, returned_at AS returnedAt';

/** A granted lease as the server answered it; a seat already known keeps its sale and return marks. */
export function insertSeatLease(
  db: Db,
  lease: { id: string; performanceId: string; seatIds: readonly string[]; expiresAt: string },
): void {
  const insert = prepared(
    db,
    `INSERT INTO seat_leases (id, performance_id, seat_id, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id, seat_id) DO UPDATE SET expires_at = excluded.expires_at`,
  );
  for (const seatId of lease.seatIds) insert.run(lease.id, lease.performanceId, seatId, lease.expiresAt);
}

/** Seats this terminal may still sell offline: leased, unsold, not stopped, before their expiry. */
export function usableLeasedSeats(db: Db, performanceId: string, now: string): SeatLeaseRow[] {
  return prepared(
    db,
    `SELECT ${LEASE_COLUMNS} FROM seat_leases
     WHERE performance_id = ? AND sale_id IS NULL AND returned_at IS NULL AND expires_at > ?`,
  ).all(performanceId, now) as SeatLeaseRow[];
}

export function usableLeaseOf(
  db: Db,
  performanceId: string,
  seatId: string,
  now: string,
): SeatLeaseRow | undefined {
  return prepared(
    db,
    `SELECT ${LEASE_COLUMNS} FROM seat_leases
     WHERE performance_id = ? AND seat_id = ? AND sale_id IS NULL AND returned_at IS NULL AND expires_at > ?`,
  ).get(performanceId, seatId, now) as SeatLeaseRow | undefined;
}

/** The lease a sale sold this seat from, if any. */
export function leaseSoldTo(db: Db, saleId: string, seatId: string): SeatLeaseRow | undefined {
  return prepared(db, `SELECT ${LEASE_COLUMNS} FROM seat_leases WHERE sale_id = ? AND seat_id = ?`).get(
    saleId,
    seatId,
  ) as SeatLeaseRow | undefined;
}

export function markLeaseSeatSold(db: Db, leaseId: string, seatId: string, saleId: string | null): void {
  prepared(db, 'UPDATE seat_leases SET sale_id = ? WHERE id = ? AND seat_id = ?').run(
    saleId,
    leaseId,
    seatId,
  );
}

/** Leases not yet stopped, with their unsold seats; `due` limits them to those past their expiry. */
export function openSeatLeases(
  db: Db,
  due?: string,
): { id: string; performanceId: string; unsold: string[] }[] {
  const rows = prepared(
    db,
    `SELECT id, performance_id, seat_id, sale_id FROM seat_leases
     WHERE returned_at IS NULL ${due ? 'AND expires_at <= ?' : ''} ORDER BY id, seat_id`,
  ).all(...(due ? [due] : [])) as {
    id: string;
    performance_id: string;
    seat_id: string;
    sale_id: string | null;
  }[];
  const byLease = new Map<string, { id: string; performanceId: string; unsold: string[] }>();
  for (const row of rows) {
    const lease = byLease.get(row.id) ?? { id: row.id, performanceId: row.performance_id, unsold: [] };
    if (row.sale_id === null) lease.unsold.push(row.seat_id);
    byLease.set(row.id, lease);
  }
  return [...byLease.values()];
}

/** The terminal stops using a lease: none of its seats is sold here again. */
export function stopSeatLease(db: Db, leaseId: string, at: string): void {
  prepared(db, 'UPDATE seat_leases SET returned_at = ? WHERE id = ? AND returned_at IS NULL').run(
    at,
    leaseId,
  );
}

export function pendingSeatLeaseRequest(db: Db): string | undefined {
  return (
    prepared(db, 'SELECT request_id FROM seat_lease_requests ORDER BY created_at LIMIT 1').get() as
      { request_id: string } | undefined
  )?.request_id;
}

export function putSeatLeaseRequest(db: Db, requestId: string, at: string): void {
  prepared(db, 'INSERT OR IGNORE INTO seat_lease_requests (request_id, created_at) VALUES (?, ?)').run(
    requestId,
    at,
  );
}

export function deleteSeatLeaseRequest(db: Db, requestId: string): void {
  prepared(db, 'DELETE FROM seat_lease_requests WHERE request_id = ?').run(requestId);
}

/**
 * A sold seat given back (refund, void, a refund at another window), by the release rule both sides
 * apply (shared/seating/release.ts): back to the lease it was sold from while this terminal still holds
 * it unexpired, otherwise free. Call inside the refund's transaction.
 */
export function releaseSeatOfSale(
  db: Db,
  sold: { saleId: string; performanceId: string; seatId: string },
  now: string,
  terminalId: string,
): SeatStatus['state'] {
  const lease = leaseSoldTo(db, sold.saleId, sold.seatId);
  if (lease) markLeaseSeatSold(db, lease.id, sold.seatId, null);
  const released = releaseSoldSeat(lease?.id ?? null, lease && { ...lease, terminalId }, now);
  putSeatStatus(db, sold.performanceId, {
    seatId: sold.seatId,
    state: released.state,
    holder: released.state === 'leased' ? released.holder : null,
    holdKind: null,
    expiresAt: released.state === 'leased' ? released.expiresAt : null,
  });
  return released.state;
}

/** The seat of a sold unit, if it has one, with the performance of its line. */
export function seatOfUnit(
  db: Db,
  unit: { lineId: string; unitIndex: number },
): { seatId: string; performanceId: string; saleId: string } | undefined {
  const row = prepared(
    db,
    `SELECT u.seat_id AS seatId, l.performance_id AS performanceId, l.sale_id AS saleId
     FROM sale_units u JOIN sale_lines l ON l.id = u.line_id
     WHERE u.line_id = ? AND u.unit_index = ? AND u.seat_id IS NOT NULL`,
  ).get(unit.lineId, unit.unitIndex) as
    { seatId: string; performanceId: string | null; saleId: string } | undefined;
  return row?.performanceId
    ? { seatId: row.seatId, performanceId: row.performanceId, saleId: row.saleId }
    : undefined;
}
