import type { LeaseView } from '../../../shared/sync/protocol';
import type { TerminalLeaseRow } from '../../../shared/sync/terminal-admin';
import type { Queryable } from '../database';

// Capped counters and escrow leases (DECISIONS.md "Escrow leases"). Every statement here keeps
// limit = unallocated + Σ(granted − returned) + absorbed true on its own.

export interface CounterRow {
  counter: string;
  limit: number;
  unallocated: number;
  absorbed: number;
}

const COUNTER_COLUMNS = 'counter, limit_units AS "limit", unallocated, absorbed';

/** Makes the counter row if it is missing: absorbed = what is used already (at most the limit). */
export async function ensureCounter(
  db: Queryable,
  c: { orgId: string; counter: string; limit: number; used: number },
): Promise<void> {
  const absorbed = Math.max(0, Math.min(c.used, c.limit));
  await db.query(
    `INSERT INTO escrow_counters (org_id, counter, limit_units, unallocated, absorbed) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_id, counter) DO NOTHING`,
    [c.orgId, c.counter, c.limit, c.limit - absorbed, absorbed],
  );
}

/** Row-locked until commit: acquires and absorbs on any number of server processes take turns. */
export async function lockCounter(
  db: Queryable,
  orgId: string,
  counter: string,
): Promise<CounterRow | undefined> {
  const rows = await db.query<CounterRow>(
    `SELECT ${COUNTER_COLUMNS} FROM escrow_counters WHERE org_id = $1 AND counter = $2 FOR UPDATE`,
    [orgId, counter],
  );
  return rows[0];
}

export async function getCounter(
  db: Queryable,
  orgId: string,
  counter: string,
): Promise<CounterRow | undefined> {
  const rows = await db.query<CounterRow>(
    `SELECT ${COUNTER_COLUMNS} FROM escrow_counters WHERE org_id = $1 AND counter = $2`,
    [orgId, counter],
  );
  return rows[0];
}

/** Moves up to `units` from unallocated to absorbed; returns how many moved. */
export async function absorb(db: Queryable, orgId: string, counter: string, units: number): Promise<number> {
  const rows = await db.query<{ taken: number }>(
    `WITH c AS (SELECT unallocated FROM escrow_counters WHERE org_id = $1 AND counter = $2 FOR UPDATE)
     UPDATE escrow_counters e SET unallocated = e.unallocated - LEAST($3::bigint, c.unallocated),
       absorbed = e.absorbed + LEAST($3::bigint, c.unallocated), updated_at = now()
     FROM c WHERE e.org_id = $1 AND e.counter = $2
     RETURNING LEAST($3::bigint, c.unallocated) AS taken`,
    [orgId, counter, units],
  );
  return rows[0]?.taken ?? 0;
}

/** Absorbed units given back (a voided online or unbacked use): they return to the pool. */
export async function unabsorb(db: Queryable, orgId: string, counter: string, units: number): Promise<void> {
  await db.query(
    `UPDATE escrow_counters SET absorbed = absorbed - $3, unallocated = unallocated + $3, updated_at = now()
     WHERE org_id = $1 AND counter = $2 AND absorbed >= $3`,
    [orgId, counter, units],
  );
}

/**
 * A new limit (a code's maxUses, a performance's capacity): the pool moves by the difference. The caller
 * holds the row lock and checked the limit covers what is out (escrow-service followLimit); a limit that
 * does not fails the unallocated >= 0 check instead of quietly keeping a limit nobody set.
 */
export async function setCounterLimit(
  db: Queryable,
  orgId: string,
  counter: string,
  limit: number,
): Promise<void> {
  await db.query(
    `UPDATE escrow_counters SET unallocated = unallocated + ($3 - limit_units), limit_units = $3, updated_at = now()
     WHERE org_id = $1 AND counter = $2`,
    [orgId, counter, limit],
  );
}

export interface LeaseRow extends LeaseView {
  terminalId: string;
  unallocatedAfter: number;
}

const LEASE_COLUMNS = `id, counter, request_id AS "requestId", epoch, granted, used, returned,
  expires_at AS "expiresAt", status, terminal_id AS "terminalId", unallocated_after AS "unallocatedAfter"`;

export async function findLeaseByRequest(
  db: Queryable,
  terminalId: string,
  requestId: string,
): Promise<LeaseRow | undefined> {
  const rows = await db.query<LeaseRow>(
    `SELECT ${LEASE_COLUMNS} FROM escrow_leases WHERE terminal_id = $1 AND request_id = $2`,
    [terminalId, requestId],
  );
  return rows[0];
}

