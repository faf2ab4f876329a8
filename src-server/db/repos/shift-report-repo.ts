import { CASH_MOVEMENT_KINDS } from '../../../shared/cash/movements';
import type { ShiftFilter, ShiftRow } from '../../../shared/reports/shifts';
import type { Queryable } from '../database';

// Every terminal's shifts (docs/REPORTS.md "Shifts"): the pushed open and close events (stored whole,
// shift-apply.ts), the sales pushed in the shift and the money paid back in it. A sale's payments
// belong to its shift; a refund's to the shift it was made in, which may be a later one. Cash movements
// (cash-movement-apply.ts) are summed per kind, signed as they moved the drawer.

type ShiftDbRow = Omit<ShiftRow, 'tenders'> & ShiftRow['tenders'];

/** One JSON object with every kind, 0 where the shift has none. */
const MOVEMENT_SUMS = `jsonb_build_object(${CASH_MOVEMENT_KINDS.map(
  (k) => `'${k}', COALESCE(sum(m.amount) FILTER (WHERE m.kind = '${k}'), 0)`,
).join(', ')})`;

/**
 * A shift's comps (docs/CASH.md "Comps") from its completed sales' pushed units and lines: each comped
 * unit with its line's reason, summed per reason. A sale from before comps has no comp on its units.
 */
const COMPS_OF_SHIFT = `
  SELECT COALESCE(sum(r.n), 0)::int AS n, COALESCE(sum(r.v), 0)::bigint AS v,
    COALESCE(jsonb_agg(jsonb_build_object('reason', r.reason, 'count', r.n, 'value', r.v)
      ORDER BY r.v DESC, r.reason), '[]'::jsonb) AS by_reason
  FROM (
    SELECT COALESCE(l->>'compReason', '?') AS reason, count(*)::int AS n, sum((u->>'comp')::bigint)::bigint AS v
    FROM pos_sales s
      CROSS JOIN jsonb_array_elements(s.payload->'units') u
      JOIN LATERAL jsonb_array_elements(s.payload->'lines') l ON l->>'id' = u->>'lineId'
    WHERE s.org_id = $1 AND s.shift_id = g.shift_id AND s.status = 'completed'
      AND COALESCE((u->>'comp')::bigint, 0) > 0
    GROUP BY 1
  ) r`;

function shiftsSql(orgId: string, f: ShiftFilter, params: unknown[]): string {
  params.push(orgId);
  const where: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.from) add((p) => `COALESCE(h.opened_at, h.closed_at) >= ${p}::timestamptz`, f.from);
  if (f.to) add((p) => `COALESCE(h.opened_at, h.closed_at) <= ${p}::timestamptz`, f.to);
  if (f.terminalId) add((p) => `h.terminal_id = ${p}`, f.terminalId);
  if (f.cashierId) add((p) => `(h.opened_by = ${p} OR h.closed_by = ${p})`, f.cashierId);
  return `WITH h AS (
      SELECT e.shift_id, e.terminal_id,
        min(e.at) FILTER (WHERE e.kind = 'open') AS opened_at,
        (array_agg(e.staff_id ORDER BY e.at) FILTER (WHERE e.kind = 'open'))[1] AS opened_by,
        (array_agg((e.payload->>'openingFloat')::bigint ORDER BY e.at) FILTER (WHERE e.kind = 'open'))[1]
          AS opening_float,
        max(e.at) FILTER (WHERE e.kind = 'close') AS closed_at,
        (array_agg(e.staff_id ORDER BY e.at DESC) FILTER (WHERE e.kind = 'close'))[1] AS closed_by,
        (array_agg((e.payload->>'expectedCash')::bigint ORDER BY e.at DESC) FILTER (WHERE e.kind = 'close'))[1]
          AS expected_cash,
        (array_agg((e.payload->>'countedCash')::bigint ORDER BY e.at DESC) FILTER (WHERE e.kind = 'close'))[1]
          AS counted_cash
      FROM pos_shift_events e WHERE e.org_id = $1 GROUP BY e.shift_id, e.terminal_id
    ), listed AS (
      SELECT h.* FROM h ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    )`;
}

export async function countShifts(db: Queryable, orgId: string, f: ShiftFilter): Promise<number> {
  const params: unknown[] = [];
  const [row] = await db.query<{ n: number }>(
    `${shiftsSql(orgId, f, params)} SELECT count(*)::int AS n FROM listed`,
    params,
  );
  return row?.n ?? 0;
}

