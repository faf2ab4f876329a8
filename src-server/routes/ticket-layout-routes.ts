import { eventTicketLayoutBodySchema, ticketsPdfQuerySchema } from '../../shared/tickets/ticket-api';
import type { ServerContext } from '../context';
import { orderTicketsPdf } from '../services/order-tickets-service';
import { getTicketLayout, setTicketLayout } from '../services/ticket-layout-service';
import { bearer, guard, idParams, principalOf, type App } from './common';

// docs/TICKETS.md "Printing tickets": an event's ticket layout, managed like the rest of the catalogue,
// and an order's tickets as a PDF for staff to hand to a customer.

export function registerTicketLayoutRoutes(app: App, ctx: ServerContext): void {
  const manage = guard(ctx, 'catalogue.manage');
  app.get(
    '/v1/events/:id/ticket-layout',
    {
      schema: {
        tags: ['catalogue'],
        summary: "The layout the event's tickets print in (null: the default) and the one in effect",
        params: idParams,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => getTicketLayout(ctx, principalOf(request), request.params.id),
  );
  app.put(
    '/v1/events/:id/ticket-layout',
    {
      schema: {
        tags: ['catalogue'],
        summary:
          "Set the layout the event's tickets print in (which facts in which order, a PNG logo, free text), " +
          'or null for the default; terminals pull it with the event',
        params: idParams,
        body: eventTicketLayoutBodySchema,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => setTicketLayout(ctx, principalOf(request), request.params.id, request.body),
  );
  app.get(
    '/v1/orders/:id/tickets.pdf',
    {
      schema: {
        tags: ['reports'],
        summary:
          "An order's valid tickets as a PDF, a page each: format a4 (print at home) or stock (5.5 × 2 in ticket stock)",
        params: idParams,
        querystring: ticketsPdfQuerySchema,
        security: bearer,
      },
      // Whoever may open the order in the reports may hand its tickets to the customer.
      onRequest: guard(ctx, 'reports.view'),
    },
    async (request, reply) => {
      const file = await orderTicketsPdf(ctx, principalOf(request), request.params.id, request.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.pdf);
    },
  );
}
