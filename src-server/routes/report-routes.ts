import {
  codeReportCsvQuerySchema,
  codeReportQuerySchema,
  overuseQuerySchema,
} from '../../shared/reports/codes';
import { orderCsvQuerySchema, orderQuerySchema } from '../../shared/reports/orders';
import { salesByPerformanceQuerySchema } from '../../shared/reports/sales';
import { shiftCsvQuerySchema, shiftQuerySchema } from '../../shared/reports/shifts';
import type { ServerContext } from '../context';
import { getOrder, listOrders, ordersCsv } from '../services/order-report-service';
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
    '/v1/reports/orders',
    {
      schema: {
        tags,
        summary:
          'Orders newest first (pushed sales and online code uses), filtered; pass nextCursor as `cursor` for the next page',
        querystring: orderQuerySchema,
        security: bearer,
      },
      onRequest: view,
    },
    async (request) => listOrders(ctx, principalOf(request), request.query),
  );
  app.get(
    '/v1/reports/orders.csv',
    {
      schema: {
        tags,
        summary: 'The orders report as CSV',
        querystring: orderCsvQuerySchema,
        security: bearer,
      },
      onRequest: view,
    },
    async (request, reply) =>
      sendCsv(reply, 'orders.csv', await ordersCsv(ctx, principalOf(request), request.query)),
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
  app.get(
    '/v1/reports/sales-by-performance',
    {
      schema: {
        tags,
        summary:
          'Tickets sold and refunded, gross, discount and net per performance, ticket type and price band',
        querystring: salesByPerformanceQuerySchema,
        security: bearer,
      },
      onRequest: view,
    },
    async (request) => salesByPerformanceReport(ctx, principalOf(request), request.query),
  );
  app.get(
    '/v1/reports/sales-by-performance.csv',
    {
      schema: {
        tags,
        summary: 'Sales by performance as CSV',
        querystring: salesByPerformanceQuerySchema,
        security: bearer,
      },
      onRequest: view,
    },
    async (request, reply) =>
      sendCsv(
        reply,
        'sales-by-performance.csv',
        await salesByPerformanceCsv(ctx, principalOf(request), request.query),
      ),
  );
  app.get(
    '/v1/reports/shifts',
    {
      schema: {
        tags,
        summary: "Every terminal's shifts: float, expected and counted cash, sales and totals per tender",
        querystring: shiftQuerySchema,
        security: bearer,
      },
      onRequest: view,
    },
    async (request) => shiftReport(ctx, principalOf(request), request.query),
  );
  app.get(
    '/v1/reports/shifts.csv',
    {
      schema: {
        tags,
        summary: 'The shifts report as CSV',
        querystring: shiftCsvQuerySchema,
        security: bearer,
      },
      onRequest: view,
    },
    async (request, reply) =>
      sendCsv(reply, 'shifts.csv', await shiftCsv(ctx, principalOf(request), request.query)),
  );
}
