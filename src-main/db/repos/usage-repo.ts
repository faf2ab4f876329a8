import type { Usage } from '../../../shared/discounts';
import type { Db } from '../connection';

/**
 * How much a code has been used, as the engine's Usage, from the redemptions this store holds.
 * Voided orders have released their use and do not count.
 */
export function usageFor(
  db: Db,
  codeId: string,
  customerId: string | null,
  scope: { eventIds: readonly string[]; scheduleIds: readonly string[] },
): Usage {
  const all = db
    .prepare(
      `SELECT count(*) AS uses, coalesce(sum(item_uses), 0) AS itemUses, coalesce(sum(discount), 0) AS discountGiven
       FROM redemptions WHERE code_id = ? AND released_at IS NULL`,
    )
    .get(codeId) as { uses: number; itemUses: number; discountGiven: number };
  const usage: Usage = {
    ...all,
    customerUses: 0,
    customerItemUses: 0,
    customerUsesByEvent: {},
    customerUsesBySchedule: {},
  };
  if (!customerId) return usage;
  const mine = db
    .prepare(
      `SELECT count(*) AS uses, coalesce(sum(item_uses), 0) AS itemUses
       FROM redemptions WHERE code_id = ? AND customer_id = ? AND released_at IS NULL`,
    )
    .get(codeId, customerId) as { uses: number; itemUses: number };
  usage.customerUses = mine.uses;
  usage.customerItemUses = mine.itemUses;
  const scoped = db.prepare(
    `SELECT count(DISTINCT r.id) AS n FROM redemptions r JOIN redemption_scopes s ON s.redemption_id = r.id
     WHERE r.code_id = ? AND r.customer_id = ? AND r.released_at IS NULL AND s.event_id = ?`,
  );
  const scopedSchedule = db.prepare(
    `SELECT count(DISTINCT r.id) AS n FROM redemptions r JOIN redemption_scopes s ON s.redemption_id = r.id
     WHERE r.code_id = ? AND r.customer_id = ? AND r.released_at IS NULL AND s.performance_id = ?`,
  );
  for (const eventId of scope.eventIds) {
    usage.customerUsesByEvent[eventId] = (scoped.get(codeId, customerId, eventId) as { n: number }).n;
  }
  for (const scheduleId of scope.scheduleIds) {
    usage.customerUsesBySchedule[scheduleId] = (
      scopedSchedule.get(codeId, customerId, scheduleId) as { n: number }
    ).n;
  }
  return usage;
}
