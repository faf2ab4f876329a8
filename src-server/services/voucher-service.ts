import { knownZone } from '../../shared/business-day';
import type { VoucherReport, VoucherReportQuery } from '../../shared/reports/vouchers';
import type { VoucherBalance } from '../../shared/vouchers/rules';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { getOrganisation } from '../db/repos/org-repo';
import { voucherBalance, voucherReport } from '../db/repos/voucher-repo';
import { reject } from '../errors';

// docs/CASH.md "The balance at the window" and "On the server": a voucher's balance for a terminal, and
// the back office's voucher report.

/** GET /v1/vouchers/:id: the balance as the server keeps it, for a terminal of the voucher's organisation. */
export async function getVoucherBalance(
  ctx: ServerContext,
  principal: Principal,
  id: string,
): Promise<VoucherBalance> {
  const found = await voucherBalance(ctx.db, principal.orgId, id);
  if (!found) {
    reject(
      'NOT_FOUND',
      `There is no gift voucher ${id} in this organisation. If it was sold just now at a window that is offline, ` +
        'it can be spent once that window has synced; otherwise the code is not one of ours.',
    );
  }
  return found;
}

export async function getVoucherReport(
  ctx: ServerContext,
  principal: Principal,
  query: VoucherReportQuery,
): Promise<VoucherReport> {
  // Days are the organisation's business days (shared/business-day.ts), as its caps count them.
  const org = await getOrganisation(ctx.db, principal.orgId);
  const zone = knownZone(org?.timezone ?? 'UTC');
  return voucherReport(ctx.db, principal.orgId, query, ctx.now().toISOString(), zone);
}
