import { z } from 'zod';
import { text } from '../../shared/text';
import { checkinRequestSchema } from '../../shared/tickets/checkins';
import type { ServerContext } from '../context';
import { checkIn, countsAtDoor } from '../services/checkin-service';
import { bearer, guard, principalOf, type App } from './common';

// docs/TICKETS.md "At the door": online check-in for terminals in Door mode and third-party scanners.

export function registerCheckinRoutes(app: App, ctx: ServerContext): void {
  const door = guard(ctx, 'tickets.check');
  app.post(
    '/v1/checkins',
    {
      schema: {
        tags: ['tickets'],
        summary:
          'Check one scanned ticket at a door and, when it is valid, record its entry: the first entry of a ' +
          'ticket wins atomically, a later one answers already_entered with when and where. Idempotent by id.',
        body: checkinRequestSchema,
        security: bearer,
      },
      onRequest: door,
    },
    async (request, reply) => {
      const result = await checkIn(ctx, principalOf(request), request.body);
      return reply.code(result.outcome.kind === 'valid' ? 201 : 200).send(result);
    },
  );
  app.get(
    '/v1/checkins/counts',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Live counts for door staff: valid tickets sold, entered, and entered per door',
        querystring: z.strictObject({ performanceId: text().min(1).max(100) }),
        security: bearer,
      },
      onRequest: door,
    },
    async (request) => countsAtDoor(ctx, principalOf(request), request.query.performanceId),
  );
}
