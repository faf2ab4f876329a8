import { z } from 'zod';
import { EXPECTED_VERSION_FIELD } from '../../shared/server-api/version-conflict';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import { CATALOGUE_BODIES as BODIES, CATALOGUE_PATHS } from '../../shared/catalogue/schemas';
import type { EntityName } from '../db/repos/catalogue-repo';
import * as catalogue from '../services/catalogue-service';
import { bearer, guard, idParams, pageQuery, principalOf, type App } from './common';

// Patches may not move a row to another parent: that would silently re-price or re-scope history.
const IMMUTABLE: Partial<Record<EntityName, string[]>> = {
  events: ['venueId'],
  performances: ['eventId'],
  priceBands: ['eventId'],
  ticketTypes: ['eventId'],
  ticketPrices: ['eventId', 'performanceId', 'ticketTypeId', 'priceBandId'],
};

const listQuery = z.strictObject({
  q: text().max(200).optional(),
  ...pageQuery,
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
  shape[EXPECTED_VERSION_FIELD] = z.number().int().min(1).optional();
  return z.strictObject(shape);
}

export function registerCatalogueRoutes(app: App, ctx: ServerContext): void {
  const read = guard(ctx, 'catalogue.manage', 'sell');
  const write = guard(ctx, 'catalogue.manage');
  for (const entity of Object.keys(BODIES) as EntityName[]) {
    const base = `/v1/${CATALOGUE_PATHS[entity]}`;
    const tags = ['catalogue'];
    const body = BODIES[entity];
    const patch = patchSchema(body, IMMUTABLE[entity] ?? []);
    app.get(
      base,
      {
        schema: {
          tags,
          summary: `List ${CATALOGUE_PATHS[entity]}`,
          querystring: listQuery,
          security: bearer,
        },
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
        schema: { tags, summary: `Create a ${CATALOGUE_PATHS[entity]} entry`, body, security: bearer },
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
      async (request) => {
        const { [EXPECTED_VERSION_FIELD]: expected, ...values } = request.body;
        return catalogue.update(
          ctx,
          principalOf(request),
          entity,
          request.params.id,
          values,
          expected as number | undefined,
        );
      },
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
