import { z } from 'zod';
import { catalogueSearchSchema, MAX_SEARCH_IDS, MAX_SEARCH_LIMIT } from '../../shared/catalogue/search';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import { searchCatalogue } from '../services/catalogue-search-service';
import { bearer, guard, principalOf, type App } from './common';

// The channel's search (shared/catalogue/search.ts) as a query string: ids comma-separated.
const searchQuery = catalogueSearchSchema.extend({
  ids: text()
    .max(MAX_SEARCH_IDS * 37)
    .transform((ids) => ids.split(',').filter((id) => id !== ''))
    .pipe(z.array(z.uuid()).min(1).max(MAX_SEARCH_IDS))
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
});

export function registerCatalogueSearchRoutes(app: App, ctx: ServerContext): void {
  // Whoever edits the catalogue or the codes that name its rows: a code's targets are picked by name.
  const read = guard(ctx, 'catalogue.manage', 'codes.manage');
  app.get(
    '/v1/catalogue/search',
    {
      schema: {
        tags: ['catalogue'],
        summary:
          'Find events, performances, ticket types, price bands and products by name (q), or name them by ids',
        querystring: searchQuery,
        security: bearer,
      },
      onRequest: read,
    },
    async (request) => searchCatalogue(ctx, principalOf(request), request.query),
  );
}