/** Debits the pool and records the lease in one statement pair under the counter's row lock. */
export async function grantLease(
  db: Queryable,
  l: {
    id: string;
    orgId: string;
    terminalId: string;
    epoch: number;
    counter: string;
    requestId: string;
    granted: number;
    expiresAt: string;
  },
): Promise<LeaseRow> {
  const [after] = await db.query<{ unallocated: number }>(
    `UPDATE escrow_counters SET unallocated = unallocated - $3, updated_at = now()
     WHERE org_id = $1 AND counter = $2 RETURNING unallocated`,
    [l.orgId, l.counter, l.granted],
  );
  const rows = await db.query<LeaseRow>(
    `INSERT INTO escrow_leases (id, org_id, terminal_id, epoch, counter, request_id, granted, unallocated_after,
       expires_at, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active') RETURNING ${LEASE_COLUMNS}`,
    [
      l.id,
      l.orgId,
      l.terminalId,
      l.epoch,
      l.counter,
      l.requestId,
      l.granted,
      after?.unallocated ?? 0,
      l.expiresAt,
    ],
  );
  return rows[0] as LeaseRow;
}

export async function lockLease(db: Queryable, orgId: string, id: string): Promise<LeaseRow | undefined> {
  const rows = await db.query<LeaseRow>(
    `SELECT ${LEASE_COLUMNS} FROM escrow_leases WHERE org_id = $1 AND id = $2 FOR UPDATE`,
    [orgId, id],
  );
  return rows[0];
}

/** Writes the used units of leases the caller holds locked (a push batch keeps them in memory). */
export async function setLeasesUsed(
  db: Queryable,
  leases: readonly { id: string; used: number }[],
): Promise<void> {
  if (leases.length === 0) return;
  await db.query(
    `UPDATE escrow_leases e SET used = l.used
     FROM jsonb_to_recordset($1::jsonb) AS l(id uuid, used bigint) WHERE e.id = l.id`,
    [JSON.stringify(leases.map((l) => ({ id: l.id, used: l.used })))],
  );
}

/** Units a void or refund gives back to a lease the terminal still holds. */
export async function giveBackToLease(db: Queryable, id: string, units: number): Promise<void> {
  await db.query('UPDATE escrow_leases SET used = used - $2 WHERE id = $1 AND used >= $2', [id, units]);
}

/**
 * Units given back to a lease nobody will use again (returned or void): they go straight to the pool,
 * counted as returned, so Σ(granted − returned) drops exactly as unallocated rises.
 */
export async function giveBackToPool(
  db: Queryable,
  orgId: string,
  leaseId: string,
  counter: string,
  units: number,
): Promise<void> {
  await db.query(
    'UPDATE escrow_leases SET used = used - $2, returned = returned + $2 WHERE id = $1 AND used >= $2',
    [leaseId, units],
  );
  await db.query(
    `UPDATE escrow_counters SET unallocated = unallocated + $3, updated_at = now()
     WHERE org_id = $1 AND counter = $2`,
    [orgId, counter, units],
  );
}

/** The terminal stopped using the lease: what it did not use goes back to the pool. */
export async function closeLease(
  db: Queryable,
  lease: { orgId: string; id: string; counter: string },
  status: 'returned' | 'void',
): Promise<number> {
  const [row] = await db.query<{ units: number }>(
    `WITH l AS (SELECT granted - used - returned AS units FROM escrow_leases WHERE id = $1 FOR UPDATE)
     UPDATE escrow_leases e SET returned = e.returned + l.units, status = $2 FROM l WHERE e.id = $1
     RETURNING l.units AS units`,
    [lease.id, status],
  );
  const units = row?.units ?? 0;
  if (units > 0) {
    await db.query(
      `UPDATE escrow_counters SET unallocated = unallocated + $3, updated_at = now()
       WHERE org_id = $1 AND counter = $2`,
      [lease.orgId, lease.counter, units],
    );
  }
  return units;
}

export async function activeLeasesOf(
  db: Queryable,
  terminalId: string,
): Promise<{ id: string; orgId: string; counter: string }[]> {
  return db.query(
    `SELECT id, org_id AS "orgId", counter FROM escrow_leases WHERE terminal_id = $1 AND status = 'active'
     ORDER BY counter, id`,
    [terminalId],
  );
}

export async function leasesOf(db: Queryable, terminalId: string, epoch: number): Promise<LeaseView[]> {
  return db.query<LeaseView>(
    `SELECT id, counter, request_id AS "requestId", epoch, granted, used, returned, expires_at AS "expiresAt", status
     FROM escrow_leases WHERE terminal_id = $1 AND epoch = $2 ORDER BY created_at, id`,
    [terminalId, epoch],
  );
}

/**
 * The back office's page of one terminal's leases in its current epoch: those it holds now first, then
 * newest first, each with what its counter limits (a code, or an event's performance) named for people.
 */
