import {
  journalMatch,
  type JournalOrderDetail,
  type JournalPage,
  type JournalQuery,
} from '../../shared/reports/journal';
import { readTicketSecret } from '../../shared/node/tickets/secret';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { saleExchanges, saleOfTicket, saleTickets } from '../db/repos/journal-repo';
import type { OrderSearch } from '../db/repos/order-report-repo';
import { reject } from '../errors';
import { getOrder, listOrders } from './order-report-service';

// The sales journal (docs/ORDERS.md): the orders report's keyset pages and drill-down, searched by one
// text field, for every terminal (device token) and for staff. Reading the text is shared with the
// terminal's own search (shared/reports/journal.ts); only a ticket's QR needs the server here.

async function searchOf(
  ctx: ServerContext,
  principal: Principal,
  q: string | undefined,
): Promise<OrderSearch | undefined> {
  const match = journalMatch(q);
  switch (match?.kind) {
    case undefined:
      return undefined;
    case 'order':
      return { orderIds: [match.orderId] };
    case 'ticket': {
      const read = readTicketSecret(match.secret);
      if (!read) {
        return reject(
          'VALIDATION_FAILED',
          'This code is neither a receipt nor a ticket of ours: scan the QR code on the receipt or ticket again, or type the receipt number.',
        );
      }
      const saleId = await saleOfTicket(ctx.db, principal.orgId, read.ticketId);
      // An unknown ticket finds nothing, as an unknown receipt number does.
      return { orderIds: saleId ? [saleId] : [] };
    }
    case 'digits':
      return { receiptNo: match.receiptNo, phone: match.phone };
    case 'customer':
      return { customer: match.text };
  }
}

export async function searchJournal(
  ctx: ServerContext,
  principal: Principal,
  query: JournalQuery,
): Promise<JournalPage> {
  const { q, ...rest } = query;
  return listOrders(ctx, principal, { ...rest, search: await searchOf(ctx, principal, q) });
}

/** One order with everything the journal shows; a pos order's tickets with their status now. */
export async function journalOrder(
  ctx: ServerContext,
  principal: Principal,
  id: string,
): Promise<JournalOrderDetail> {
  const detail = await getOrder(ctx, principal, id);
  if (detail.order.source !== 'pos') return { ...detail, tickets: [], exchanges: [] };
  const tickets = await saleTickets(ctx.db, principal.orgId, id);
  const exchanges = await saleExchanges(ctx.db, principal.orgId, id);
  return { ...detail, tickets, exchanges };
}
