import type { OrderFilter, OrderRedemptionDetail, OrderRow } from '../../../shared/reports/orders';
import type { Queryable } from '../database';
import { containsPattern, prefixPattern } from '../like';

// The orders report's SQL (docs/REPORTS.md "Orders"). An order is a pushed sale, or a code use with no
// sale behind it (redemptions.pos_sale false). A page is found in two steps: the keys of the page,
// newest first by (time, id) from an index (migration 0015), then the rows for those keys. Every
// statement is scoped to the caller's organisation.

export interface OrderKey {
  at: string;
  id: string;
}

/** An order's row before the service reads the buyer out of the stored customer and sets its status. */
export type OrderDbRow = Omit<OrderRow, 'buyer' | 'status'> & {
  /** The customer as picked at the till (JSON text), the customer id, and an online order's buyer. */
  customer: string | null;
  customerId: string | null;
  buyerText: string | null;
  refundedUnits: number;
  /** The sale's units; null for an online order. */
  units: number | null;
  saleStatus: 'completed' | 'voided' | null;
  releasedAt: string | null;
};

/**
 * The sales journal's search (docs/ORDERS.md), read from its one text field by the service: orders by
 * id (a receipt's QR, or the sale of a scanned ticket), a receipt number and/or the end of a phone
 * number, or the start of a customer's name, last name or e-mail. Each part has its own index
 * (migration 0024); the parts present are ORed.
 */
export interface OrderSearch {
  orderIds?: string[];
  receiptNo?: number | null;
  /** Digits only. */
  phone?: string | null;
  /** Lower case. */
  customer?: string;
}

/** The search on a sale (s). */
function saleSearch(w: Where, search: OrderSearch): void {
  const any: string[] = [];
  const param = (value: unknown) => {
    w.params.push(value);
    return `$${w.params.length}`;
  };
  if (search.orderIds) any.push(`s.id = ANY(${param(search.orderIds)}::uuid[])`);
  if (search.receiptNo) any.push(`s.receipt_no = ${param(search.receiptNo)}`);
  if (search.phone) {
    const p = param(prefixPattern([...search.phone].reverse().join('')));
    any.push(`(s.customer_phone IS NOT NULL AND reverse(s.customer_phone) LIKE ${p})`);
  }
  if (search.customer) {
    const p = param(prefixPattern(search.customer));
    any.push(
      `(s.customer_name IS NOT NULL AND s.customer_name LIKE ${p})`,
      `(s.customer_name IS NOT NULL AND substring(s.customer_name FROM '(\\S+)$') LIKE ${p})`,
      `(s.customer_email IS NOT NULL AND s.customer_email LIKE ${p})`,
    );
  }
  w.parts.push(any.length > 0 ? `(${any.join(' OR ')})` : 'false');
}

/** The search on an order known only by its code use (r): by id, or by the buyer as recorded. */
function useSearch(w: Where, search: OrderSearch): void {
  const any: string[] = [];
  if (search.orderIds) {
    w.params.push(search.orderIds);
    any.push(`r.order_id = ANY($${w.params.length}::uuid[])`);
  }
  if (search.customer) {
    w.params.push(prefixPattern(search.customer));
    any.push(`(r.buyer IS NOT NULL AND lower(r.buyer) LIKE $${w.params.length})`);
  }
  w.parts.push(any.length > 0 ? `(${any.join(' OR ')})` : 'false');
}

/** The sale's performances, as the GIN index pos_sales_performances holds them. */
const PERFORMANCES = `jsonb_path_query_array(s.payload, '$.lines[*].performanceId')`;

class Where {
  readonly parts: string[] = [];
  constructor(readonly params: unknown[]) {}
  add(sql: (p: string) => string, value: unknown): void {
    this.params.push(value);
    this.parts.push(sql(`$${this.params.length}`));
  }
  /** Rows after `key` in newest-first order: (time, id) below the key's. */
  before(columns: string, key: OrderKey): void {
    this.params.push(key.at, key.id);
    const n = this.params.length;
    this.parts.push(`(${columns}) < ($${n - 1}::timestamptz, $${n}::uuid)`);
  }
  sql(): string {
    return this.parts.join(' AND ');
  }
}

/** An overuse reason or the ad-hoc discount's reason; r or s may be a row of nulls. */
const REASON = (p: string) =>
  `(r.overuse_reason ILIKE ${p} OR s.payload->'sale'->>'customReason' ILIKE ${p})`;

