import type { OfflineLimits } from '../../../shared/sync/offline-limits';
import type { TerminalRow, TerminalStatus } from '../../../shared/sync/terminal-admin';
import type { Queryable } from '../database';
import { containsPattern } from '../like';
import { whereClause } from '../where';

export async function insertEnrolmentCode(
  db: Queryable,
  e: { codeHash: string; orgId: string; venueId: string; createdBy: string; expiresAt: string },
): Promise<void> {
  await db.query(
    `INSERT INTO enrolment_codes (code_hash, org_id, venue_id, created_by, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [e.codeHash, e.orgId, e.venueId, e.createdBy, e.expiresAt],
  );
}

/** Marks the code used and returns its scope; a used or expired code is not found. */
export async function claimEnrolmentCode(
  db: Queryable,
  codeHash: string,
  now: string,
): Promise<{ orgId: string; venueId: string } | undefined> {
  const rows = await db.query<{ orgId: string; venueId: string }>(
    `UPDATE enrolment_codes SET used_at = $2
     WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
     RETURNING org_id AS "orgId", venue_id AS "venueId"`,
    [codeHash, now],
  );
  return rows[0];
}

export async function insertTerminal(
  db: Queryable,
  t: { id: string; orgId: string; venueId: string; name: string; tokenHash: string; codeHash: string },
): Promise<{ epoch: number }> {
  const rows = await db.query<{ epoch: number }>(
    `INSERT INTO terminals (id, org_id, venue_id, name, token_hash) VALUES ($1, $2, $3, $4, $5) RETURNING epoch`,
    [t.id, t.orgId, t.venueId, t.name, t.tokenHash],
  );
  await db.query('UPDATE enrolment_codes SET terminal_id = $1 WHERE code_hash = $2', [t.id, t.codeHash]);
  return { epoch: rows[0]?.epoch ?? 1 };
}

export async function findTerminalByToken(
  db: Queryable,
  tokenHash: string,
): Promise<{ id: string; orgId: string; venueId: string } | undefined> {
  const rows = await db.query<{ id: string; orgId: string; venueId: string }>(
    `SELECT id, org_id AS "orgId", venue_id AS "venueId" FROM terminals WHERE token_hash = $1 AND revoked_at IS NULL`,
    [tokenHash],
  );
  return rows[0];
}

/** Stops a terminal's device token for good; the first revocation's time is kept. */
export async function revokeTerminal(
  db: Queryable,
  orgId: string,
  id: string,
  at: string,
): Promise<{ revokedAt: string } | undefined> {
  const rows = await db.query<{ revokedAt: Date | string }>(
    `UPDATE terminals SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND org_id = $2
     RETURNING revoked_at AS "revokedAt"`,
    [id, orgId, at],
  );
  const row = rows[0];
  return row && { revokedAt: new Date(row.revokedAt).toISOString() };
}

/** One terminal's own fields (never its token), as the audit log records it. */
export async function terminalRecord(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<
  | {
      id: string;
      venueId: string;
      name: string;
      epoch: number;
      createdAt: string;
      revokedAt: string | null;
      leaseCapPercent: number | null;
      offlineMaxSale: number | null;
      offlineMaxMinutes: number | null;
      overuseCap: number | null;
      training: boolean;
      voucherSharePercent: number;
    }
  | undefined
> {
  const rows = await db.query<NonNullable<Awaited<ReturnType<typeof terminalRecord>>>>(
    `SELECT id, venue_id AS "venueId", name, epoch, created_at AS "createdAt", revoked_at AS "revokedAt",
       lease_cap_percent AS "leaseCapPercent", offline_max_sale AS "offlineMaxSale",
       offline_max_minutes AS "offlineMaxMinutes", overuse_cap AS "overuseCap", training,
       voucher_share_percent AS "voucherSharePercent"
     FROM terminals WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0];
}

export interface TerminalFilter {
  q?: string | undefined;
  venueId?: string | undefined;
  status?: TerminalStatus | undefined;
  limit: number;
  offset: number;
}

/**
 * The back office's list: each terminal with its venue, sync position and times, the leases it holds
 * now (current epoch, active, before expiry) and its open review items. The effective lease cap is the
 * service's to add. Oldest first, so a page does not shift as terminals enrol.
 */
