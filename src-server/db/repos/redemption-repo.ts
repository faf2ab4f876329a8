import type { Queryable } from '../database';
import { NEXT_POS, positionCte } from './change-pos';

export interface RedemptionRow {
  id: string;
  orderId: string;
  codeId: string;
  code: string;
  codeVersion: number;
  parentId: string | null;
  terminalId: string | null;
  cashierId: string | null;
  customerId: string | null;
  buyer: string | null;
  channel: 'online' | 'box_office';
  currency: string;
  tickets: number;
  itemUses: number;
  discount: number;
  revenue: number;
  overuse: boolean;
  overuseReason: string | null;
  overuseGrantedBy: string | null;
  overuseLimits: string[] | null;
  redeemedAt: string;
  recordedAt: string;
}

export type NewRedemption = Omit<RedemptionRow, 'code' | 'recordedAt'> & {
  orgId: string;
  /** The use belongs to a pushed sale (pos_sales holds the order); false for an order known only by its use. */
  posSale?: boolean;
  /** A pushed sale's performances (its ticket lines), which a performance's overuse cap counts by. */
  performanceIds?: readonly string[];
};

const COLUMNS = `r.id, r.order_id AS "orderId", r.code_id AS "codeId", c.code, r.code_version AS "codeVersion",
  r.parent_id AS "parentId", r.terminal_id AS "terminalId", r.cashier_id AS "cashierId",
  r.customer_id AS "customerId", r.buyer, r.channel, r.currency, r.tickets, r.item_uses AS "itemUses", r.discount,
  r.revenue, r.overuse, r.overuse_reason AS "overuseReason", r.overuse_granted_by AS "overuseGrantedBy",
  r.overuse_limits AS "overuseLimits", r.redeemed_at AS "redeemedAt", r.recorded_at AS "recordedAt"`;

const RETURNED = COLUMNS.replace(/r\./g, '').replace('c.code, ', '');

/**
 * Inserts the ledger row; undefined when this organisation has a row with this id already (a resent
 * request). Ids are the clients' own, so they are unique per organisation only (migration 0010): the
 * same id in another organisation is another row, and nothing here tells one organisation about the
 * other's.
 */
export async function insertRedemption(
  db: Queryable,
  r: NewRedemption & { code: string },
): Promise<RedemptionRow | undefined> {
  const rows = await db.query<Omit<RedemptionRow, 'code'>>(
    `INSERT INTO redemptions (id, org_id, order_id, code_id, code_version, parent_id, terminal_id, cashier_id,
       customer_id, buyer, channel, currency, tickets, item_uses, discount, revenue, overuse, overuse_reason,
       overuse_granted_by, overuse_limits, redeemed_at, pos_sale, performance_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20::jsonb, $21,
       $22, $23::uuid[])
     ON CONFLICT (org_id, id) DO NOTHING RETURNING ${RETURNED}`,
    [
      r.id,
      r.orgId,
      r.orderId,
      r.codeId,
      r.codeVersion,
      r.parentId,
      r.terminalId,
      r.cashierId,
      r.customerId,
      r.buyer,
      r.channel,
      r.currency,
      r.tickets,
      r.itemUses,
      r.discount,
      r.revenue,
      r.overuse,
      r.overuseReason,
      r.overuseGrantedBy,
      r.overuseLimits === null ? null : JSON.stringify(r.overuseLimits),
      r.redeemedAt,
      r.posSale ?? false,
      [...(r.performanceIds ?? [])],
    ],
  );
  return rows[0] && { ...rows[0], code: r.code };
}

/**
 * Which of these redemption ids and orders this organisation's ledger holds already (lower case): a
 * push batch reads them once, so the uses it defers are storable by construction.
 */
export async function redemptionsTaken(
  db: Queryable,
  orgId: string,
  ids: readonly string[],
  orderIds: readonly string[],
): Promise<{ ids: Set<string>; orders: Set<string> }> {
  if (ids.length === 0 && orderIds.length === 0) return { ids: new Set(), orders: new Set() };
  const rows = await db.query<{ id: string; orderId: string }>(
    `SELECT id, order_id AS "orderId" FROM redemptions
     WHERE org_id = $1 AND (id = ANY($2::uuid[]) OR order_id = ANY($3::uuid[]))`,
    [orgId, [...new Set(ids)], [...new Set(orderIds)]],
  );
  return {
    ids: new Set(rows.map((r) => r.id.toLowerCase())),
    orders: new Set(rows.map((r) => r.orderId.toLowerCase())),
  };
}

/**
 * A push batch's plain uses (no overuse, no review naming them) in one statement each for the ledger
 * rows and the codes' counts. No ON CONFLICT: the batch checked the ids and orders first
 * (redemptionsTaken) and holds the terminal's lock, so a clash anyway is an error, never a silent skip.
 */
