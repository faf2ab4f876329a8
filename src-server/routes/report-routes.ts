import {
  codeReportCsvQuerySchema,
  codeReportQuerySchema,
  overuseQuerySchema,
} from '../../shared/reports/codes';
import { orderCsvQuerySchema, orderQuerySchema } from '../../shared/reports/orders';
import { reasonCsvQuerySchema, reasonQuerySchema } from '../../shared/reports/reasons';
import { salesByPerformanceQuerySchema } from '../../shared/reports/sales';
import { shiftCsvQuerySchema, shiftQuerySchema } from '../../shared/reports/shifts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ServerContext } from '../context';
import { getOrder, listOrders, ordersCsv } from '../services/order-report-service';
import { reasonCsv, reasonReport } from '../services/reason-report-service';
import { codeReport, codeReportCsv, overuseReport } from '../services/report-service';
import {
  salesByPerformanceCsv,
  salesByPerformanceReport,
  shiftCsv,
  shiftReport,
} from '../services/sales-report-service';
import { bearer, guard, idParams, principalOf, sendCsv, type App } from './common';

// Every report is read-only, behind reports.view, scoped to the caller's organisation, and has a
// .csv twin with the same filters (docs/REPORTS.md). Query schemas live in shared/reports/ so the
// back office builds its forms from the same rules.

export function registerReportRoutes(app: App, ctx: ServerContext): void {
  const tags = ['reports'];
  const view = guard(ctx, 'reports.view');
  app.get(
    '/v1/reports/codes',
    {
      schema: {
        tags,
        summary: 'Code effectiveness per code or rolled up per parent, from the redemption ledger',
        querystring: codeReportQuerySchema,
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
        querystring: codeReportCsvQuerySchema,
        security: bearer,
      },
      onRequest: view,
    },
    async (request, reply) => {
      const { groupBy, ...filter } = request.query;
      return sendCsv(
        reply,
        'code-report.csv',
        await codeReportCsv(ctx, principalOf(request), filter, groupBy),
      );
    },
  );
  app.get(
    '/v1/reports/overuse',
    {
      schema: {
        tags,
        summary: 'Every sale that used a code past a limit, with who granted it and why',
        querystring: overuseQuerySchema,
        security: bearer,
      },
      onRequest: view,
    },
    async (request) => overuseReport(ctx, principalOf(request), request.query),
  );
  app.get(
    '/v1/reports/orders/:id',
    {
      schema: {
        tags,
        summary: "One order's lines, payments, code use, approvals and refunds",
        params: idParams,
        security: bearer,
      },
      onRequest: view,
    },
    async (request) => getOrder(ctx, principalOf(request), request.params.id),
  );
  const withCsv = reportWithCsv(app, view);
  withCsv({
    path: '/v1/reports/orders',
    summary:
      'Orders newest first (pushed sales and online code uses), filtered; pass nextCursor as `cursor` for the next page',
    query: orderQuerySchema,
    csvQuery: orderCsvQuerySchema,
    rows: (request, q) => listOrders(ctx, principalOf(request), q),
    csv: (request, q) => ordersCsv(ctx, principalOf(request), q),
  });
  withCsv({
    path: '/v1/reports/sales-by-performance',
    summary: 'Tickets sold and refunded, gross, discount and net per performance, ticket type and price band',
    query: salesByPerformanceQuerySchema,
    csvQuery: salesByPerformanceQuerySchema,
    rows: (request, q) => salesByPerformanceReport(ctx, principalOf(request), q),
    csv: (request, q) => salesByPerformanceCsv(ctx, principalOf(request), q),
  });
  withCsv({
    path: '/v1/reports/shifts',
    summary: "Every terminal's shifts: float, expected and counted cash, sales and totals per tender",
    query: shiftQuerySchema,
    csvQuery: shiftCsvQuerySchema,
    rows: (request, q) => shiftReport(ctx, principalOf(request), q),
    csv: (request, q) => shiftCsv(ctx, principalOf(request), q),
  });
  withCsv({
    path: '/v1/reports/reasons',
    summary:
      'Custom discounts, comps, overuses, refunds, voids and cash movements by reason × cashier × performance: how often and how much',
    query: reasonQuerySchema,
    csvQuery: reasonCsvQuerySchema,
    rows: (request, q) => reasonReport(ctx, principalOf(request), q),
    csv: (request, q) => reasonCsv(ctx, principalOf(request), q),
  });
}

/**
 * A report and its CSV twin at `${path}.csv` (a download named after the path), both behind `view`.
 * The twin takes the report's filters without the page.
 */
function reportWithCsv(app: App, view: ReturnType<typeof guard>) {
  return <Query extends z.ZodType, CsvQuery extends z.ZodType>(r: {
    path: string;
    summary: string;
    query: Query;
    csvQuery: CsvQuery;
    rows: (request: FastifyRequest, q: z.infer<Query>) => Promise<unknown>;
    csv: (request: FastifyRequest, q: z.infer<CsvQuery>) => Promise<string>;
  }) => {
    const tags = ['reports'];
    app.get(
      r.path,
      { schema: { tags, summary: r.summary, querystring: r.query, security: bearer }, onRequest: view },
      async (request) => r.rows(request, request.query as z.infer<Query>),
    );
    app.get(
      `${r.path}.csv`,
      {
        schema: { tags, summary: `${r.summary}, as CSV`, querystring: r.csvQuery, security: bearer },
        onRequest: view,
      },
      async (request, reply) =>
        sendCsv(
          reply,
          `${r.path.split('/').at(-1)}.csv`,
          await r.csv(request, request.query as z.infer<CsvQuery>),
        ),
    );
  };
}
