import type { Usage } from '../../shared/discounts';
import type { RedemptionRow } from '../../shared/sync/sale-record';

/**
 * A code's usage without one order's own use of it: an exchange re-checks the order's code on the new
 * tickets (exchange-service.ts), and the order's use is the one the new tickets continue, not a second.
 * A released use (a voided order) counts nowhere already.
 */
export function withoutOwnUse(
  usage: Usage,
  own: Pick<RedemptionRow, 'itemUses' | 'discount' | 'releasedAt'>,
  scopes: readonly { eventId: string; performanceId: string }[],
): Usage {
  if (own.releasedAt !== null) return usage;
  const less = (n: number, by: number) => Math.max(0, n - by);
  const byEvent = { ...usage.customerUsesByEvent };
  const bySchedule = { ...usage.customerUsesBySchedule };
  for (const scope of scopes) {
    if (byEvent[scope.eventId] !== undefined) byEvent[scope.eventId] = less(byEvent[scope.eventId] ?? 0, 1);
    if (scope.performanceId && bySchedule[scope.performanceId] !== undefined)
      bySchedule[scope.performanceId] = less(bySchedule[scope.performanceId] ?? 0, 1);
  }
  return {
    uses: less(usage.uses, 1),
    itemUses: less(usage.itemUses, own.itemUses),
    discountGiven: less(usage.discountGiven, own.discount),
    customerUses: less(usage.customerUses, 1),
    customerItemUses: less(usage.customerItemUses, own.itemUses),
    customerUsesByEvent: byEvent,
    customerUsesBySchedule: bySchedule,
  };
}
