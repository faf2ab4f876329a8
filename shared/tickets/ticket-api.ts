import { z } from 'zod';
import { languageSchema } from '../ipc/contract';
import { EXPECTED_VERSION_FIELD } from '../server-api/version-conflict';
import { TICKET_PDF_FORMATS, ticketLayoutSchema, type TicketLayout, type TicketPdfFormat } from './layout';

// docs/TICKETS.md "Printing tickets": the shapes the server's ticket routes, the back office and the
// terminal share. An event's layout (GET/PUT /v1/events/:id/ticket-layout) and an order's tickets as a
// PDF (GET /v1/orders/:id/tickets.pdf, and the terminal's "Save tickets as PDF").

/** PUT body: the event's layout, or null to print its tickets with the default again. */
export const eventTicketLayoutBodySchema = z.strictObject({
  layout: ticketLayoutSchema.nullable(),
  /** The event's version the editor opened; a stale one is refused (docs/BACKOFFICE.md). */
  [EXPECTED_VERSION_FIELD]: z.number().int().min(1).optional(),
});
export type EventTicketLayoutBody = z.infer<typeof eventTicketLayoutBodySchema>;

/** An event's layout as the API answers it. */
export interface EventTicketLayout {
  eventId: string;
  /** The event's own layout; null: it prints with the default. */
  layout: TicketLayout | null;
  /** What its tickets print with: its layout, or the default. */
  effective: TicketLayout;
  /** The event's version (a layout change bumps it, like any edit of the event). */
  version: number;
}

export const ticketsPdfQuerySchema = z.strictObject({
  format: z.enum(TICKET_PDF_FORMATS, { error: 'format is a4 or stock' }).default('a4'),
  language: languageSchema.default('en'),
});
export type TicketsPdfQuery = z.infer<typeof ticketsPdfQuerySchema>;

/** The download's name, the same from the back office and the terminal: "tickets-1042-a4.pdf". */
export function ticketsPdfFileName(orderRef: string | number, format: TicketPdfFormat): string {
  return `tickets-${String(orderRef).replace(/[^A-Za-z0-9-]/g, '')}-${format}.pdf`;
}
