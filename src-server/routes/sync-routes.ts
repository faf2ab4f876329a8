import { z } from 'zod';
import {
  acquireRequestSchema,
  pullRequestSchema,
  PUSH_BODY_LIMIT,
  pushRequestSchema,
  refundClaimRequestSchema,
  REVIEW_KINDS,
  REVIEW_STATUSES,
  reviewActionSchema,
} from '../../shared/sync/protocol';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import { acquireLease } from '../services/escrow-service';
import { pull } from '../services/pull-service';
import { push } from '../services/push-service';
import { claimRefund, refundableOrder } from '../services/refund-claim-service';
import { listReservationsFor } from '../services/reservation-service';
import { listReviewItems, resolveReviewItem, retryQuarantined } from '../services/review-service';
import { terminalSyncStatus } from '../services/terminal-service';
import {
  bearer,
  idParams,
  pageQuery,
  principalOf,
  staffGuard,
  staffOf,
  terminalGuard,
  type App,
} from './common';

/** docs/SYNC.md's endpoints for terminals (device token) and the review queue for managers. */
export function registerSyncRoutes(app: App, ctx: ServerContext): void {
  const tags = ['sync'];
  app.post(
    '/v1/sync/push',
    {
      bodyLimit: PUSH_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Push outbox mutations in seq order; 409 SEQ_GAP / RESTORED_FROM_BACKUP / EPOCH_STALE',
        body: pushRequestSchema,
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request, reply) => {
      const outcome = await push(ctx, principalOf(request), request.body);
      if (outcome.status === 200) {
        for (const result of outcome.body.results) {
          if (result.status !== 'quarantined') continue;
          const { seq, mutationId, reason } = result;
          request.log.warn(
            { terminalId: request.body.terminalId, seq, mutationId, reason },
            `quarantined a pushed mutation: ${result.message ?? reason}`,
          );
        }
      }
      return reply.code(outcome.status).send(outcome.body);
    },
  );
  app.post(
    '/v1/sync/pull',
    {
      schema: {
        tags,
        summary: 'Changes since the cursor (a full snapshot with reset: true for none) and all leases',
        body: pullRequestSchema,
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request) => pull(ctx, principalOf(request), request.body),
  );
  app.post(
    '/v1/leases/acquire',
    {
      schema: {
        tags,
        summary:
          'Lease units of a capped counter; idempotent by requestId; lease null when the pool is empty',
        body: acquireRequestSchema,
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request) => acquireLease(ctx, principalOf(request), request.body),
  );

  app.post(
    '/v1/refund-claims',
    {
      schema: {
        tags,
        summary: "Claim units of another terminal's sale before refunding them; idempotent by claimId",
        description:
          'docs/ORDERS.md "Refunds at another window". 404 UNKNOWN_SALE: the sale has not reached the server. 409 UNIT_CLAIMED: another terminal holds a live claim on one of the units.',
        body: refundClaimRequestSchema,
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request, reply) =>
      reply.code(201).send(await claimRefund(ctx, principalOf(request), request.body)),
  );
  app.get(
    '/v1/sync/orders/:id',
    {
      schema: {
        tags,
        summary:
          "Another terminal's sale as a terminal refunds it: its units, refunded or not, and its tenders",
        description:
          'docs/ORDERS.md "Refunds at another window". 404 UNKNOWN_SALE: the sale has not reached the server.',
        params: idParams,
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request) => refundableOrder(ctx, principalOf(request), request.params.id),
  );
  app.get(
    '/v1/sync/reservations',
    {
      schema: {
        tags,
        summary: "The will-call list across terminals: a performance's reservations, or one by reference",
        description:
          'docs/RESERVATIONS.md. Sweeps expired holds first (recorded as expired by the server). With performanceId, `capacity` gives the seats sold, held and left.',
        querystring: z.strictObject({
          performanceId: z.uuid().optional(),
          reference: text().trim().min(1).max(20).optional(),
        }),
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request) => listReservationsFor(ctx, principalOf(request), request.query),
  );
  app.get(
    '/v1/review-items',
    {
      schema: {
        tags,
        summary:
          'The review queue, a page at a time: overuse excesses, quarantined mutations, restored terminals',
        description: 'from, to: bounds (inclusive) on when an item was raised. Oldest first.',
        querystring: z.strictObject({
          status: z.enum(REVIEW_STATUSES).optional(),
          kind: z.enum(REVIEW_KINDS).optional(),
          terminalId: z.uuid().optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          ...pageQuery,
        }),
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'reports.view'),
    },
    async (request) => listReviewItems(ctx, principalOf(request), request.query),
  );
  for (const [path, action] of [
    ['accept', 'accepted'],
    ['flag', 'flagged'],
  ] as const) {
    app.post(
      `/v1/review-items/:id/${path}`,
      {
        schema: {
          tags,
          summary:
            action === 'accepted'
              ? 'Accept an item (an overuse excess becomes an overuse with the note as reason)'
              : 'Flag an item for follow-up',
          params: idParams,
          body: reviewActionSchema,
          security: bearer,
        },
        onRequest: staffGuard(ctx, 'codes.manage'),
      },
      async (request) =>
        resolveReviewItem(ctx, staffOf(request), request.params.id, action, request.body.note),
    );
  }
  app.post(
    '/v1/review-items/:id/retry',
    {
      schema: {
        tags,
        summary:
          'Apply a quarantined mutation again once its cause is fixed; 409 with the reason if it is still refused',
        params: idParams,
        body: reviewActionSchema,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'codes.manage'),
    },
    async (request, reply) => {
      const outcome = await retryQuarantined(ctx, staffOf(request), request.params.id, request.body.note);
      return reply.code(outcome.status).send(outcome.body);
    },
  );
  app.get(
    '/v1/terminals/:id/sync',
    {
      schema: {
        tags,
        summary: "A terminal's sync state: epoch, last seq, leases and open review items",
        params: idParams,
        security: bearer,
      },
      onRequest: staffGuard(ctx, 'terminals.enrol'),
    },
    async (request) => terminalSyncStatus(ctx, principalOf(request), request.params.id),
  );
}