/** Filters on a sale (s) and, where it has one, its code use (r). */
function saleWhere(w: Where, orgId: string, f: OrderKeyFilter, after: OrderKey | undefined): void {
  w.add((p) => `s.org_id = ${p}`, orgId);
  if (f.from) w.add((p) => `s.created_at >= ${p}::timestamptz`, f.from);
  if (f.to) w.add((p) => `s.created_at <= ${p}::timestamptz`, f.to);
  if (f.terminalId) w.add((p) => `s.terminal_id = ${p}`, f.terminalId);
  if (f.cashierId) w.add((p) => `s.cashier_id = ${p}`, f.cashierId);
  if (f.performanceId) w.add((p) => `${PERFORMANCES} @> jsonb_build_array(${p}::text)`, f.performanceId);
  if (f.buyer) {
    w.add(
      (p) => `(s.payload->'sale'->>'customerId' ILIKE ${p} OR s.payload->'sale'->>'customer' ILIKE ${p})`,
      containsPattern(f.buyer),
    );
  }
  if (f.customerId) w.add((p) => `s.payload->'sale'->>'customerId' = ${p}`, f.customerId);
  if (f.reason) w.add(REASON, containsPattern(f.reason));
  if (f.search) saleSearch(w, f.search);
  if (after) w.before('s.created_at, s.id', after);
}

/** Filters on a code use (r); for a use with a sale behind it (s) the sale's own fields count too. */
function useWhere(w: Where, orgId: string, f: OrderKeyFilter, after: OrderKey | undefined): void {
  w.add((p) => `r.org_id = ${p}`, orgId);
  if (f.codeId) w.add((p) => `r.code_id = ${p}`, f.codeId);
  if (f.parentId) w.add((p) => `COALESCE(r.parent_id, r.code_id) = ${p}`, f.parentId);
  if (f.code) w.add((p) => `c.code LIKE ${p}`, containsPattern(f.code.toUpperCase()));
  if (f.from) w.add((p) => `r.redeemed_at >= ${p}::timestamptz`, f.from);
  if (f.to) w.add((p) => `r.redeemed_at <= ${p}::timestamptz`, f.to);
  if (f.terminalId) w.add((p) => `r.terminal_id = ${p}`, f.terminalId);
  if (f.cashierId) w.add((p) => `r.cashier_id = ${p}`, f.cashierId);
  if (f.performanceId) w.add((p) => `${PERFORMANCES} @> jsonb_build_array(${p}::text)`, f.performanceId);
  if (f.buyer) {
    w.add(
      (p) => `(r.buyer ILIKE ${p} OR r.customer_id ILIKE ${p} OR s.payload->'sale'->>'customer' ILIKE ${p})`,
      containsPattern(f.buyer),
    );
  }
  if (f.customerId) w.add((p) => `r.customer_id = ${p}`, f.customerId);
  if (f.reason) w.add(REASON, containsPattern(f.reason));
  if (f.search) useSearch(w, f.search);
  if (after) w.before('r.redeemed_at, r.order_id', after);
}

/** The report's filters, and the journal's search. */
export type OrderKeyFilter = OrderFilter & { search?: OrderSearch | undefined };

const needsUse = (f: OrderFilter) => Boolean(f.code || f.codeId || f.parentId);

/**
 * The keys of one page, newest first. With a code filter every matching order has a code use, so the
 * page walks the uses (a pushed sale's use has the sale's time and id); otherwise it merges the sales
 * with the orders known only by their use.
 */
export async function orderKeys(
  db: Queryable,
  orgId: string,
  f: OrderKeyFilter,
  limit: number,
  after?: OrderKey,
): Promise<OrderKey[]> {
  const params: unknown[] = [limit];
  if (needsUse(f)) {
    const w = new Where(params);
    useWhere(w, orgId, f, after);
    return db.query<OrderKey>(
      `SELECT r.order_id AS id, r.redeemed_at AS at FROM redemptions r
         ${f.code ? 'JOIN codes c ON c.id = r.code_id' : ''}
         LEFT JOIN pos_sales s ON r.pos_sale AND s.org_id = r.org_id AND s.id = r.order_id
       WHERE ${w.sql()} ORDER BY r.redeemed_at DESC, r.order_id DESC LIMIT $1`,
      params,
    );
  }
  const sales = new Where(params);
  saleWhere(sales, orgId, f, after);
  const saleSql = `SELECT s.id, s.created_at AS at FROM pos_sales s
      ${f.reason ? 'LEFT JOIN redemptions r ON r.org_id = s.org_id AND r.order_id = s.id' : ''}
    WHERE ${sales.sql()} ORDER BY s.created_at DESC, s.id DESC LIMIT $1`;
  // An order known only by its code use names no performance.
  if (f.performanceId) return db.query<OrderKey>(saleSql, params);
  const uses = new Where(params);
  useWhere(uses, orgId, f, after);
  return db.query<OrderKey>(
    `(${saleSql}) UNION ALL
     (SELECT r.order_id AS id, r.redeemed_at AS at FROM redemptions r
        LEFT JOIN pos_sales s ON false
      WHERE NOT r.pos_sale AND ${uses.sql()} ORDER BY r.redeemed_at DESC, r.order_id DESC LIMIT $1)
     ORDER BY at DESC, id DESC LIMIT $1`,
    params,
  );
}

