import type { JournalExchange } from '../../../shared/reports/journal';
import type { OrderStatusFacts } from '../../../shared/reports/orders';
import { prepared, type Db } from '../connection';

// This terminal's sales journal (docs/ORDERS.md), newest first by (created_at, id), on the indexes of
// migration 0019. The service reads the search text (shared/reports/journal.ts) into a LocalSearch.

export interface LocalSearch {
  saleIds?: string[];
  receiptNo?: number | null;
  /** Digits only: the end of the customer's phone number. */
  phone?: string | null;
  /** Lower case: the start of the customer's name, last name or e-mail. */
  customer?: string;
}

export interface LocalJournalFilter {
  search?: LocalSearch | undefined;
  /** ISO instants in UTC, as sales store their time. */
  from?: string | undefined;
  to?: string | undefined;
  cashierId?: string | undefined;
  performanceId?: string | undefined;
}

/** A sale's row before the service names its buyer and status. */
export interface LocalOrderRow extends Omit<OrderStatusFacts, 'source' | 'units'> {
  orderId: string;
  receiptNo: number;
  at: string;
  cashierId: string;
  cashierName: string | null;
  customer: string | null;
  customerId: string | null;
  codeId: string | null;
  code: string | null;
  overuse: number;
  gross: number;
  discount: number;
  total: number;
  refunded: number;
  units: number;
  currency: string;
  /** 1 for a training sale (migration 0029). */
  training: number;
}

/** Just past every string that starts with `prefix`: a prefix as an index range. */
const LAST = '\u{10FFFF}';

/**
 * The sales the search names, as one UNION of index lookups (rowids): an OR of the parts in the outer
 * query would make SQLite scan every sale, because the end of a phone number is no index range.
 */
function searchSql(search: LocalSearch, params: unknown[]): string {
  const parts: string[] = [];
  if (search.saleIds) {
    parts.push(`SELECT rowid FROM sales WHERE id IN (${search.saleIds.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...search.saleIds);
  }
  if (search.receiptNo) {
    parts.push('SELECT rowid FROM sales WHERE receipt_no = ?');
    params.push(search.receiptNo);
  }
  if (search.phone) {
    // The partial index holds only sales with a phone: scanning it is scanning those.
    parts.push(
      `SELECT rowid FROM sales INDEXED BY sales_customer_phone
       WHERE customer_phone IS NOT NULL AND customer_phone LIKE '%' || ?`,
    );
    params.push(search.phone);
  }
  if (search.customer) {
    for (const column of ['customer_name', 'customer_last_name', 'customer_email']) {
      parts.push(`SELECT rowid FROM sales WHERE ${column} >= ? AND ${column} < ?`);
      params.push(search.customer, search.customer + LAST);
    }
  }
  return parts.length > 0 ? `s.rowid IN (${parts.join(' UNION ')})` : '0';
}

/**
 * One page newest first, in two steps as the server's orders report pages: the page's keys from the
 * indexes, then the rows of just those (their refunds and units are counted per row).
 */
export function searchLocalSales(
  db: Db,
  f: LocalJournalFilter,
  limit: number,
  after?: { at: string; id: string },
): LocalOrderRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.search) where.push(searchSql(f.search, params));
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (f.from) add('s.created_at >= ?', f.from);
  if (f.to) add('s.created_at <= ?', f.to);
  if (f.cashierId) add('s.cashier_id = ?', f.cashierId);
  // Probed per sale newest first (one index lookup each), so a page stops once it has its rows.
  if (f.performanceId) {
    add(
      'EXISTS (SELECT 1 FROM sale_lines l WHERE l.performance_id = ? AND l.sale_id = s.id)',
      f.performanceId,
    );
  }
  if (after) {
    where.push('(s.created_at < ? OR (s.created_at = ? AND s.id < ?))');
    params.push(after.at, after.at, after.id);
  }
  params.push(limit);
  return prepared(
    db,
    `SELECT s.id AS orderId, s.receipt_no AS receiptNo, s.created_at AS at, s.cashier_id AS cashierId,
       st.name AS cashierName, s.customer, s.customer_id AS customerId, s.code_id AS codeId,
       s.code_text AS code,
       EXISTS (SELECT 1 FROM approvals a WHERE a.sale_id = s.id AND a.kind = 'overuse') AS overuse,
       s.gross, s.code_discount + s.custom_discount AS discount, s.total,
       (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.sale_id = s.id)
         + (SELECT coalesce(sum(e.amount), 0) FROM refunds_elsewhere e WHERE e.sale_id = s.id) AS refunded,
       (SELECT count(*) FROM sale_lines l JOIN sale_units u ON u.line_id = l.id WHERE l.sale_id = s.id) AS units,
       (SELECT count(*) FROM sale_lines l JOIN sale_units u ON u.line_id = l.id
         WHERE l.sale_id = s.id AND (u.refund_id IS NOT NULL OR u.refunded_elsewhere_id IS NOT NULL)) AS refundedUnits,
       s.currency, s.training, s.status AS saleStatus, r.released_at AS releasedAt
     FROM (SELECT s.rowid AS k FROM sales s ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY s.created_at DESC, s.id DESC LIMIT ?) page
       JOIN sales s ON s.rowid = page.k
       LEFT JOIN staff st ON st.id = s.cashier_id
       LEFT JOIN redemptions r ON r.sale_id = s.id
     ORDER BY s.created_at DESC, s.id DESC`,
  ).all(...params) as LocalOrderRow[];
}

/** The sale of a ticket this terminal issued (or holds), by the ticket id its QR carries. */
export function saleIdOfTicket(db: Db, ticketId: string): string | undefined {
  const row = prepared(db, 'SELECT sale_id AS saleId FROM tickets WHERE id = ?').get(ticketId);
  return (row as { saleId: string } | undefined)?.saleId;
}

export interface ReprintRow {
  kind: 'sale' | 'tickets';
  createdAt: string;
}

/** The reprints (DUPLICATE) of a sale's receipt and tickets this terminal queued, oldest first. */
export function reprintsOf(db: Db, saleId: string): ReprintRow[] {
  return prepared(
    db,
    `SELECT kind, created_at AS createdAt FROM print_jobs
     WHERE ref_id = ? AND duplicate = 1 AND kind IN ('sale', 'tickets') ORDER BY seq`,
  ).all(saleId) as ReprintRow[];
}

/** The sales an exchange links to this one, either way (migration 0023), oldest first. */
export function exchangesHere(db: Db, saleId: string): JournalExchange[] {
  return prepared(
    db,
    `SELECT CASE WHEN s.id = o.exchange_of THEN 'of' ELSE 'for' END AS direction, s.id AS orderId,
       s.receipt_no AS receiptNo, s.created_at AS at
     FROM sales o JOIN sales s ON s.id = o.exchange_of OR s.exchange_of = o.id
     WHERE o.id = ? ORDER BY s.created_at, s.id`,
  ).all(saleId) as JournalExchange[];
}

/** Names of these staff members, by id (those this terminal knows). */
export function staffNamesHere(db: Db, ids: readonly string[]): Map<string, string> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = prepared(
    db,
    `SELECT id, name FROM staff WHERE id IN (${unique.map(() => '?').join(', ')})`,
  ).all(...unique) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