export async function pageLeases(
  db: Queryable,
  t: { orgId: string; terminalId: string; epoch: number },
  now: string,
  page: { limit: number; offset: number },
): Promise<{ items: TerminalLeaseRow[]; total: number }> {
  const where = 'WHERE e.org_id = $1 AND e.terminal_id = $2 AND e.epoch = $3';
  const params = [t.orgId, t.terminalId, t.epoch];
  const [items, counted] = await Promise.all([
    db.query<TerminalLeaseRow>(
      `SELECT e.id, e.counter, e.request_id AS "requestId", e.epoch, e.granted, e.used, e.returned,
         e.expires_at AS "expiresAt", e.status, split_part(e.counter, ':', 1) AS kind,
         CASE WHEN e.status = 'active' AND e.expires_at > $4 THEN e.granted - e.used - e.returned ELSE 0 END AS held,
         COALESCE(c.code, ev.name) AS label, p.starts_at AS "startsAt"
       FROM escrow_leases e
       LEFT JOIN codes c ON split_part(e.counter, ':', 1) <> 'capacity' AND c.org_id = e.org_id
         AND c.id::text = split_part(e.counter, ':', 2)
       LEFT JOIN performances p ON split_part(e.counter, ':', 1) = 'capacity' AND p.org_id = e.org_id
         AND p.id::text = split_part(e.counter, ':', 2)
       LEFT JOIN events ev ON ev.id = p.event_id
       ${where}
       ORDER BY (e.status = 'active' AND e.expires_at > $4) DESC, e.created_at DESC, e.id
       LIMIT $5 OFFSET $6`,
      [...params, now, page.limit, page.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM escrow_leases e ${where}`, params),
  ]);
  return { items, total: counted[0]?.n ?? 0 };
}

/**
 * Units one terminal holds unused on a counter: granted, not yet used by a pushed sale nor returned, on
 * leases still active and not past their deadline (an expired lease can back no sale).
 */
export async function heldBy(
  db: Queryable,
  terminalId: string,
  counter: string,
  now: string,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT COALESCE(sum(granted - used - returned), 0)::bigint AS n FROM escrow_leases
     WHERE terminal_id = $1 AND counter = $2 AND status = 'active' AND expires_at > $3`,
    [terminalId, counter, now],
  );
  return Number(row?.n ?? 0);
}

/** For tests and the status page: the outstanding Σ(granted − returned) of a counter. */
export async function outstanding(db: Queryable, orgId: string, counter: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT COALESCE(sum(granted - returned), 0)::bigint AS n FROM escrow_leases WHERE org_id = $1 AND counter = $2`,
    [orgId, counter],
  );
  return row?.n ?? 0;
}

export type EscrowKind = 'backed' | 'absorbed' | 'excess';

export interface SaleEscrowInsert {
  saleId: string;
  orgId: string;
  counter: string;
  leaseId: string | null;
  kind: EscrowKind;
  units: number;
}

/** What sales took from counters, several rows in one statement. */
export async function recordSaleEscrow(db: Queryable, rows: readonly SaleEscrowInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO pos_sale_escrow (sale_id, org_id, counter, lease_id, kind, units)
     SELECT e."saleId", e."orgId", e.counter, e."leaseId", e.kind, e.units
     FROM jsonb_to_recordset($1::jsonb) AS e("saleId" uuid, "orgId" uuid, counter text, "leaseId" uuid, kind text,
       units bigint)`,
    [JSON.stringify(rows)],
  );
}

export interface SaleEscrowRow {
  id: string;
  counter: string;
  leaseId: string | null;
  kind: EscrowKind;
  units: number;
  givenBack: number;
}

/** What a sale still holds, excess first: a refunded seat first cancels an overuse. */
export async function saleEscrow(db: Queryable, saleId: string): Promise<SaleEscrowRow[]> {
  return db.query<SaleEscrowRow>(
    `SELECT id, counter, lease_id AS "leaseId", kind, units, given_back AS "givenBack"
     FROM pos_sale_escrow WHERE sale_id = $1 AND given_back < units
     ORDER BY counter, CASE kind WHEN 'excess' THEN 0 WHEN 'absorbed' THEN 1 ELSE 2 END, lease_id`,
    [saleId],
  );
}

export async function markGivenBack(db: Queryable, id: string, units: number): Promise<void> {
  await db.query('UPDATE pos_sale_escrow SET given_back = given_back + $2 WHERE id = $1', [id, units]);
}

/** The counter a request id was refused on (nothing granted), if it was. */
export async function findRefusal(
  db: Queryable,
  terminalId: string,
  requestId: string,
): Promise<{ counter: string } | undefined> {
  const rows = await db.query<{ counter: string }>(
    'SELECT counter FROM escrow_refusals WHERE terminal_id = $1 AND request_id = $2',
    [terminalId, requestId],
  );
  return rows[0];
}

export async function recordRefusal(
  db: Queryable,
  r: { orgId: string; terminalId: string; requestId: string; counter: string },
): Promise<void> {
  await db.query(
    `INSERT INTO escrow_refusals (org_id, terminal_id, request_id, counter) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [r.orgId, r.terminalId, r.requestId, r.counter],
  );
}
