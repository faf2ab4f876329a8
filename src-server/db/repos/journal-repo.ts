import type { JournalExchange, JournalTicket } from '../../../shared/reports/journal';
import type { Queryable } from '../database';

// The sales journal's own reads (docs/ORDERS.md); its search is the orders report's (order-report-repo).

/** The sale a ticket belongs to, by the ticket id a scanned secret carries. */
export async function saleOfTicket(
  db: Queryable,
  orgId: string,
  ticketId: string,
): Promise<string | undefined> {
  const rows = await db.query<{ saleId: string }>(
    'SELECT sale_id AS "saleId" FROM tickets WHERE org_id = $1 AND id = $2',
    [orgId, ticketId],
  );
  return rows[0]?.saleId;
}

/** The sales an exchange links to this one, either way (migration 0028), oldest first. */
export async function saleExchanges(
  db: Queryable,
  orgId: string,
  saleId: string,
): Promise<JournalExchange[]> {
  const rows = await db.query<{
    direction: 'of' | 'for';
    orderId: string;
    receiptNo: string | number;
    at: Date | string;
  }>(
    `SELECT CASE WHEN s.id = o.exchange_of THEN 'of' ELSE 'for' END AS direction, s.id AS "orderId",
       s.receipt_no AS "receiptNo", s.created_at AS at
     FROM pos_sales o JOIN pos_sales s ON s.org_id = o.org_id AND (s.id = o.exchange_of OR s.exchange_of = o.id)
     WHERE o.org_id = $1 AND o.id = $2 ORDER BY s.created_at, s.id`,
    [orgId, saleId],
  );
  return rows.map((r) => ({ ...r, receiptNo: Number(r.receiptNo), at: new Date(r.at).toISOString() }));
}

/** A sale's tickets with their status now, reprints after what they replaced. */
export async function saleTickets(db: Queryable, orgId: string, saleId: string): Promise<JournalTicket[]> {
  return db.query<JournalTicket>(
    `SELECT id, line_id AS "lineId", unit_index AS "unitIndex", performance_id AS "performanceId",
       ticket_type_id AS "ticketTypeId", status, issued_at AS "issuedAt", replaces
     FROM tickets WHERE org_id = $1 AND sale_id = $2 ORDER BY line_id, unit_index, issued_at`,
    [orgId, saleId],
  );
}
