import { z } from 'zod';
import { text } from '../../shared/text';
import type { ServerContext } from '../context';
import { codeReport, codeReportCsv, overuseReport } from '../services/report-service';
import { bearer, booleanQuery, guard, pageQuery, principalOf, type App } from './common';

const filters = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  code: text().min(1).max(64).optional(),
  codeId: z.uuid().optional(),
  parentId: z.uuid().optional(),
  buyer: text().min(1).max(320).optional(),
  cashierId: z.uuid().optional(),
  reason: text().min(1).max(500).optional(),
  usedOnly: booleanQuery.optional(),
  groupBy: z.enum(['code', 'parent']).default('code'),
};

export function registerReportRoutes(app: App, ctx: ServerContext): void {
  const tags = ['reports'];
  const view = guard(ctx, 'reports.view');
  app.get(
    '/v1/reports/codes',
    {
      schema: {
        tags,
        summary: 'Code effectiveness per code or rolled up per parent, from the redemption ledger',
        querystring: z.strictObject({ ...filters, ...pageQuery }),
        security: bearer,
      },
      onRequest: view,
    },
    async (request) => {
      const { groupBy, ...filter } = request.query;
      return codeReport(ctx, principalOf(request), filter, groupBy);
    },
  );
  app.get(
    '/v1/reports/codes.csv',
    {
      schema: {
        tags,
        summary: 'The code report as CSV',
        querystring: z.strictObject(filters),
        security: bearer,
      },
      onRequest: view,
    },
    async (request, reply) => {
      const { groupBy, ...filter } = request.query;
      const csv = await codeReportCsv(ctx, principalOf(request), filter, groupBy);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="code-report.csv"')
        .send(csv);
    },
  );
  app.get(
    '/v1/reports/overuse',
    {
      schema: {
        tags,
        summary: 'Every sale that used a code past a limit, with who granted it and why',
        querystring: z.strictObject({ ...filters, ...pageQuery }).omit({ groupBy: true, usedOnly: true }),
        security: bearer,
      },
      onRequest: view,
    },
    async (request) => overuseReport(ctx, principalOf(request), request.query),
  );
}
