import { z } from 'zod';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import { auditCsv, listAudit, MAX_AUDIT_PAGE } from '../services/audit-log-service';
import { bearer, guard, principalOf, sendCsv, type App } from './common';

const filters = {
  entityKind: text().min(1).max(50).optional(),
  entityId: text().min(1).max(100).optional(),
  actorId: text().min(1).max(100).optional(),
  action: text().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export function registerAuditRoutes(app: App, ctx: ServerContext): void {
  const tags = ['audit'];
  const view = guard(ctx, 'audit.view');
  app.get(
    '/v1/audit',
    {
      schema: {
        tags,
        summary: 'The audit log, newest first; pass nextBefore as `before` for the next page',
        querystring: z.strictObject({
          ...filters,
          before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
        }),
        security: bearer,
      },
      onRequest: view,
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      return listAudit(ctx, principalOf(request), filter, limit);
    },
  );
  app.get(
    '/v1/audit.csv',
    {
      schema: {
        tags,
        summary: 'The audit log as CSV, with the same filters',
        querystring: z.strictObject(filters),
        security: bearer,
      },
      onRequest: view,
    },
    async (request, reply) => {
      const csv = await auditCsv(ctx, principalOf(request), request.query);
      return sendCsv(reply, 'audit-log.csv', csv);
    },
  );
}
