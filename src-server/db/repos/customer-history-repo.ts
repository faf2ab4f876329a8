import type { CustomerCode } from '../../../shared/customers/history';
import type { Queryable } from '../database';

// A customer's history in the ledger (docs/CUSTOMERS.md "History and counts"): pushed sales name the
// customer in the sale record, code uses in the redemption (customer_id, text: a terminal's id). Voided
// sales and released online uses do not count, as on the terminal (src-main usage-repo).

/** Completed orders: pushed sales not voided, and online orders (a code use with no sale) not released. */
export async function completedOrders(db: Queryable, orgId: string, customerId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM pos_sales s
              WHERE s.org_id = $1 AND s.payload->'sale'->>'customerId' = $2 AND s.status = 'completed')
          + (SELECT count(*) FROM redemptions r
              WHERE r.org_id = $1 AND r.customer_id = $2 AND NOT r.pos_sale AND r.released_at IS NULL)
          AS n`,
    [orgId, customerId],
  );
  return Number(row?.n ?? 0);
}

/** The customer's uses and item uses of each of `codeIds` they have used. */
export async function codeUses(
  db: Queryable,
  orgId: string,
  customerId: string,
  codeIds: readonly string[],
): Promise<{ codeId: string; uses: number; itemUses: number }[]> {
  return db.query(
    `SELECT code_id AS "codeId", count(*)::int AS uses, COALESCE(sum(item_uses), 0)::int AS "itemUses"
     FROM redemptions
     WHERE org_id = $1 AND customer_id = $2 AND code_id = ANY($3::uuid[]) AND released_at IS NULL
     GROUP BY code_id`,
    [orgId, customerId, codeIds],
  );
}

/**
 * The customer's uses of each of `codeIds` per event (or performance) the code's discount went to, from
 * the pushed sale's scopes (shared/sync/sale-record.ts). An online use names no event: it counts only
 * in the totals above.
 */
export async function scopedCodeUses(
  db: Queryable,
  orgId: string,
  customerId: string,
  codeIds: readonly string[],
  field: 'eventId' | 'performanceId',
): Promise<{ codeId: string; scopeId: string; n: number }[]> {
  return db.query(
    `SELECT r.code_id AS "codeId", sc->>'${field}' AS "scopeId", count(DISTINCT r.id)::int AS n
     FROM redemptions r
       JOIN pos_sales s ON r.pos_sale AND s.org_id = r.org_id AND s.id = r.order_id
       CROSS JOIN LATERAL jsonb_array_elements(COALESCE(s.payload->'scopes', '[]'::jsonb)) sc
     WHERE r.org_id = $1 AND r.customer_id = $2 AND r.code_id = ANY($3::uuid[]) AND r.released_at IS NULL
       AND COALESCE(sc->>'${field}', '') <> ''
     GROUP BY r.code_id, sc->>'${field}'`,
    [orgId, customerId, codeIds],
  );
}

type CodeRow = Omit<CustomerCode, 'remainingUses'>;

/**
 * The customer's codes: those they used (a generated child with its parent's terms) and active
 * standalone codes whose customerGroups names one of `groups`; used first, then by code.
 */
export async function customerCodes(
  db: Queryable,
  orgId: string,
  customerId: string,
  groups: readonly string[],
): Promise<CodeRow[]> {
  return db.query<CodeRow>(
    `WITH used AS (
       SELECT code_id, count(*) FILTER (WHERE released_at IS NULL)::int AS uses,
         COALESCE(sum(item_uses) FILTER (WHERE released_at IS NULL), 0)::int AS item_uses
       FROM redemptions WHERE org_id = $1 AND customer_id = $2 GROUP BY code_id
     ), mine AS (
       SELECT code_id, 'used' AS reason, uses, item_uses FROM used
       UNION ALL
       SELECT c.id, 'group', 0, 0 FROM codes c
       WHERE c.org_id = $1 AND c.status = 'active' AND c.parent_id IS NULL AND NOT c.is_parent
         AND c.rules->'customerGroups' ?| $3::text[]
         AND NOT EXISTS (SELECT 1 FROM used u WHERE u.code_id = c.id)
     )
     SELECT c.id AS "codeId", c.code, COALESCE(c.name, p.name) AS name, c.status, m.reason, m.uses,
       m.item_uses AS "itemUses",
       (COALESCE(p.rules, c.rules)->>'maxUsesPerCustomer')::int AS "maxUsesPerCustomer"
     FROM mine m JOIN codes c ON c.id = m.code_id AND c.org_id = $1
       LEFT JOIN codes p ON p.id = c.parent_id AND p.org_id = $1
     ORDER BY m.reason DESC, c.code
     LIMIT 500`,
    [orgId, customerId, groups],
  );
}
