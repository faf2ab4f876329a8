import type { JournalTicket } from '../../../shared/reports/journal';
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

/** A sale's tickets with their status now, reprints after what they replaced. */
export async function saleTickets(db: Queryable, orgId: string, saleId: string): Promise<JournalTicket[]> {
  return db.query<JournalTicket>(
    `SELECT id, line_id AS "lineId", unit_index AS "unitIndex", performance_id AS "performanceId",
       ticket_type_id AS "ticketTypeId", status, issued_at AS "issuedAt", replaces
     FROM tickets WHERE org_id = $1 AND sale_id = $2 ORDER BY line_id, unit_index, issued_at`,
    [orgId, saleId],
  );
}
