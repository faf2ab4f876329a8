import type { Usage } from '../../../shared/discounts';
import { prepared, type Db } from '../connection';

export interface UsageScope {
  eventIds: readonly string[];
  scheduleIds: readonly string[];
}

/**
 * How much a code has been used, as the engine's Usage, from the redemptions this store holds.
 * Voided orders have released their use and do not count.
 */
export function usageFor(db: Db, codeId: string, customerId: string | null, scope: UsageScope): Usage {
  return usageForCodes(db, [codeId], customerId, scope).get(codeId) as Usage;
}

// The code ids go in as one JSON array: the dropdown lists 50 codes on every keystroke, and one query
// for all of them costs what one query per code costs for a single code.
const CODE_IN = 'IN (SELECT value FROM json_each(@codeIds))';

/**
 * Only the sales the server had not counted when its counts were read (docs/CUSTOMERS.md "At the
 * terminal"): not acknowledged yet, or acknowledged after @countedAt.
 */
const UNCOUNTED = `AND r.sale_id IN (SELECT json_extract(payload, '$.sale.id') FROM outbox
  WHERE type = 'sale' AND (acked_at IS NULL OR acked_at > @countedAt))`;

/** Whose uses: every sale here, or (uncountedAfter) those the server's counts of that time miss. */
export interface CustomerUsageScope extends UsageScope {
  uncountedAfter?: string | undefined;
}

/** usageFor for many codes at once: a fixed number of queries however many codes there are. */
export function usageForCodes(
  db: Db,
  codeIds: readonly string[],
  customerId: string | null,
  scope: CustomerUsageScope,
): Map<string, Usage> {
  const byCode = new Map<string, Usage>();
  for (const codeId of codeIds) byCode.set(codeId, emptyUsage(customerId === null ? undefined : scope));
  const ids = JSON.stringify(codeIds);
  const totals = prepared(
    db,
    `SELECT code_id AS codeId, count(*) AS uses, coalesce(sum(item_uses), 0) AS itemUses,
       coalesce(sum(discount), 0) AS discountGiven
     FROM redemptions WHERE code_id ${CODE_IN} AND released_at IS NULL GROUP BY code_id`,
  ).all({ codeIds: ids }) as { codeId: string; uses: number; itemUses: number; discountGiven: number }[];
  for (const { codeId, ...counts } of totals) Object.assign(byCode.get(codeId) as Usage, counts);
  if (customerId !== null) addCustomerUsage(db, byCode, ids, customerId, scope);
  return byCode;
}

/** Zero counts; with a scope, every event and performance of it present at zero, in scope order. */
function emptyUsage(scope: UsageScope | undefined): Usage {
  const usage: Usage = {
    uses: 0,
    itemUses: 0,
    discountGiven: 0,
    customerUses: 0,
    customerItemUses: 0,
    customerUsesByEvent: {},
    customerUsesBySchedule: {},
  };
  for (const eventId of scope?.eventIds ?? []) usage.customerUsesByEvent[eventId] = 0;
  for (const scheduleId of scope?.scheduleIds ?? []) usage.customerUsesBySchedule[scheduleId] = 0;
  return usage;
}

function addCustomerUsage(
  db: Db,
  byCode: Map<string, Usage>,
  ids: string,
  customerId: string,
  scope: CustomerUsageScope,
): void {
  const countedAt = scope.uncountedAfter ?? null;
  const only = countedAt === null ? '' : UNCOUNTED;
  const mine = prepared(
    db,
    `SELECT r.code_id AS codeId, count(*) AS uses, coalesce(sum(r.item_uses), 0) AS itemUses
     FROM redemptions r WHERE r.code_id ${CODE_IN} AND r.customer_id = @customerId AND r.released_at IS NULL
       ${only}
     GROUP BY r.code_id`,
  ).all({ codeIds: ids, customerId, ...(countedAt === null ? {} : { countedAt }) }) as {
    codeId: string;
    uses: number;
    itemUses: number;
  }[];
  for (const { codeId, uses, itemUses } of mine) {
    const usage = byCode.get(codeId) as Usage;
    usage.customerUses = uses;
    usage.customerItemUses = itemUses;
  }
  const by = (column: 'event_id' | 'performance_id', scopeIds: readonly string[]) =>
    scopedUses(db, column, ids, customerId, scopeIds, countedAt);
  for (const { codeId, scopeId, n } of by('event_id', scope.eventIds))
    (byCode.get(codeId) as Usage).customerUsesByEvent[scopeId] = n;
  for (const { codeId, scopeId, n } of by('performance_id', scope.scheduleIds))
    (byCode.get(codeId) as Usage).customerUsesBySchedule[scopeId] = n;
}

/** This customer's redemptions of each code that touched each of `scopeIds` (events or performances). */
function scopedUses(
  db: Db,
  column: 'event_id' | 'performance_id',
  ids: string,
  customerId: string,
  scopeIds: readonly string[],
  countedAt: string | null,
): { codeId: string; scopeId: string; n: number }[] {
  if (scopeIds.length === 0) return [];
  return prepared(
    db,
    `SELECT r.code_id AS codeId, s.${column} AS scopeId, count(DISTINCT r.id) AS n
     FROM redemptions r JOIN redemption_scopes s ON s.redemption_id = r.id
     WHERE r.code_id ${CODE_IN} AND r.customer_id = @customerId AND r.released_at IS NULL
       AND s.${column} IN (SELECT value FROM json_each(@scopeIds)) ${countedAt === null ? '' : UNCOUNTED}
     GROUP BY r.code_id, s.${column}`,
  ).all({
    codeIds: ids,
    customerId,
    scopeIds: JSON.stringify(scopeIds),
    ...(countedAt === null ? {} : { countedAt }),
  }) as {
    codeId: string;
    scopeId: string;
    n: number;
  }[];
}
