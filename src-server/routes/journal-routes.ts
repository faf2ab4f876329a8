import { journalQuerySchema } from '../../shared/reports/journal';
import type { ServerContext } from '../context';
import { journalOrder, searchJournal } from '../services/journal-service';
import { bearer, guard, idParams, principalOf, type App } from './common';

// The sales journal (docs/ORDERS.md): every terminal searches every terminal's sales and the online
// orders with its device token (which holds `sell`); staff need reports.view, or `sell` as at a till.

export function registerJournalRoutes(app: App, ctx: ServerContext): void {
  const tags = ['journal'];
  const access = guard(ctx, 'reports.view', 'sell');
  app.get(
    '/v1/journal',
    {
      schema: {
        tags,
        summary:
          'Orders newest first, searched by receipt number, order id, ticket QR, or customer name, e-mail or phone; pass nextCursor as `cursor` for the next page',
        querystring: journalQuerySchema,
        security: bearer,
      },
      onRequest: access,
    },
    async (request) => searchJournal(ctx, principalOf(request), request.query),
  );
  app.get(
    '/v1/journal/orders/:id',
    {
      schema: {
        tags,
        summary: "One order's lines, units, discounts, code use, approvals, payments, tickets and refunds",
        params: idParams,
        security: bearer,
      },
      onRequest: access,
    },
    async (request) => journalOrder(ctx, principalOf(request), request.params.id),
  );
}
