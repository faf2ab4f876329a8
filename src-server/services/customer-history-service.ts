import type { CustomerCode, CustomerCodeUsage, CustomerCounts } from '../../shared/customers/history';
import type { OrderPage } from '../../shared/reports/orders';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import * as history from '../db/repos/customer-history-repo';
import { getCustomer } from './customer-service';
import { listOrders } from './order-report-service';

// A customer's orders, codes and the counts the discount engine takes (docs/CUSTOMERS.md "History and
// counts"), read from the sales ledger and the redemptions; the terminal asks for the counts online so
// "new customers only", customer groups and per-customer limits use the server's figures.

function zeroUsage(): CustomerCodeUsage {
  return { customerUses: 0, customerItemUses: 0, customerUsesByEvent: {}, customerUsesBySchedule: {} };
}

export async function customerCounts(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  codeIds: readonly string[],
): Promise<CustomerCounts> {
  const customer = await getCustomer(ctx, principal, id);
  const { orgId } = principal;
  const [completedOrders, uses, byEvent, byPerformance] = await Promise.all([
    history.completedOrders(ctx.db, orgId, id),
    codeIds.length > 0 ? history.codeUses(ctx.db, orgId, id, codeIds) : [],
    codeIds.length > 0 ? history.scopedCodeUses(ctx.db, orgId, id, codeIds, 'eventId') : [],
    codeIds.length > 0 ? history.scopedCodeUses(ctx.db, orgId, id, codeIds, 'performanceId') : [],
  ]);
  const usage: Record<string, CustomerCodeUsage> = {};
  for (const codeId of codeIds) usage[codeId] = zeroUsage();
  const at = (codeId: string) => usage[codeId] ?? (usage[codeId] = zeroUsage());
  for (const u of uses) Object.assign(at(u.codeId), { customerUses: u.uses, customerItemUses: u.itemUses });
  for (const u of byEvent) at(u.codeId).customerUsesByEvent[u.scopeId] = u.n;
  for (const u of byPerformance) at(u.codeId).customerUsesBySchedule[u.scopeId] = u.n;
  return { customerId: id, completedOrders, groups: customer.groups, usage };
}

export async function customerCodes(
  ctx: ServerContext,
  principal: Principal,
  id: string,
): Promise<CustomerCode[]> {
  const customer = await getCustomer(ctx, principal, id);
  const rows = await history.customerCodes(ctx.db, principal.orgId, id, customer.groups);
  return rows.map((row) => ({
    ...row,
    remainingUses: row.maxUsesPerCustomer === null ? null : Math.max(0, row.maxUsesPerCustomer - row.uses),
  }));
}

/** The customer's orders, newest first, as the orders report pages them (keyset cursor). */
export async function customerOrders(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<OrderPage> {
  await getCustomer(ctx, principal, id);
  return listOrders(ctx, principal, { ...page, customerId: id });
}
