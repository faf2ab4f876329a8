import { z } from 'zod';
import { text } from '../../shared/text';
import {
  pinResetBody,
  roleBody,
  roleUpdateBody,
  staffBody,
  staffPatchBody,
} from '../../shared/auth/staff-schemas';
import { EXPECTED_VERSION_FIELD } from '../../shared/server-api/version-conflict';
import type { ServerContext } from '../context';
import * as staff from '../services/staff-service';
import { bearer, booleanQuery, guard, idParams, pageQuery, principalOf, type App } from './common';

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
        summary: 'Replace a custom role (send expectedVersion)',
        params: z.strictObject({ roleId: text().min(1).max(40) }),
        body: roleUpdateBody,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => {
      const { [EXPECTED_VERSION_FIELD]: expected, ...role } = request.body;
      return staff.saveRole(
        ctx,
        principalOf(request),
        { ...role, id: request.params.roleId },
        'update',
        expected,
      );
    },
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
        summary: 'Change a staff member (send expectedVersion)',
        params: idParams,
        body: staffPatchBody,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => {
      const { [EXPECTED_VERSION_FIELD]: expected, ...changes } = request.body;
      return staff.updateStaff(ctx, principalOf(request), request.params.id, changes, { expected });
    },
  );
  app.post(
    '/v1/staff/:id/pin',
    {
      schema: {
        tags,
        summary: "Set a new PIN for someone (a manager's reset): lifts their PIN lockout",
        params: idParams,
        body: pinResetBody,
        security: bearer,
      },
      onRequest: manage,
    },
    async (request) => staff.resetPin(ctx, principalOf(request), request.params.id, request.body.pin),
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
