import { z } from 'zod';
import { newOrganisationSchema, type SetupStatus } from '../../shared/auth/setup';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import { createOrganisationAsOperator, login, logout, setUp, setupNeeded } from '../services/auth-service';
import { getStaff } from '../services/staff-service';
import { bearer, bearerToken, guard, operatorGuard, principalOf, type App } from './common';

const newOrganisation = newOrganisationSchema;

export function registerAuthRoutes(app: App, ctx: ServerContext): void {
  app.get(
    '/v1/setup',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Whether this server still waits for its first organisation (the back office then offers set-up)',
      },
    },
    async (): Promise<SetupStatus> => ({ needed: await setupNeeded(ctx) }),
  );

  app.post(
    '/v1/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'First run: create the first organisation and its manager (refused once one exists)',
        body: newOrganisation,
      },
    },
    async (request, reply) => reply.code(201).send(await setUp(ctx, request.body)),
  );

  app.post(
    '/v1/organisations',
    {
      schema: {
        tags: ['auth'],
        summary: 'Operator only (bearer SERVER_ADMIN_TOKEN): another organisation and its first manager',
        body: newOrganisation,
        security: bearer,
      },
      onRequest: operatorGuard(ctx),
    },
    async (request, reply) =>
      reply.code(201).send(await createOrganisationAsOperator(ctx, bearerToken(request), request.body)),
  );

  app.post(
    '/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Manager sign-in: returns a bearer token for the admin API',
        description:
          'An email is unique per organisation only: when the email and password match accounts in several organisations the answer is 409 ORGANISATION_REQUIRED, naming them; send organisationId to pick one.',
        body: z.strictObject({
          email: text().min(1).max(320),
          password: text().min(1).max(200),
          organisationId: z.uuid().optional(),
        }),
      },
    },
    async (request) => login(ctx, request.body),
  );

  app.post(
    '/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Ends this session', security: bearer }, onRequest: guard(ctx) },
    async (request, reply) => {
      await logout(ctx, bearerToken(request) ?? '');
      return reply.code(204).send();
    },
  );

  app.get(
    '/v1/auth/me',
    {
      schema: { tags: ['auth'], summary: 'Who this token belongs to', security: bearer },
      onRequest: guard(ctx),
    },
    async (request) => {
      const principal = principalOf(request);
      const permissions = [...principal.permissions];
      if (principal.kind === 'terminal') return { ...principal, permissions };
      return { ...principal, permissions, staff: await getStaff(ctx, principal, principal.staffId) };
    },
  );
}
