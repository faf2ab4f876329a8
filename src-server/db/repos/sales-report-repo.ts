import type { SalesByPerformanceQuery, SalesByPerformanceRow } from '../../../shared/reports/sales';
import type { Queryable } from '../database';

// Sales by performance, ticket type and price band (docs/REPORTS.md), read from the pushed sales'
// stored lines: the terminal's record is the source of truth of a sale (pos-ledger-repo.ts). A unit
// given back by a refund or a void counts as refunded at the total it was charged.

export async function salesByPerformance(
  db: Queryable,
  orgId: string,
  f: SalesByPerformanceQuery,
): Promise<SalesByPerformanceRow[]> {
  const params: unknown[] = [orgId];
  const sales = ['s.org_id = $1'];
  const lines = ["l->>'kind' = 'ticket'", "l->>'performanceId' IS NOT NULL"];
  const add = (where: string[], sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.from) add(sales, (p) => `s.created_at >= ${p}::timestamptz`, f.from);
  if (f.to) add(sales, (p) => `s.created_at <= ${p}::timestamptz`, f.to);
  if (f.performanceId) {
    // The sale-level test rides the GIN index (migration 0015); the line-level one picks the lines.
    add(
      sales,
      (p) => `jsonb_path_query_array(s.payload, '$.lines[*].performanceId') @> jsonb_build_array(${p}::text)`,
      f.performanceId,
    );
    add(lines, (p) => `l->>'performanceId' = ${p}`, f.performanceId);
  }
  const catalogue: string[] = [];
  if (f.eventId) add(catalogue, (p) => `p.event_id = ${p}`, f.eventId);
  if (f.venueId) add(catalogue, (p) => `e.venue_id = ${p}`, f.venueId);
  return db.query<SalesByPerformanceRow>(
    `WITH sold AS (
       SELECT s.id AS sale_id, s.currency, s.payload, l->>'id' AS line_id, l->>'performanceId' AS performance_id,
         l->>'ticketTypeId' AS ticket_type_id, l->>'priceBandId' AS price_band_id, (l->>'qty')::bigint AS qty,
         (l->>'gross')::bigint AS gross,
         (l->>'codeDiscount')::bigint + (l->>'customDiscount')::bigint AS discount
       FROM pos_sales s CROSS JOIN jsonb_array_elements(s.payload->'lines') l
       WHERE ${sales.join(' AND ')} AND ${lines.join(' AND ')}
     ), given_back AS (
       SELECT d.sale_id, d.line_id, count(*) AS units, sum((su->>'total')::bigint) AS amount
       FROM sold d
         JOIN pos_refunds x ON x.sale_id = d.sale_id
         CROSS JOIN jsonb_array_elements(x.payload->'units') u
         CROSS JOIN jsonb_array_elements(d.payload->'units') su
       WHERE u->>'lineId' = d.line_id AND su->>'lineId' = d.line_id AND su->'unitIndex' = u->'unitIndex'
       GROUP BY d.sale_id, d.line_id
     ), totals AS (
       SELECT d.performance_id, d.ticket_type_id, d.price_band_id, d.currency, sum(d.qty) AS sold,
         sum(COALESCE(g.units, 0)) AS refunded_units, sum(d.gross) AS gross, sum(d.discount) AS discount,
         sum(COALESCE(g.amount, 0)) AS refunded
       FROM sold d LEFT JOIN given_back g ON g.sale_id = d.sale_id AND g.line_id = d.line_id
       GROUP BY d.performance_id, d.ticket_type_id, d.price_band_id, d.currency
     )
     SELECT e.id AS "eventId", e.name AS "eventName", e.venue_id AS "venueId", t.performance_id AS "performanceId",
       p.starts_at AS "performanceStartsAt", t.ticket_type_id AS "ticketTypeId", tt.name AS "ticketTypeName",
       t.price_band_id AS "priceBandId", pb.name AS "priceBandName", t.sold::bigint AS "ticketsSold",
       t.refunded_units::bigint AS "ticketsRefunded", t.gross::bigint AS gross, t.discount::bigint AS discount,
       t.refunded::bigint AS refunded, (t.gross - t.discount - t.refunded)::bigint AS net, t.currency
     FROM totals t
       LEFT JOIN performances p ON p.org_id = $1 AND p.id::text = t.performance_id
       LEFT JOIN events e ON e.id = p.event_id
       LEFT JOIN ticket_types tt ON tt.org_id = $1 AND tt.id::text = t.ticket_type_id
       LEFT JOIN price_bands pb ON pb.org_id = $1 AND pb.id::text = t.price_band_id
     ${catalogue.length > 0 ? `WHERE ${catalogue.join(' AND ')}` : ''}
     ORDER BY p.starts_at NULLS LAST, t.performance_id, tt.name NULLS LAST, pb.name NULLS LAST, t.currency`,
    params,
  );
}
