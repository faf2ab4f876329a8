import { voucherReportQuerySchema } from '../../shared/reports/vouchers';
import type { ServerContext } from '../context';
import { getVoucherBalance, getVoucherReport } from '../services/voucher-service';
import { bearer, guard, idParams, principalOf, terminalGuard, type App } from './common';

// docs/CASH.md "Gift vouchers": a voucher's balance for the terminals, the report for the back office.

export function registerVoucherRoutes(app: App, ctx: ServerContext): void {
  app.get(
    '/v1/vouchers/:id',
    {
      schema: {
        tags: ['vouchers'],
        summary: "A gift voucher's face value, balance, expiry and status, for an enrolled terminal",
        description:
          'The balance is the face value less every pushed spend, plus what refunds of those spends gave back. 404: no voucher of this organisation (a voucher is known once the sale that issued it is pushed). See docs/CASH.md "The balance at the window".',
        params: idParams,
        security: bearer,
      },
      onRequest: terminalGuard(ctx),
    },
    async (request) => getVoucherBalance(ctx, principalOf(request), request.params.id),
  );
  app.get(
    '/v1/reports/vouchers',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Gift vouchers sold, spent and voided per business day, the outstanding liability and expired balances',
        description:
          'days: per business day of the organisation\'s time zone (04:00 to 04:00, named by the date it begins on) and currency within from/to, vouchers sold (count, amount; a voided one stays sold), balance spent, and vouchers voided that day (count, the balance they held). totals: now, per currency, the balances of active vouchers not yet expired (the liability; a voided voucher is never in it) and those of expired ones apart. Minor units. See docs/CASH.md "On the server".',
        querystring: voucherReportQuerySchema,
        security: bearer,
      },
      onRequest: guard(ctx, 'reports.view'),
    },
    async (request) => getVoucherReport(ctx, principalOf(request), request.query),
  );
}