export async function pageTerminals(
  db: Queryable,
  orgId: string,
  now: string,
  f: TerminalFilter,
): Promise<{ items: Omit<TerminalRow, 'effectiveLeaseCapPercent'>[]; total: number }> {
  const where = whereClause('t.org_id = $1', [orgId]);
  where.add((n) => `t.venue_id = ${n}`, f.venueId);
  where.add((n) => `t.name ILIKE ${n}`, f.q ? containsPattern(f.q) : undefined);
  if (f.status === 'active') where.addRaw('t.revoked_at IS NULL');
  if (f.status === 'revoked') where.addRaw('t.revoked_at IS NOT NULL');
  const joined = 'FROM terminals t JOIN venues v ON v.id = t.venue_id';
  const filtered = where.sql();
  const { params } = where;
  const n = params.length;
  const [items, counted] = await Promise.all([
    db.query<Omit<TerminalRow, 'effectiveLeaseCapPercent'>>(
      `SELECT t.id, t.venue_id AS "venueId", v.name AS "venueName", v.currency, t.name,
         CASE WHEN t.revoked_at IS NULL THEN 'active' ELSE 'revoked' END AS status, t.state, t.epoch,
         t.created_at AS "createdAt", t.revoked_at AS "revokedAt", t.last_seq AS "lastSeq",
         t.last_push_at AS "lastPushAt", t.last_pull_at AS "lastPullAt", t.pending_sales AS "pendingSales", t.lease_cap_percent AS "leaseCapPercent",
         t.offline_max_sale AS "offlineMaxSale", t.offline_max_minutes AS "offlineMaxMinutes",
         t.overuse_cap AS "overuseCap", t.training, t.voucher_share_percent AS "voucherSharePercent",
         COALESCE(l.leases, 0)::int AS "leasesHeld", COALESCE(l.units, 0)::bigint AS "unitsHeld",
         l.next_expiry AS "nextLeaseExpiry", COALESCE(r.open, 0)::int AS "openReviewItems"
       ${joined}
       LEFT JOIN LATERAL (
         SELECT count(*) AS leases, sum(e.granted - e.used - e.returned) AS units, min(e.expires_at) AS next_expiry
         FROM escrow_leases e
         WHERE e.terminal_id = t.id AND e.epoch = t.epoch AND e.status = 'active' AND e.expires_at > $${n + 1}
       ) l ON true
       LEFT JOIN LATERAL (
         SELECT count(*) AS open FROM review_items ri
         WHERE ri.org_id = t.org_id AND ri.terminal_id = t.id AND ri.status = 'open'
       ) r ON true
       ${filtered}
       ORDER BY t.created_at, t.id LIMIT $${n + 2} OFFSET $${n + 3}`,
      [...params, now, f.limit, f.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n ${joined} ${filtered}`, params),
  ]);
  return { items, total: counted[0]?.n ?? 0 };
}

/** A manager's overuse cap for the terminal (docs/CASH.md "Overuse caps"); undefined if not in this org. */
export async function setOveruseCap(
  db: Queryable,
  orgId: string,
  id: string,
  cap: number | null,
): Promise<{ cap: number | null } | undefined> {
  const rows = await db.query<{ cap: number | null }>(
    'UPDATE terminals SET overuse_cap = $3 WHERE id = $1 AND org_id = $2 RETURNING overuse_cap AS cap',
    [id, orgId, cap],
  );
  return rows[0];
}

/** A manager's voucher share for the terminal (docs/CASH.md "Offline"); undefined if not in this org. */
export async function setVoucherShare(
  db: Queryable,
  orgId: string,
  id: string,
  percent: number,
): Promise<{ voucherSharePercent: number } | undefined> {
  const rows = await db.query<{ voucherSharePercent: number }>(
    `UPDATE terminals SET voucher_share_percent = $3 WHERE id = $1 AND org_id = $2
     RETURNING voucher_share_percent AS "voucherSharePercent"`,
    [id, orgId, percent],
  );
  return rows[0];
}

/** The back office's training switch for the terminal (docs/CASH.md); undefined if not in this org. */
export async function setTraining(
  db: Queryable,
  orgId: string,
  id: string,
  training: boolean,
): Promise<{ training: boolean } | undefined> {
  const rows = await db.query<{ training: boolean }>(
    'UPDATE terminals SET training = $3 WHERE id = $1 AND org_id = $2 RETURNING training',
    [id, orgId, training],
  );
  return rows[0];
}

/** A manager's offline limits for the terminal (docs/CASH.md); undefined if not in this org. */
export async function setOfflineLimits(
  db: Queryable,
  orgId: string,
  id: string,
  limits: OfflineLimits,
): Promise<OfflineLimits | undefined> {
  const rows = await db.query<OfflineLimits>(
    `UPDATE terminals SET offline_max_sale = $3, offline_max_minutes = $4 WHERE id = $1 AND org_id = $2
     RETURNING offline_max_sale AS "maxSale", offline_max_minutes AS "maxMinutes"`,
    [id, orgId, limits.maxSale, limits.maxMinutes],
  );
  return rows[0];
}

/** A manager's per-terminal lease cap (null: back to the default); undefined if not in this org. */
export async function setLeaseCap(
  db: Queryable,
  orgId: string,
  id: string,
  percent: number | null,
): Promise<{ leaseCapPercent: number | null } | undefined> {
  const rows = await db.query<{ leaseCapPercent: number | null }>(
    `UPDATE terminals SET lease_cap_percent = $3 WHERE id = $1 AND org_id = $2
     RETURNING lease_cap_percent AS "leaseCapPercent"`,
    [id, orgId, percent],
  );
  return rows[0];
}

/** The public half of the key an enrolment (one epoch) of the terminal signs its approvals with. */
export async function insertSigningKey(
  db: Queryable,
  k: { terminalId: string; epoch: number; publicKey: string },
): Promise<void> {
  await db.query('INSERT INTO terminal_signing_keys (terminal_id, epoch, public_key) VALUES ($1, $2, $3)', [
    k.terminalId,
    k.epoch,
    k.publicKey,
  ]);
}

/** Every signing key the terminal registered, newest epoch first. */
export async function signingKeys(db: Queryable, terminalId: string): Promise<string[]> {
  const rows = await db.query<{ publicKey: string }>(
    `SELECT public_key AS "publicKey" FROM terminal_signing_keys WHERE terminal_id = $1 ORDER BY epoch DESC`,
    [terminalId],
  );
  return rows.map((r) => r.publicKey);
}

// --- push state: the epoch, last seq and state a push or an acquire reads under the row lock ----------

export interface TerminalSyncRow {
  id: string;
  orgId: string;
  venueId: string;
  epoch: number;
  lastSeq: number;
  state: 'active' | 'restore_detected';
  /** Percent of a counter's limit it may hold in leases; null: the default (escrow-service). */
  leaseCapPercent: number | null;
  /** docs/CASH.md "Offline limits"; null: no limit. */
  offlineMaxSale: number | null;
  offlineMaxMinutes: number | null;
  /** docs/CASH.md "Overuse caps": grants per business day at this terminal; null: no cap. */
  overuseCap: number | null;
  /** docs/CASH.md "Training mode": the back office's switch; every pull carries it. */
  training: boolean;
  /** docs/CASH.md "Offline": the share of each open voucher it holds ahead (0–50); every pull carries it. */
  voucherSharePercent: number;
}

const TERMINAL_COLUMNS = `id, org_id AS "orgId", venue_id AS "venueId", epoch, last_seq AS "lastSeq", state,
  lease_cap_percent AS "leaseCapPercent", offline_max_sale AS "offlineMaxSale",
  offline_max_minutes AS "offlineMaxMinutes", overuse_cap AS "overuseCap", training,
  voucher_share_percent AS "voucherSharePercent"`;

/** The terminal row, locked: one push or acquire per terminal at a time. */
export async function lockTerminal(db: Queryable, id: string): Promise<TerminalSyncRow | undefined> {
  const rows = await db.query<TerminalSyncRow>(
    `SELECT ${TERMINAL_COLUMNS} FROM terminals WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

export async function getTerminal(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<TerminalSyncRow | undefined> {
  const rows = await db.query<TerminalSyncRow>(
    `SELECT ${TERMINAL_COLUMNS} FROM terminals WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0];
}

/** A push batch went through: the seq the server now holds up to, and when (the Terminals screen). */
export async function recordPush(db: Queryable, id: string, seq: number, at: string): Promise<void> {
  await db.query('UPDATE terminals SET last_seq = $2, last_push_at = $3 WHERE id = $1', [id, seq, at]);
}

/**
 * A pull was answered (after its read-only transaction): when the terminal last fetched changes, and the
 * sales it said it still holds unsent (kept as they were when it did not say).
 */
export async function recordPull(
  db: Queryable,
  id: string,
  at: string,
  pendingSales?: number,
): Promise<void> {
  await db.query(
    'UPDATE terminals SET last_pull_at = $2, pending_sales = COALESCE($3, pending_sales) WHERE id = $1',
    [id, at, pendingSales ?? null],
  );
}

export async function markRestoreDetected(db: Queryable, id: string): Promise<void> {
  await db.query("UPDATE terminals SET state = 'restore_detected' WHERE id = $1", [id]);
}

/** A re-enrolment after a restore: a new epoch and token, the chain starts again at seq 1. */
export async function startNewEpoch(
  db: Queryable,
  t: { id: string; tokenHash: string; name: string; codeHash: string },
): Promise<number> {
  const [row] = await db.query<{ epoch: number }>(
    `UPDATE terminals SET epoch = epoch + 1, token_hash = $2, name = $3, last_seq = 0, state = 'active'
     WHERE id = $1 RETURNING epoch`,
    [t.id, t.tokenHash, t.name],
  );
  await db.query('UPDATE enrolment_codes SET terminal_id = $1 WHERE code_hash = $2', [t.id, t.codeHash]);
  return row?.epoch ?? 1;
}
