import {
  attachSeatMapBodySchema,
  MAX_IMPORT_CHARS,
  seatEditBodySchema,
  seatHoldBodySchema,
  seatIdsBodySchema,
  seatMapImportBodySchema,
  seatMapListQuerySchema,
  type SeatAction,
} from '../../shared/seating/admin-api';
import type { ServerContext } from '../context';
import * as performances from '../services/performance-seating-service';
import * as maps from '../services/seat-map-service';
import { bearer, idParams, principalOf, staffGuard, staffOf, type App } from './common';

// docs/SEATING.md "The admin routes": seat maps, a performance's map, and a manager's holds and blocks.
// Staff with catalogue.manage only; a terminal reads maps through the pull and seat states through
// its own sync routes.

/** A map as JSON runs to about 80 bytes a seat; the default 1 MiB limit would stop at some 12,000. */
const IMPORT_BODY_LIMIT = MAX_IMPORT_CHARS * 2;

export function registerSeatMapRoutes(app: App, ctx: ServerContext): void {
  const manage = staffGuard(ctx, 'catalogue.manage');
  const tags = ['seating'];
  app.post(
    '/v1/seat-maps/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import a seat map from JSON (shared/seating/map-schema.ts) or CSV (section,row,seat,x,y,band); ' +
          'all or nothing: 400 SEAT_MAP_INVALID lists every problem with its row',
        body: seatMapImportBodySchema,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request, reply) =>
      reply.code(201).send(await maps.importSeatMap(ctx, principalOf(request), request.body)),
  );
  app.get(
    '/v1/seat-maps',
    {
      schema: { tags, summary: 'List seat maps', querystring: seatMapListQuerySchema, security: bearer },
      onRequest: manage,
    },
    async (request) => maps.listSeatMaps(ctx, principalOf(request), request.query.venueId),
  );
  app.get(
    '/v1/seat-maps/:id',
    { schema: { tags, summary: 'A seat map', params: idParams, security: bearer }, onRequest: manage },
    async (request) => maps.getSeatMap(ctx, principalOf(request), request.params.id),
  );
  app.delete(
    '/v1/seat-maps/:id',
    {
      schema: { tags, summary: 'Delete a seat map no performance uses', params: idParams, security: bearer },
      onRequest: manage,
    },
    async (request, reply) => {
      await maps.removeSeatMap(ctx, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
  app.patch(
    '/v1/seat-maps/:id/seats',
    {
      schema: {
        tags,
        summary: "Change some seats' band, hold or flags (a new version of the map)",
        params: idParams,
        body: seatEditBodySchema,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => maps.editSeats(ctx, principalOf(request), request.params.id, request.body),
  );
  app.put(
    '/v1/performances/:id/seat-map',
    {
      schema: {
        tags,
        summary:
          "Give a performance a seat map (or none): its bands must be the event's price bands and its " +
          "capacity the performance's",
        params: idParams,
        body: attachSeatMapBodySchema,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => performances.attachSeatMap(ctx, staffOf(request), request.params.id, request.body),
  );
  app.get(
    '/v1/performances/:id/seats',
    {
      schema: {
        tags,
        summary: "A seated performance's map and seat states",
        params: idParams,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => performances.performanceSeats(ctx, principalOf(request), request.params.id),
  );
  const actions: {
    action: SeatAction;
    summary: string;
    body: typeof seatIdsBodySchema | typeof seatHoldBodySchema;
  }[] = [
    { action: 'hold', summary: 'Hold free seats (house, press, kill)', body: seatHoldBodySchema },
    { action: 'release', summary: 'Release held seats', body: seatIdsBodySchema },
    { action: 'block', summary: 'Block free seats: not for sale', body: seatIdsBodySchema },
    { action: 'unblock', summary: 'Unblock blocked seats', body: seatIdsBodySchema },
  ];
  for (const { action, summary, body } of actions) {
    app.post(
      `/v1/performances/:id/seats/${action}`,
      {
        schema: { tags, summary: `${summary}; all or none`, params: idParams, body, security: bearer },
        onRequest: manage,
      },
      async (request) =>
        performances.changeSeats(ctx, staffOf(request), request.params.id, action, request.body),
    );
  }
}
