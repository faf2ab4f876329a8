import { z } from 'zod';
import { registerRequestSchema } from '../../shared/sync/protocol';
import { terminalOveruseCapSchema } from '../../shared/auth/overuse-cap';
import { offlineLimitsSchema } from '../../shared/sync/offline-limits';
import {
  leaseCapSchema,
  TERMINAL_STATUSES,
  terminalTrainingSchema,
  voucherShareSchema,
} from '../../shared/sync/terminal-admin';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import {
  createEnrolmentCode,
  listTerminalLeases,
  listTerminals,
  registerTerminal,
  revokeTerminal,
  setLeaseCap,
  setOfflineLimits,
  setOveruseCap,
  setTraining,
  setVoucherShare,
} from '../services/terminal-service';
import { bearer, guard, idParams, pageQuery, principalOf, staffGuard, staffOf, type App } from './common';

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
      schema: {
        tags,
        summary: 'Enrolled terminals, a page at a time: venue, status, sync position and times, leases held',
        description:
          "q: part of the name. lastSeq and lastPushAt say what the server holds of the terminal's sales; pendingSales is the terminal's own count of sales it has not pushed, as it said at its last pull (lastPullAt).",
        querystring: z.strictObject({
          q: text().trim().max(100).optional(),
          venueId: z.uuid().optional(),
          status: z.enum(TERMINAL_STATUSES).optional(),
          ...pageQuery,
        }),
        security: bearer,
      },
      onRequest: guard(ctx, 'terminals.enrol'),
    },
    async (request) => listTerminals(ctx, principalOf(request), request.query),
  );
  app.get(
    '/v1/terminals/:id/leases',
    {
      schema: {
        tags,
        summary: "A terminal's escrow leases in its current epoch, those it holds now first",
        params: idParams,
        querystring: z.strictObject(pageQuery),
        security: bearer,
      },
      onRequest: guard(ctx, 'terminals.enrol'),
    },
    async (request) => listTerminalLeases(ctx, principalOf(request), request.params.id, request.query),
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
        body: leaseCapSchema,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'terminals.enrol'),
    },
    async (request) => setLeaseCap(ctx, staffOf(request), request.params.id, request.body.percent),
  );
  app.put(
    '/v1/terminals/:id/voucher-share',
    {
      schema: {
        tags,
        summary: "How much of each open gift voucher's balance this terminal holds ahead for offline sales",
        description:
          'percent: 0 to 50; the background top-up asks for this share of each open voucher it holds nothing of. 0 (the default) keeps every voucher whole for online windows. See docs/CASH.md "Offline".',
        params: idParams,
        body: voucherShareSchema,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'terminals.enrol'),
    },
    async (request) => setVoucherShare(ctx, staffOf(request), request.params.id, request.body.percent),
  );
  app.put(
    '/v1/terminals/:id/offline-limits',
    {
      schema: {
        tags,
        summary: 'The largest sale and the longest time this terminal may sell without the server',
        description:
          'maxSale: the largest sale total (minor units) allowed while the server does not answer; maxMinutes: after this long without the server, each sale needs someone with offline.approve. null: no limit. See docs/CASH.md "Offline limits".',
        params: idParams,
        body: offlineLimitsSchema,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'terminals.enrol'),
    },
    async (request) => setOfflineLimits(ctx, staffOf(request), request.params.id, request.body),
  );
  app.put(
    '/v1/terminals/:id/overuse-cap',
    {
      schema: {
        tags,
        summary: 'How many overuses this terminal may grant per business day',
        description:
          'cap: the overuse grants all supervisors together may give at this terminal per business day (0 to 10000); null: no cap. Terminals start at 20. See docs/CASH.md "Overuse caps".',
        params: idParams,
        body: terminalOveruseCapSchema,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'terminals.enrol'),
    },
    async (request) => setOveruseCap(ctx, staffOf(request), request.params.id, request.body.cap),
  );
  app.put(
    '/v1/terminals/:id/training',
    {
      schema: {
        tags,
        summary: 'Put this terminal in training, or end it',
        description:
          "training: true makes every sale at the terminal a training sale (never pushed, counted in no figure) from its next pull, whoever sells; false ends the back office's switch. The terminal's own switch and a staff member's training field still apply. See docs/CASH.md \"Training mode\".",
        params: idParams,
        body: terminalTrainingSchema,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'terminals.enrol'),
    },
    async (request) => setTraining(ctx, staffOf(request), request.params.id, request.body.training),
  );
}
