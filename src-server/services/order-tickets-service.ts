import { z } from 'zod';
import { ticketsPdf } from '../../shared/node/tickets/ticket-pdf';
import { text } from '../../shared/text';
import {
  DEFAULT_TICKET_LAYOUT,
  storedTicketLayout,
  type PrintedTicket,
  type TicketLayout,
} from '../../shared/tickets/layout';
import { ticketsPdfFileName, type TicketsPdfQuery } from '../../shared/tickets/ticket-api';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as repo from '../db/repos/ticket-layout-repo';
import { reject } from '../errors';

// An order's tickets as a PDF (GET /v1/orders/:id/tickets.pdf, docs/TICKETS.md "Printing tickets"):
// the valid tickets the terminal pushed, with their stored secrets, in the sale's line order, each in
// its event's layout. The same document the terminal saves (shared/node/tickets/ticket-pdf.ts).

// The terminal's own line fields (its name, number) and units are read leniently, as the order detail
// reads them: a sale from an older terminal still prints, with the catalogue's names.
const linesSchema = z
  .array(z.object({ id: text(), lineNo: z.number().catch(0), name: text().optional().catch(undefined) }))
  .catch([]);
const unitsSchema = z
  .array(z.object({ lineId: text(), unitIndex: z.number(), codeDiscount: z.number().catch(0) }))
  .catch([]);

export interface TicketsPdfFile {
  fileName: string;
  pdf: Buffer;
}

export async function orderTicketsPdf(
  ctx: ServerContext,
  principal: Principal,
  orderId: string,
  query: TicketsPdfQuery,
): Promise<TicketsPdfFile> {
  const sale = await repo.ticketSale(ctx.db, principal.orgId, orderId);
  if (!sale) reject('NOT_FOUND', 'There is no such order among the sales the terminals have pushed.');
  const rows = await repo.validTicketsOfSale(ctx.db, principal.orgId, orderId);
  if (rows.length === 0) {
    reject(
      'NO_TICKETS',
      'This order has no valid tickets: it sold no admissions, or they were refunded or voided.',
    );
  }
  const lines = new Map(linesSchema.parse(sale.lines).map((l) => [l.id, l]));
  const discounted = new Set(
    unitsSchema
      .parse(sale.units)
      .filter((u) => u.codeDiscount > 0)
      .map((u) => `${u.lineId}:${u.unitIndex}`),
  );
  const ordered = [...rows].sort(
    (a, b) =>
      (lines.get(a.lineId)?.lineNo ?? 0) - (lines.get(b.lineId)?.lineNo ?? 0) || a.unitIndex - b.unitIndex,
  );
  const layouts = new Map<string, TicketLayout>();
  const tickets: PrintedTicket[] = ordered.map((r) => {
    const lineName = lines.get(r.lineId)?.name;
    layouts.set(r.ticketId, storedTicketLayout(r.ticketLayout) ?? DEFAULT_TICKET_LAYOUT);
    return {
      ticketId: r.ticketId,
      eventName: r.eventName ?? lineName ?? '',
      startsAt: r.startsAt ?? new Date(0).toISOString(),
      venue: { name: r.venueName ?? '', timezone: r.timezone ?? 'UTC' },
      ticketTypeName: r.ticketTypeName ?? lineName ?? r.ticketTypeId,
      priceBandName: r.priceBandName,
      pricePaid: r.pricePaid,
      currency: sale.currency,
      codeName: discounted.has(`${r.lineId}:${r.unitIndex}`) ? sale.codeName : null,
      orderRef: String(sale.receiptNo),
      secret: r.secret,
      duplicate: false,
    };
  });
  const pdf = await ticketsPdf(tickets, (t) => layouts.get(t.ticketId) ?? DEFAULT_TICKET_LAYOUT, {
    format: query.format,
    language: query.language,
  });
  return { fileName: ticketsPdfFileName(sale.receiptNo, query.format), pdf };
}