export async function listShifts(
  db: Queryable,
  orgId: string,
  f: ShiftFilter,
  limit: number,
  offset: number,
): Promise<ShiftRow[]> {
  const params: unknown[] = [];
  const base = shiftsSql(orgId, f, params);
  params.push(limit, offset);
  const rows = await db.query<ShiftDbRow>(
    `${base}, page AS (
       SELECT * FROM listed ORDER BY COALESCE(opened_at, closed_at) DESC, shift_id DESC
       LIMIT $${params.length - 1} OFFSET $${params.length}
     ), sale_pay AS (
       SELECT s.shift_id, p->>'tender' AS tender, sum((p->>'amount')::bigint) AS amount
       FROM page g JOIN pos_sales s ON s.org_id = $1 AND s.shift_id = g.shift_id
         CROSS JOIN jsonb_array_elements(s.payload->'payments') p
       GROUP BY s.shift_id, p->>'tender'
     ), refund_pay AS (
       SELECT x.shift_id, p->>'tender' AS tender, sum((p->>'amount')::bigint) AS amount
       FROM page g JOIN pos_refunds x ON x.org_id = $1 AND x.shift_id = g.shift_id
         CROSS JOIN jsonb_array_elements(x.payload->'payments') p
       GROUP BY x.shift_id, p->>'tender'
     ), pay AS (
       SELECT shift_id, tender, sum(amount) AS amount
       FROM (SELECT * FROM sale_pay UNION ALL SELECT * FROM refund_pay) a GROUP BY shift_id, tender
     )
     SELECT g.shift_id AS "shiftId", g.terminal_id AS "terminalId", t.name AS "terminalName",
       v.id AS "venueId", v.name AS "venueName", g.opened_by AS "openedBy", so.name AS "openedByName",
       g.closed_by AS "closedBy", sc.name AS "closedByName", g.opened_at AS "openedAt", g.closed_at AS "closedAt",
       g.opening_float AS "openingFloat", g.expected_cash AS "expectedCash", g.counted_cash AS "countedCash",
       (g.counted_cash - g.expected_cash) AS difference,
       COALESCE(sl.n, 0)::int AS sales, COALESCE(sl.total, 0)::bigint AS "salesTotal",
       COALESCE(rf.amount, 0)::bigint AS "refundsTotal",
       (COALESCE(sl.rounding, 0) - COALESCE(rf.rounding, 0))::bigint AS "cashRounding",
       COALESCE((SELECT amount FROM pay WHERE pay.shift_id = g.shift_id AND tender = 'cash'), 0)::bigint AS cash,
       COALESCE((SELECT amount FROM pay WHERE pay.shift_id = g.shift_id AND tender = 'card'), 0)::bigint AS card,
       COALESCE((SELECT amount FROM pay WHERE pay.shift_id = g.shift_id AND tender = 'complimentary'), 0)::bigint
         AS complimentary,
       COALESCE((SELECT amount FROM pay WHERE pay.shift_id = g.shift_id AND tender = 'exchange'), 0)::bigint AS exchange,
       cm.sums AS "cashMovements", cm.no_sales AS "noSales",
       jsonb_build_object('count', cp.n, 'value', cp.v, 'byReason', cp.by_reason) AS comps,
       COALESCE(sl.currency, v.currency) AS currency
     FROM page g
       JOIN terminals t ON t.org_id = $1 AND t.id = g.terminal_id
       JOIN venues v ON v.id = t.venue_id
       LEFT JOIN staff so ON so.org_id = $1 AND so.id = g.opened_by
       LEFT JOIN staff sc ON sc.org_id = $1 AND sc.id = g.closed_by
       LEFT JOIN LATERAL (
         SELECT count(*) AS n, sum(s.total) AS total, min(s.currency) AS currency, sum(s.cash_rounding) AS rounding
         FROM pos_sales s WHERE s.org_id = $1 AND s.shift_id = g.shift_id
       ) sl ON true
       LEFT JOIN LATERAL (
         SELECT sum(x.amount) AS amount, sum(x.cash_rounding) AS rounding FROM pos_refunds x WHERE x.org_id = $1 AND x.shift_id = g.shift_id
       ) rf ON true
       CROSS JOIN LATERAL (${COMPS_OF_SHIFT}) cp
       CROSS JOIN LATERAL (
         SELECT ${MOVEMENT_SUMS} AS sums, (count(*) FILTER (WHERE m.kind = 'no_sale'))::int AS no_sales
         FROM pos_cash_movements m WHERE m.org_id = $1 AND m.shift_id = g.shift_id
       ) cm
     ORDER BY COALESCE(g.opened_at, g.closed_at) DESC, g.shift_id DESC`,
    params,
  );
  return rows.map(({ cash, card, complimentary, exchange, ...row }) => ({
    ...row,
    tenders: { cash, card, complimentary, exchange },
  }));
}
