import { z } from 'zod';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import type { EntityName } from '../db/repos/catalogue-repo';
import * as catalogue from '../services/catalogue-service';
import { bearer, guard, idParams, principalOf, type App } from './common';

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const vat = z.number().int().min(0).max(10000);
const name = text().trim().min(1).max(200);

// The shape of each catalogue entity as the admin API accepts it (shared/catalogue/types.ts).
const BODIES = {
  venues: z.strictObject({
    name,
    currency: text().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR'),
    timezone: text().min(1).max(64),
  }),
  events: z.strictObject({
    venueId: z.uuid(),
    name,
    description: text().max(5000).default(''),
    category: text().min(1).max(100).nullable().default(null),
  }),
  performances: z.strictObject({
    eventId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    capacity: z.number().int().min(0).max(1_000_000),
    status: z.enum(['on_sale', 'off_sale', 'cancelled']).default('on_sale'),
  }),
  priceBands: z.strictObject({ eventId: z.uuid(), name }),
  ticketTypes: z.strictObject({ eventId: z.uuid(), name }),
  ticketPrices: z.strictObject({
    eventId: z.uuid(),
    performanceId: z.uuid().nullable().default(null),
    ticketTypeId: z.uuid(),
    priceBandId: z.uuid(),
    unitPrice: minor,
    vatRate: vat,
  }),
  products: z.strictObject({
    kind: z.enum(['addon', 'merch', 'fee']),
    name,
    unitPrice: minor,
    vatRate: vat,
    category: text().min(1).max(100).nullable().default(null),
    inventoryItemId: text().min(1).max(100).nullable().default(null),
    eventId: z.uuid().nullable().default(null),
  }),
} satisfies Record<EntityName, z.ZodType>;

// Patches may not move a row to another parent: that would silently re-price or re-scope history.
const IMMUTABLE: Partial<Record<EntityName, string[]>> = {
  events: ['venueId'],
  performances: ['eventId'],
  priceBands: ['eventId'],
  ticketTypes: ['eventId'],
  ticketPrices: ['eventId', 'performanceId', 'ticketTypeId', 'priceBandId'],
};

const PATHS: Record<EntityName, string> = {
  venues: 'venues',
  events: 'events',
  performances: 'performances',
  priceBands: 'price-bands',
  ticketTypes: 'ticket-types',
  ticketPrices: 'ticket-prices',
  products: 'products',
};

const listQuery = z.strictObject({
  venueId: z.uuid().optional(),
  eventId: z.uuid().optional(),
  performanceId: z.uuid().optional(),
  status: text().max(20).optional(),
  kind: text().max(20).optional(),
  category: text().max(100).optional(),
});

/** Every field optional and without its default (a missing field is left alone), minus the immutable ones. */
function patchSchema(
  body: z.ZodObject<Record<string, z.ZodType>>,
  immutable: readonly string[],
): z.ZodObject {
  const fields = Object.entries(body.shape);
  const shape: Record<string, z.ZodType> = {};
  for (const [field, schema] of fields) {
    if (immutable.includes(field)) continue;
    const inner: z.ZodType =
      schema instanceof z.ZodDefault ? (schema as z.ZodDefault<z.ZodType>).unwrap() : schema;
    shape[field] = inner.optional();
  }
  return z.strictObject(shape);
}

export function registerCatalogueRoutes(app: App, ctx: ServerContext): void {
  const read = guard(ctx, 'catalogue.manage', 'sell');
  const write = guard(ctx, 'catalogue.manage');
  for (const entity of Object.keys(BODIES) as EntityName[]) {
    const base = `/v1/${PATHS[entity]}`;
    const tags = ['catalogue'];
    const body = BODIES[entity];
    const patch = patchSchema(body, IMMUTABLE[entity] ?? []);
    app.get(
      base,
      {
        schema: { tags, summary: `List ${PATHS[entity]}`, querystring: listQuery, security: bearer },
        onRequest: read,
      },
      async (request) => catalogue.list(ctx, principalOf(request), entity, request.query),
    );
    app.get(
      `${base}/:id`,
      { schema: { tags, params: idParams, security: bearer }, onRequest: read },
      async (request) => catalogue.get(ctx, principalOf(request), entity, request.params.id),
    );
    app.post(
      base,
      {
        schema: { tags, summary: `Create a ${PATHS[entity]} entry`, body, security: bearer },
        onRequest: write,
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await catalogue.create(
              ctx,
              principalOf(request),
              entity,
              request.body as Record<string, unknown>,
            ),
          ),
    );
    app.patch(
      `${base}/:id`,
      { schema: { tags, params: idParams, body: patch, security: bearer }, onRequest: write },
      async (request) => catalogue.update(ctx, principalOf(request), entity, request.params.id, request.body),
    );
    app.delete(
      `${base}/:id`,
      { schema: { tags, params: idParams, security: bearer }, onRequest: write },
      async (request, reply) => {
        await catalogue.remove(ctx, principalOf(request), entity, request.params.id);
        return reply.code(204).send();
      },
    );
  }
}