export async function insertRedemptions(
  db: Queryable,
  rows: readonly (NewRedemption & { code: string })[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO redemptions (id, org_id, order_id, code_id, code_version, parent_id, terminal_id, cashier_id,
       customer_id, buyer, channel, currency, tickets, item_uses, discount, revenue, overuse, overuse_reason,
       overuse_granted_by, overuse_limits, redeemed_at, pos_sale, performance_ids)
     SELECT r.id, r."orgId", r."orderId", r."codeId", r."codeVersion", r."parentId", r."terminalId", r."cashierId",
       r."customerId", r.buyer, r.channel, r.currency, r.tickets, r."itemUses", r.discount, r.revenue, r.overuse,
       r."overuseReason", r."overuseGrantedBy", r."overuseLimits", r."redeemedAt", COALESCE(r."posSale", false),
       COALESCE(r."performanceIds", '{}')
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, "orgId" uuid, "orderId" uuid, "codeId" uuid, "codeVersion" integer,
       "parentId" uuid, "terminalId" uuid, "cashierId" uuid, "customerId" text, buyer text, channel text, currency text,
       tickets integer, "itemUses" integer, discount bigint, revenue bigint, overuse boolean, "overuseReason" text,
       "overuseGrantedBy" uuid, "overuseLimits" jsonb, "redeemedAt" timestamptz, "posSale" boolean,
       "performanceIds" uuid[])`,
    [JSON.stringify(rows)],
  );
  // Per code, summed, in code order; every code's usage takes the transaction's change position.
  const byCode = new Map<string, { uses: number; itemUses: number; discount: number }>();
  for (const r of rows) {
    const made = byCode.get(r.codeId) ?? { uses: 0, itemUses: 0, discount: 0 };
    made.uses += 1;
    made.itemUses += r.itemUses;
    made.discount += r.discount;
    byCode.set(r.codeId, made);
  }
  const uses = [...byCode].sort(([a], [b]) => a.localeCompare(b)).map(([codeId, u]) => ({ codeId, ...u }));
  await db.query(
    `WITH ${positionCte()}
     UPDATE codes c SET uses = c.uses + u.uses, item_uses = c.item_uses + u."itemUses",
       discount_given = c.discount_given + u.discount, usage_pos = ${NEXT_POS}
     FROM jsonb_to_recordset($1::jsonb) AS u("codeId" uuid, uses integer, "itemUses" integer, discount bigint)
     WHERE c.id = u."codeId"`,
    [JSON.stringify(uses)],
  );
}

export async function setOveruseLimits(
  db: Queryable,
  orgId: string,
  id: string,
  limits: string[],
): Promise<void> {
  await db.query('UPDATE redemptions SET overuse_limits = $3::jsonb WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
    JSON.stringify(limits),
  ]);
}

export async function getRedemption(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<RedemptionRow | undefined> {
  const rows = await db.query<RedemptionRow>(
    `SELECT ${COLUMNS} FROM redemptions r JOIN codes c ON c.id = r.code_id WHERE r.org_id = $1 AND r.id = $2`,
    [orgId, id],
  );
  return rows[0];
}

export interface Limits {
  maxUses: number | null;
  maxItemUses: number | null;
  budget: number | null;
}

/**
 * Counts one use, atomically: the row lock makes concurrent redemptions of one code take turns, and
 * the WHERE re-checks the limits against the latest counters, so no use is lost and none exceeds a
 * limit, across any number of server processes. Returns the counters after the use, or undefined when
 * a limit is met (and `force` is false).
 */
export async function countUse(
  db: Queryable,
  u: { codeId: string; itemUses: number; discount: number; limits: Limits; force: boolean },
): Promise<{ uses: number; itemUses: number; discountGiven: number } | undefined> {
  const rows = await db.query<{ uses: number; itemUses: number; discountGiven: number }>(
    `WITH ${positionCte()}
     UPDATE codes SET uses = uses + 1, item_uses = item_uses + $2, discount_given = discount_given + $3,
       usage_pos = ${NEXT_POS}
     WHERE id = $1 AND ($7 OR (
       ($4::int IS NULL OR uses < $4::int)
       AND ($5::int IS NULL OR item_uses + $2 <= $5::int)
       AND ($6::bigint IS NULL OR discount_given + $3 <= $6::bigint)))
     RETURNING uses, item_uses AS "itemUses", discount_given AS "discountGiven"`,
    [u.codeId, u.itemUses, u.discount, u.limits.maxUses, u.limits.maxItemUses, u.limits.budget, u.force],
  );
  return rows[0];
}

export async function getCounters(
  db: Queryable,
  codeId: string,
): Promise<{ uses: number; itemUses: number; discountGiven: number } | undefined> {
  const rows = await db.query<{ uses: number; itemUses: number; discountGiven: number }>(
    'SELECT uses, item_uses AS "itemUses", discount_given AS "discountGiven" FROM codes WHERE id = $1',
    [codeId],
  );
  return rows[0];
}

/** What one customer has used of a code so far, this redemption excluded. */
export async function customerUsage(
  db: Queryable,
  codeId: string,
  customerId: string,
  excludeId: string,
): Promise<{ uses: number; itemUses: number }> {
  const [row] = await db.query<{ uses: number; itemUses: number }>(
    `SELECT count(*)::int AS uses, COALESCE(sum(item_uses), 0)::int AS "itemUses"
     FROM redemptions WHERE code_id = $1 AND customer_id = $2 AND id <> $3`,
    [codeId, customerId, excludeId],
  );
  return row ?? { uses: 0, itemUses: 0 };
}

/** Counts a use that was already made (a synced sale): no limit check, the sale stands. */
export async function countMadeUse(
  db: Queryable,
  u: { codeId: string; itemUses: number; discount: number },
): Promise<void> {
  await db.query(
    `WITH ${positionCte()}
     UPDATE codes SET uses = uses + 1, item_uses = item_uses + $2, discount_given = discount_given + $3,
       usage_pos = ${NEXT_POS}
     WHERE id = $1`,
    [u.codeId, u.itemUses, u.discount],
  );
}

/** A voided order gives its code use back; the ledger row stays, marked released. */
export async function releaseRedemption(
  db: Queryable,
  orgId: string,
  orderId: string,
  at: string,
): Promise<RedemptionRow | undefined> {
  const rows = await db.query<{ id: string }>(
    `UPDATE redemptions SET released_at = $3 WHERE org_id = $1 AND order_id = $2 AND released_at IS NULL
     RETURNING id`,
    [orgId, orderId, at],
  );
  const released = rows[0] && (await getRedemption(db, orgId, rows[0].id));
  if (!released) return undefined;
  await db.query(
    `WITH ${positionCte()}
     UPDATE codes SET uses = GREATEST(0, uses - 1), item_uses = GREATEST(0, item_uses - $2),
       discount_given = GREATEST(0, discount_given - $3), usage_pos = ${NEXT_POS}
     WHERE id = $1`,
    [released.codeId, released.itemUses, released.discount],
  );
  return released;
}

/** Marks a redemption as an overuse (an excess found at sync, or accepted in review). */
export async function markOveruse(
  db: Queryable,
  r: { orgId: string; id: string; reason: string; grantedBy: string | null; limits: string[] | null },
): Promise<void> {
  await db.query(
    `UPDATE redemptions SET overuse = true, overuse_reason = $2,
       overuse_granted_by = COALESCE($3, overuse_granted_by),
       overuse_limits = COALESCE($4::jsonb, overuse_limits)
     WHERE id = $1 AND org_id = $5`,
    [r.id, r.reason, r.grantedBy, r.limits === null ? null : JSON.stringify(r.limits), r.orgId],
  );
}

/**
 * An overuse nobody granted (found at sync, awaiting review) gets a reason that says what became of it;
 * one a supervisor or manager granted keeps theirs.
 */
export async function replaceUngrantedOveruseReason(
  db: Queryable,
  orgId: string,
  id: string,
  reason: string,
): Promise<void> {
  await db.query(
    `UPDATE redemptions SET overuse_reason = $3
     WHERE org_id = $1 AND id = $2 AND overuse AND overuse_granted_by IS NULL`,
    [orgId, id, reason],
  );
}

/**
 * The overuses granted on sales of `performanceId` in [from, to) (docs/CASH.md "Per performance"): pushed
 * sales, and online redemptions that named the performance.
 */
export async function countPerformanceOveruseGrants(
  db: Queryable,
  r: { orgId: string; performanceId: string; from: string; to: string },
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM redemptions
     WHERE org_id = $1 AND overuse AND overuse_granted_by IS NOT NULL AND $2::uuid = ANY(performance_ids)
       AND redeemed_at >= $3 AND redeemed_at < $4`,
    [r.orgId, r.performanceId, r.from, r.to],
  );
  return row?.n ?? 0;
}

/**
 * One supervisor's overuse grants recorded in [from, to) (redeemed_at: an online use's time, or a pushed
 * sale's): online redemptions and pushed sales alike, voided or not, for a grant was made either way.
 */
export async function countOveruseGrants(
  db: Queryable,
  r: { orgId: string; staffId: string; from: string; to: string },
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM redemptions
     WHERE org_id = $1 AND overuse_granted_by = $2 AND overuse AND redeemed_at >= $3 AND redeemed_at < $4`,
    [r.orgId, r.staffId, r.from, r.to],
  );
  return row?.n ?? 0;
}
