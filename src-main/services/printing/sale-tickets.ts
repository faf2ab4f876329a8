import type { SaleRecord } from '../../../shared/ipc/domains/sales';
import { DEFAULT_TICKET_LAYOUT, type PrintedTicket, type TicketLayout } from '../../../shared/tickets/layout';
import type { Db } from '../../db/connection';
import { eventTicketLayout, getVenue, ticketNames } from '../../db/repos/catalogue-repo';
import { getCode } from '../../db/repos/code-repo';

// The tickets of a sale as they print (docs/TICKETS.md "Printing tickets"): the stored ticket rows with
// the names the catalogue gives their performance, type and band, the code that discounted them, and
// the layout their event prints in.

/**
 * The sale's valid tickets (or those of them `only` names), in line and unit order; `duplicate` marks a
 * reprint of the same barcodes.
 */
export function printedTickets(
  db: Db,
  record: SaleRecord,
  duplicate = false,
  only?: readonly string[],
): PrintedTicket[] {
  const picked = only && new Set(only);
  const venue = getVenue(db);
  const lines = new Map(record.lines.map((l) => [l.id, l]));
  const units = new Map(record.units.map((u) => [`${u.lineId}:${u.unitIndex}`, u]));
  const code = record.sale.codeId ? getCode(db, record.sale.codeId) : undefined;
  // The seats of one line share their names: one catalogue read per line, not per ticket.
  const namesOf = new Map<string, ReturnType<typeof ticketNames>>();
  const names = (t: SaleRecord['tickets'][number]) => {
    if (!namesOf.has(t.lineId)) namesOf.set(t.lineId, ticketNames(db, t));
    return namesOf.get(t.lineId);
  };
  return record.tickets
    .filter((t) => t.status === 'valid' && (!picked || picked.has(t.id)))
    .map((t) => {
      const line = lines.get(t.lineId);
      const named = names(t);
      const unit = units.get(`${t.lineId}:${t.unitIndex}`);
      const discounted = (unit?.codeDiscount ?? 0) > 0;
      return {
        ticketId: t.id,
        eventName: named?.eventName ?? line?.name ?? '',
        startsAt: named?.startsAt ?? t.issuedAt,
        venue: { name: venue?.name ?? '', timezone: venue?.timezone ?? 'UTC' },
        ticketTypeName: named?.ticketTypeName ?? line?.name ?? t.ticketTypeId,
        priceBandName: named?.priceBandName ?? null,
        seatLabel: unit?.seatLabel ?? null,
        pricePaid: t.pricePaid,
        currency: record.sale.currency,
        codeName: discounted ? (code?.name ?? record.sale.codeText) : null,
        orderRef: String(record.sale.receiptNo),
        secret: t.secret,
        duplicate,
        training: record.sale.training === 1,
      };
    });
}

/** Each ticket's layout: its event's as pulled from the server, or the default. Read once per event. */
export function saleTicketLayouts(db: Db, record: SaleRecord): (t: PrintedTicket) => TicketLayout {
  const eventOfLine = new Map(record.lines.map((l) => [l.id, l.eventId]));
  const byEvent = new Map<string, TicketLayout>();
  const byTicket = new Map<string, TicketLayout>();
  for (const t of record.tickets) {
    const eventId = eventOfLine.get(t.lineId);
    if (!eventId) continue;
    if (!byEvent.has(eventId)) byEvent.set(eventId, eventTicketLayout(db, eventId) ?? DEFAULT_TICKET_LAYOUT);
    byTicket.set(t.id, byEvent.get(eventId) ?? DEFAULT_TICKET_LAYOUT);
  }
  return (t) => byTicket.get(t.ticketId) ?? DEFAULT_TICKET_LAYOUT;
}
