import type { ReasonFilter, ReasonRow } from '../../../shared/reports/reasons';
import type { Queryable } from '../database';
import { containsPattern } from '../like';

// The reasons report (docs/REPORTS.md "Reasons"), read from what terminals pushed: a sale's custom
// discount, its comped lines (at the full price given away) and its overuse approvals (completed sales only: a voided sale gave nothing away, and its
// void is counted under `void`), every refund and void with the tickets it gave back, and every cash
// movement. Discounts and refunds are split by the performance of the lines they touched; a cash
// movement belongs to no performance.

/** (category, reason, staff, performance, the counted thing's id, amount, currency, time) per source. */
const SOURCES = `
  SELECT 'custom_discount' AS category, s.payload->'sale'->>'customReason' AS reason, s.cashier_id::text AS staff_id,
    l->>'performanceId' AS performance_id, s.id::text AS item_id, (l->>'customDiscount')::bigint AS amount,
    s.currency, s.created_at AS at
  FROM pos_sales s CROSS JOIN jsonb_array_elements(s.payload->'lines') l
  WHERE s.org_id = $1 AND s.status = 'completed' AND s.custom_discount > 0 AND (l->>'customDiscount')::bigint > 0
UNION ALL
  SELECT 'comp', l->>'compReason', s.cashier_id::text, l->>'performanceId', s.id::text, (l->>'comp')::bigint,
    s.currency, s.created_at
  FROM pos_sales s CROSS JOIN jsonb_array_elements(s.payload->'lines') l
  WHERE s.org_id = $1 AND s.status = 'completed' AND COALESCE((l->>'comp')::bigint, 0) > 0
UNION ALL
  SELECT 'overuse', a->>'reason', s.cashier_id::text, l->>'performanceId', s.id::text,
    (l->>'codeDiscount')::bigint, s.currency, s.created_at
  FROM pos_sales s CROSS JOIN jsonb_array_elements(s.payload->'approvals') a
    CROSS JOIN jsonb_array_elements(s.payload->'lines') l
  WHERE s.org_id = $1 AND s.status = 'completed' AND a->>'kind' = 'overuse' AND (l->>'codeDiscount')::bigint > 0
UNION ALL
  SELECT x.kind, x.payload->'refund'->>'reason', x.staff_id::text, sl->>'performanceId', x.id::text,
    (su->>'total')::bigint, s.currency, x.created_at
  FROM pos_refunds x JOIN pos_sales s ON s.id = x.sale_id
    CROSS JOIN jsonb_array_elements(x.payload->'units') u
    CROSS JOIN jsonb_array_elements(s.payload->'units') su
    CROSS JOIN jsonb_array_elements(s.payload->'lines') sl
  WHERE x.org_id = $1 AND su->>'lineId' = u->>'lineId' AND su->'unitIndex' = u->'unitIndex'
    AND sl->>'id' = u->>'lineId'
UNION ALL
  SELECT m.kind, m.reason, m.staff_id, NULL, m.id::text, m.amount, m.currency, m.at
  FROM pos_cash_movements m WHERE m.org_id = $1`;

function reasonsSql(orgId: string, f: ReasonFilter, params: unknown[]): string {
  params.push(orgId);
  const where: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.from) add((p) => `g.at >= ${p}::timestamptz`, f.from);
  if (f.to) add((p) => `g.at <= ${p}::timestamptz`, f.to);
  if (f.category) add((p) => `g.category = ${p}`, f.category);
  if (f.cashierId) add((p) => `g.staff_id = ${p}`, f.cashierId);
  if (f.performanceId) add((p) => `g.performance_id = ${p}`, f.performanceId);
  if (f.reason) add((p) => `g.reason ILIKE ${p}`, containsPattern(f.reason));
  return `WITH given AS (${SOURCES}),
    grouped AS (
      SELECT g.category, g.reason, g.staff_id, g.performance_id, g.currency,
        count(DISTINCT g.item_id)::int AS count, sum(g.amount)::bigint AS amount
      FROM given g ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      GROUP BY g.category, g.reason, g.staff_id, g.performance_id, g.currency
    )`;
}

export async function countReasons(db: Queryable, orgId: string, f: ReasonFilter): Promise<number> {
  const params: unknown[] = [];
  const [row] = await db.query<{ n: number }>(
    `${reasonsSql(orgId, f, params)} SELECT count(*)::int AS n FROM grouped`,
    params,
  );
  return row?.n ?? 0;
}

export async function listReasons(
  db: Queryable,
  orgId: string,
  f: ReasonFilter,
  limit: number,
  offset: number,
): Promise<ReasonRow[]> {
  const params: unknown[] = [];
  const sql = reasonsSql(orgId, f, params);
  params.push(limit, offset);
  return db.query<ReasonRow>(
    `${sql}
     SELECT r.category, r.reason, r.staff_id AS "cashierId", st.name AS "cashierName",
       r.performance_id AS "performanceId", e.name AS "eventName", p.starts_at AS "performanceStartsAt",
       r.count, r.amount, r.currency
     FROM grouped r
       LEFT JOIN staff st ON st.org_id = $1 AND st.id::text = r.staff_id
       LEFT JOIN performances p ON p.org_id = $1 AND p.id::text = r.performance_id
       LEFT JOIN events e ON e.id = p.event_id
     ORDER BY r.category, r.reason, st.name NULLS LAST, r.staff_id, p.starts_at NULLS FIRST, r.performance_id
       NULLS FIRST, r.currency
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
}
