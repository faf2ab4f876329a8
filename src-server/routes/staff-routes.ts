import { z } from 'zod';
import { text } from '../../shared/text';
import { PERMISSIONS } from '../../shared/auth/permissions';
import type { ServerContext } from '../context';
import * as staff from '../services/staff-service';
import { bearer, booleanQuery, guard, idParams, pageQuery, principalOf, type App } from './common';

const roleBody = z.strictObject({
  id: text().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _; starting with a letter'),
  name: text().trim().min(1).max(100),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
  customDiscountCeiling: z.strictObject({
    percent: z.number().int().min(0).max(10000),
    amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
  /** Overuse grants a holder may give per business day (docs/SECURITY.md "Overuse caps"); null: no cap. */
  overuseCap: z.number().int().min(0).max(10000).nullable().default(null),
});

const staffBody = z.strictObject({
  name: text().trim().min(1).max(200),
  email: z.email().nullable().optional(),
  password: text().min(10, 'at least 10 characters').max(200).optional(),
  pin: text().optional(),
  roleId: text().min(1).max(40),
  /** The venues the person works at (their PIN reaches those venues' terminals only). */
  venueIds: z.array(z.uuid('a venue id from GET /v1/venues')).max(1000).optional(),
});

export function registerStaffRoutes(app: App, ctx: ServerContext): void {
  const tags = ['staff'];
  const manage = guard(ctx, 'staff.manage');

  app.get(
    '/v1/roles',
    { schema: { tags, summary: 'Built-in and custom roles', security: bearer }, onRequest: manage },
    async (request) => staff.listRoles(ctx, principalOf(request).orgId),
  );
  app.post(
    '/v1/roles',
    {
      schema: { tags, summary: 'Create a custom role', body: roleBody, security: bearer },
      onRequest: manage,
    },
    async (request, reply) =>
      reply.code(201).send(await staff.saveRole(ctx, principalOf(request), request.body, 'create')),
  );
  app.put(
    '/v1/roles/:roleId',
    {
      schema: {
        tags,
        summary: 'Replace a custom role',
        params: z.strictObject({ roleId: text().min(1).max(40) }),
        body: roleBody.omit({ id: true }),
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) =>
      staff.saveRole(ctx, principalOf(request), { ...request.body, id: request.params.roleId }, 'update'),
  );
  app.delete(
    '/v1/roles/:roleId',
    {
      schema: {
        tags,
        summary: 'Delete an unused custom role',
        params: z.strictObject({ roleId: text().min(1).max(40) }),
        security: bearer,
      },
      onRequest: manage,
    },
    async (request, reply) => {
      await staff.deleteRole(ctx, principalOf(request), request.params.roleId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/staff',
    {
      schema: {
        tags,
        summary: 'Staff of the organisation, a page at a time, by name',
        description: 'q: part of the name or e-mail address; active: true or false.',
        querystring: z.strictObject({
          q: text().trim().max(100).optional(),
          roleId: text().min(1).max(40).optional(),
          venueId: z.uuid().optional(),
          active: booleanQuery.optional(),
          ...pageQuery,
        }),
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => staff.listStaff(ctx, principalOf(request), request.query),
  );
  app.get(
    '/v1/staff/:id',
    { schema: { tags, params: idParams, security: bearer }, onRequest: manage },
    async (request) => staff.getStaff(ctx, principalOf(request), request.params.id),
  );
  app.post(
    '/v1/staff',
    {
      schema: {
        tags,
        summary: 'Add a staff member (PIN for the terminal, password for the admin API)',
        body: staffBody,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request, reply) =>
      reply.code(201).send(await staff.createStaff(ctx, principalOf(request), request.body)),
  );
  app.patch(
    '/v1/staff/:id',
    {
      schema: {
        tags,
        params: idParams,
        body: staffBody.partial().extend({ active: z.boolean().optional() }),
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => staff.updateStaff(ctx, principalOf(request), request.params.id, request.body),
  );
  app.delete(
    '/v1/staff/:id',
    {
      schema: {
        tags,
        summary: 'Deactivate a staff member and end their sessions',
        params: idParams,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => staff.updateStaff(ctx, principalOf(request), request.params.id, { active: false }),
  );
}