/** The rows of these orders, in the order given. */
export async function orderRows(db: Queryable, orgId: string, ids: readonly string[]): Promise<OrderDbRow[]> {
  if (ids.length === 0) return [];
  return db.query<OrderDbRow>(
    `SELECT k.id AS "orderId", CASE WHEN s.id IS NULL THEN 'online' ELSE 'pos' END AS source,
       s.receipt_no AS "receiptNo", COALESCE(s.created_at, r.redeemed_at) AS at,
       t.id AS "terminalId", t.name AS "terminalName", st.id AS "cashierId", st.name AS "cashierName",
       s.payload->'sale'->>'customer' AS customer,
       COALESCE(s.payload->'sale'->>'customerId', r.customer_id) AS "customerId", r.buyer AS "buyerText",
       r.code_id AS "codeId", c.code, COALESCE(r.overuse, false) AS overuse,
       COALESCE(s.gross, r.revenue + r.discount) AS gross,
       COALESCE(s.code_discount + s.custom_discount, r.discount) AS discount,
       COALESCE(s.total, r.revenue) AS total, COALESCE(rf.amount, 0)::bigint AS refunded,
       COALESCE(rf.units, 0)::bigint AS "refundedUnits", jsonb_array_length(s.payload->'units') AS units,
       COALESCE(s.currency, r.currency) AS currency, s.status AS "saleStatus", r.released_at AS "releasedAt"
     FROM unnest($2::uuid[]) WITH ORDINALITY AS k(id, n)
       LEFT JOIN pos_sales s ON s.org_id = $1 AND s.id = k.id
       LEFT JOIN redemptions r ON r.org_id = $1 AND r.order_id = k.id
       LEFT JOIN codes c ON c.id = r.code_id
       LEFT JOIN terminals t ON t.org_id = $1 AND t.id = COALESCE(s.terminal_id, r.terminal_id)
       LEFT JOIN staff st ON st.org_id = $1 AND st.id = COALESCE(s.cashier_id, r.cashier_id)
       LEFT JOIN LATERAL (
         SELECT sum(x.amount) AS amount, sum(jsonb_array_length(x.payload->'units')) AS units
         FROM pos_refunds x WHERE x.sale_id = s.id
       ) rf ON true
     WHERE s.id IS NOT NULL OR r.id IS NOT NULL
     ORDER BY k.n`,
    [orgId, ids],
  );
}

export interface SaleLedger {
  payload: unknown;
  refunds: {
    id: string;
    kind: 'refund' | 'void';
    staffId: string;
    staffName: string | null;
    terminalId: string;
    terminalName: string | null;
    amount: number;
    payload: unknown;
    createdAt: string;
  }[];
}

/** A sale's stored record and its refunds, for the drill-down. */
export async function saleLedger(db: Queryable, orgId: string, id: string): Promise<SaleLedger | undefined> {
  const [sale] = await db.query<{ payload: unknown }>(
    'SELECT payload FROM pos_sales WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  if (!sale) return undefined;
  const refunds = await db.query<SaleLedger['refunds'][number]>(
    `SELECT x.id, x.kind, x.staff_id AS "staffId", st.name AS "staffName", x.terminal_id AS "terminalId",
       t.name AS "terminalName", x.amount, x.payload, x.created_at AS "createdAt"
     FROM pos_refunds x LEFT JOIN staff st ON st.org_id = x.org_id AND st.id = x.staff_id
       LEFT JOIN terminals t ON t.org_id = x.org_id AND t.id = x.terminal_id
     WHERE x.org_id = $1 AND x.sale_id = $2 ORDER BY x.created_at, x.id`,
    [orgId, id],
  );
  return { payload: sale.payload, refunds };
}

/** Names of these staff members of the organisation, by id. */
export async function staffNames(
  db: Queryable,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM staff WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The order's code uses (at most one), with who granted an overuse. */
export async function orderRedemptions(
  db: Queryable,
  orgId: string,
  orderId: string,
): Promise<OrderRedemptionDetail[]> {
  return db.query<OrderRedemptionDetail>(
    `SELECT r.id AS "redemptionId", r.code_id AS "codeId", c.code, r.parent_id AS "parentId", r.channel,
       r.tickets, r.discount, r.revenue, r.overuse, r.overuse_reason AS "overuseReason",
       r.overuse_granted_by AS "grantedBy", g.name AS "grantedByName", r.released_at AS "releasedAt",
       r.redeemed_at AS at
     FROM redemptions r JOIN codes c ON c.id = r.code_id
       LEFT JOIN staff g ON g.org_id = r.org_id AND g.id = r.overuse_granted_by
     WHERE r.org_id = $1 AND r.order_id = $2 ORDER BY r.redeemed_at, r.id`,
    [orgId, orderId],
  );
}
