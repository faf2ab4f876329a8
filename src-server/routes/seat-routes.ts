import { z } from 'zod';
import {
  seatCartRequestSchema,
  seatLeaseAcquireRequestSchema,
  seatLeasePlanInputSchema,
  seatStatesParamsSchema,
  seatStatesQuerySchema,
} from '../../shared/sync/seat-protocol';
import type { ServerContext } from '../context';
import {
  acquireSeatLeases,
  deleteSeatLeasePlan,
  listSeatLeasePlans,
  putSeatLeasePlan,
} from '../services/seat-lease-service';
import { cartSeats, seatStatesFor } from '../services/seat-state-service';
import { bearer, idParams, principalOf, staffGuard, staffOf, terminalGuard, type App } from './common';

/** docs/SEATING.md: seat states, cart holds and seat leases for terminals; lease plans for managers. */
export function registerSeatRoutes(app: App, ctx: ServerContext): void {
  const tags = ['seats'];
  app.get(
    '/v1/sync/seats/:performanceId',
    {
      schema: {
        tags,
        summary: "A seated performance's seat states: every seat, or those changed since a changePos",
        description: 'docs/SEATING.md "A seat\'s state". 409 NOT_SEATED: the performance has no seat map.',
        params: seatStatesParamsSchema,
        querystring: seatStatesQuerySchema,
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request) =>
      seatStatesFor(ctx, principalOf(request), request.params.performanceId, request.query.since),
  );
  app.post(
    '/v1/sync/seats/cart',
    {
      schema: {
        tags,
        summary: "Take seats into this terminal's cart and release others, all or nothing",
        description:
          'docs/SEATING.md "Online: a seat in a cart". A refused seat is named in `refused` and nothing changes; a cart lives 15 minutes and every call renews it.',
        body: seatCartRequestSchema,
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request) => cartSeats(ctx, principalOf(request), request.body),
  );
  app.post(
    '/v1/sync/seats/leases/acquire',
    {
      schema: {
        tags,
        summary: "Top up this terminal's seat leases from its plans; idempotent by requestId",
        description:
          'docs/SEATING.md "Offline: seat leases". Lists every seat lease the terminal holds; a plan that could not be filled is in `refusals`.',
        body: seatLeaseAcquireRequestSchema,
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request) => acquireSeatLeases(ctx, principalOf(request), request.body),
  );

  const manage = staffGuard(ctx, 'terminals.enrol');
  app.get(
    '/v1/terminals/:id/seat-lease-plans',
    {
      schema: {
        tags,
        summary: "A terminal's seat lease plans: how many seats it holds offline per performance, and where",
        params: idParams,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => listSeatLeasePlans(ctx, staffOf(request), request.params.id),
  );
  app.put(
    '/v1/terminals/:id/seat-lease-plans',
    {
      schema: {
        tags,
        summary:
          'Set how many seats a terminal holds for a performance offline, and in which section or band',
        description:
          'docs/SEATING.md "Offline: seat leases". 409 NOT_SEATED: the performance has no seat map.',
        params: idParams,
        body: seatLeasePlanInputSchema,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => putSeatLeasePlan(ctx, staffOf(request), request.params.id, request.body),
  );
  app.delete(
    '/v1/terminals/:id/seat-lease-plans/:performanceId',
    {
      schema: {
        tags,
        summary: "Remove a terminal's seat lease plan for a performance (seats it holds stay until returned)",
        params: z.strictObject({ id: z.uuid(), performanceId: z.uuid() }),
        security: bearer,
      },
      onRequest: manage,
    },
    async (request, reply) => {
      await deleteSeatLeasePlan(ctx, staffOf(request), request.params.id, request.params.performanceId);
      return reply.code(204).send();
    },
  );
}
