import { ORGANISATION_PATCH } from '../../shared/catalogue/organisation';
import { EXPECTED_VERSION_FIELD } from '../../shared/server-api/version-conflict';
import type { ServerContext } from '../context';
import * as organisation from '../services/organisation-service';
import { bearer, guard, principalOf, type App } from './common';

export function registerOrganisationRoutes(app: App, ctx: ServerContext): void {
  const tags = ['organisation'];
  app.get(
    '/v1/organisation',
    {
      schema: {
        tags,
        summary: "Your organisation's settings: currency, time zone, VAT rates, receipt header, reason lists",
        security: bearer,
      },
      // The price and product forms offer its VAT rates, so whoever may read the catalogue may read them.
      onRequest: guard(ctx, 'catalogue.manage', 'sell'),
    },
    async (request) => organisation.get(ctx, principalOf(request)),
  );
  app.patch(
    '/v1/organisation',
    {
      schema: {
        tags,
        summary: "Change your organisation's settings (send expectedVersion)",
        body: ORGANISATION_PATCH,
        security: bearer,
      },
      onRequest: guard(ctx, 'catalogue.manage'),
    },
    async (request) => {
      const { [EXPECTED_VERSION_FIELD]: expected, ...values } = request.body;
      return organisation.update(ctx, principalOf(request), values, expected);
    },
  );
}
