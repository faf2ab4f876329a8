import { z } from 'zod';
import { customerBody, customerPatchBody } from '../../shared/customers/schema';
import { keysetPage } from '../../shared/reports/filters';
import { EXPECTED_VERSION_FIELD } from '../../shared/server-api/version-conflict';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import { customerCodes, customerCounts, customerOrders } from '../services/customer-history-service';
import * as customers from '../services/customer-service';
import { bearer, guard, idParams, pageQuery, principalOf, type App } from './common';

const MAX_COUNTED_CODES = 50;

/** Code ids, comma-separated: the codes whose per-customer counts the terminal needs. */
const codeIdsQuery = text()
  .max(MAX_COUNTED_CODES * 37)
  .transform((ids) => ids.split(',').filter((id) => id !== ''))
  .pipe(z.array(z.uuid('a code id')).max(MAX_COUNTED_CODES));

export function registerCustomerRoutes(app: App, ctx: ServerContext): void {
  const tags = ['customers'];
  // The till (an enrolled terminal, or staff who sell) finds, reads and creates customers inline;
  // only holders of customers.manage change one (docs/CUSTOMERS.md "Who may do what").
  const use = guard(ctx, 'customers.manage', 'sell');
  const manage = guard(ctx, 'customers.manage');

  app.get(
    '/v1/customers',
    {
      schema: {
        tags,
        summary: 'Customers of the organisation, best matches first',
        description:
          'q: part of the name or e-mail address (every word must match), or the digits of a phone number.',
        querystring: z.strictObject({ q: text().trim().max(100).optional(), ...pageQuery }),
        security: bearer,
      },
      onRequest: use,
    },
    async (request) => customers.listCustomers(ctx, principalOf(request), request.query),
  );
  app.get(
    '/v1/customers/:id',
    { schema: { tags, params: idParams, security: bearer }, onRequest: use },
    async (request) => customers.getCustomer(ctx, principalOf(request), request.params.id),
  );
  app.post(
    '/v1/customers',
    {
      schema: {
        tags,
        summary: 'Add a customer (at the back office, or inline at the till)',
        body: customerBody,
        security: bearer,
      },
      onRequest: use,
    },
    async (request, reply) =>
      reply.code(201).send(await customers.createCustomer(ctx, principalOf(request), request.body)),
  );
  app.patch(
    '/v1/customers/:id',
    {
      schema: {
        tags,
        summary: 'Change a customer (send expectedVersion)',
        params: idParams,
        body: customerPatchBody,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => {
      const { [EXPECTED_VERSION_FIELD]: expected, ...changes } = request.body;
      return customers.updateCustomer(ctx, principalOf(request), request.params.id, changes, expected);
    },
  );
  app.get(
    '/v1/customers/:id/orders',
    {
      schema: {
        tags,
        summary: "The customer's orders, newest first: pushed sales and online code uses naming them",
        params: idParams,
        querystring: z.strictObject(keysetPage),
        security: bearer,
      },
      onRequest: use,
    },
    async (request) => customerOrders(ctx, principalOf(request), request.params.id, request.query),
  );
  app.get(
    '/v1/customers/:id/codes',
    {
      schema: {
        tags,
        summary: "The customer's codes (used, or for one of their groups) with the uses they have left",
        params: idParams,
        security: bearer,
      },
      onRequest: use,
    },
    async (request) => customerCodes(ctx, principalOf(request), request.params.id),
  );
  app.get(
    '/v1/customers/:id/counts',
    {
      schema: {
        tags,
        summary:
          "The server's counts for the discount engine: completed orders, groups, and each code's uses by the " +
          'customer overall, per event and per performance',
        params: idParams,
        querystring: z.strictObject({ codeIds: codeIdsQuery.optional() }),
        security: bearer,
      },
      onRequest: use,
    },
    async (request) =>
      customerCounts(ctx, principalOf(request), request.params.id, request.query.codeIds ?? []),
  );
}
