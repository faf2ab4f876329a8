import { z } from 'zod';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import { redeem } from '../services/redemption-service';
import { bearer, guard, principalOf, type App } from './common';

const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export function registerRedemptionRoutes(app: App, ctx: ServerContext): void {
  app.post(
    '/v1/redemptions',
    {
      schema: {
        tags: ['redemptions'],
        summary:
          'Record one online use of a code; idempotent by id; refused with MAX_USES when the limit is met unless ' +
          'a supervisor proves an overuse with their own credentials (overuse.approverToken, or calling as them)',
        body: z.strictObject({
          id: z.uuid(),
          orderId: z.uuid(),
          code: text().min(1).max(200),
          tickets: z.number().int().min(0).max(100_000),
          itemUses: z.number().int().min(0).max(100_000).optional(),
          discount: minor,
          revenue: minor,
          currency: text().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as EUR'),
          channel: z.enum(['online', 'box_office']).default('box_office'),
          cashierId: z.uuid().optional(),
          customerId: text().min(1).max(200).optional(),
          buyer: text().min(1).max(320).optional(),
          redeemedAt: z.iso.datetime({ offset: true }).optional(),
          overuse: z
            .strictObject({
              reason: text().trim().min(3).max(500),
              approverToken: text()
                .min(1)
                .max(500)
                .optional()
                .meta({
                  description:
                    'The granting supervisor’s own session token (POST /v1/auth/login); needed unless the caller ' +
                    'is that supervisor. Never logged or stored.',
                }),
              grantedBy: z.uuid().optional().meta({
                description:
                  'Optional check: must name the supervisor who proved the grant; a staff id alone proves nothing.',
              }),
            })
            .optional()
            .meta({
              description:
                'Use past the limit. Honoured only on a supervisor’s own credentials: the caller is staff whose ' +
                'role holds overuse.grant, or approverToken is such a supervisor’s live session; else 403.',
            }),
          performanceIds: z
            .array(z.uuid())
            .max(1000)
            .optional()
            .meta({
              description:
                'The performances the order holds tickets of: an overuse counts towards each one’s overuse cap, ' +
                'and is refused with 403 PERFORMANCE_OVERUSE_CAP past it.',
            }),
        }),
        security: bearer,
      },
      onRequest: guard(ctx, 'sell'),
    },
    async (request, reply) => {
      const result = await redeem(ctx, principalOf(request), request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );
}
