import { z } from 'zod';
import { registerRequestSchema } from '../../shared/sync/protocol';
import type { ServerContext } from '../context';
import {
  createEnrolmentCode,
  listTerminals,
  registerTerminal,
  revokeTerminal,
  setLeaseCap,
} from '../services/terminal-service';
import { bearer, guard, idParams, principalOf, staffGuard, staffOf, type App } from './common';

export function registerTerminalRoutes(app: App, ctx: ServerContext): void {
  const tags = ['terminals'];
  app.post(
    '/v1/venues/:id/enrolment-codes',
    {
      schema: {
        tags,
        summary: 'A one-time code that enrols one terminal at this venue (24 h)',
        params: idParams,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'terminals.enrol'),
    },
    async (request, reply) =>
      reply.code(201).send(await createEnrolmentCode(ctx, staffOf(request), request.params.id)),
  );
  app.post(
    '/v1/terminals/register',
    {
      schema: {
        tags,
        summary: 'Enrol a terminal: returns terminalId, epoch and its device token',
        description:
          'With terminalId: re-enrols a terminal the server stopped after a restore from backup (same id, epoch + 1, new token).',
        body: registerRequestSchema,
      },
    },
    async (request, reply) => reply.code(201).send(await registerTerminal(ctx, request.body)),
  );
  app.get(
    '/v1/terminals',
    {
      schema: { tags, summary: 'Enrolled terminals', security: bearer },
      onRequest: guard(ctx, 'terminals.enrol'),
    },
    async (request) => listTerminals(ctx, principalOf(request)),
  );
  app.post(
    '/v1/terminals/:id/revoke',
    {
      schema: {
        tags,
        summary: "Revoke a terminal's device token (a lost or stolen terminal)",
        params: idParams,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'terminals.enrol'),
    },
    async (request) => revokeTerminal(ctx, staffOf(request), request.params.id),
  );
  app.put(
    '/v1/terminals/:id/lease-cap',
    {
      schema: {
        tags,
        summary: 'How much of each capped counter this terminal may hold in leases',
        description:
          'percent: the share of a counter\'s limit (1 to 100) the terminal may hold unused at once; null returns it to the default (25). See docs/SYNC.md "Per-terminal cap".',
        params: idParams,
        body: leaseCapBody,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'terminals.enrol'),
    },
    async (request) => setLeaseCap(ctx, staffOf(request), request.params.id, request.body.percent),
  );
}

const leaseCapBody = z.strictObject({
  percent: z
    .number()
    .int('percent must be a whole number')
    .min(1, 'percent must be at least 1')
    .max(100, 'percent must be at most 100')
    .nullable(),
});
