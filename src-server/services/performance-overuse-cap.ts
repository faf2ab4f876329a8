import { checkOveruseCap, performanceCapName } from '../../shared/auth/overuse-cap';
import { businessDayOf } from '../../shared/business-day';
import type { Mutation } from '../../shared/sync/protocol';
import type { SalePayload } from '../../shared/sync/payloads';
import { getOrganisation } from '../db/repos/org-repo';
import { cappedPerformances, lockPerformanceOveruses } from '../db/repos/performance-cap-repo';
import { countPerformanceOveruseGrants } from '../db/repos/redemption-repo';
import { insertOverCapReview } from './overuse-cap';
import type { MutationScope } from './mutation-scope';
import type { Queryable } from '../db/database';
import { reject } from '../errors';

// docs/CASH.md "Per performance": a performance may cap the overuses granted on its sales per business
// day of the organisation's time zone, as the supervisor caps count (overuse-cap.ts). The terminal
// counts only its own grants, so a pushed sale can arrive past the cap: it was paid for, so it is kept
// and a manager reviews it, as for a supervisor's cap. An online redemption that names its performances
// counts towards them, and is refused past a cap, as it was not yet paid for.

/** The performances of a sale's ticket lines, each once: what the redemption records and the caps count. */
export function salePerformances(lines: SalePayload['lines']): string[] {
  return [...new Set(lines.flatMap((l) => (l.performanceId ? [l.performanceId] : [])))];
}

/** The grants of a capped performance in the business day holding `at`, counted under its lock. */
async function performanceGrants(
  tx: Queryable,
  orgId: string,
  performanceId: string,
  at: Date,
): Promise<number> {
  const org = await getOrganisation(tx, orgId);
  const day = businessDayOf(at, org?.timezone ?? 'UTC');
  await lockPerformanceOveruses(tx, orgId, performanceId);
  return countPerformanceOveruseGrants(tx, {
    orgId,
    performanceId,
    from: day.start.toISOString(),
    to: day.end.toISOString(),
  });
}

/**
 * Online (`POST /v1/redemptions` with `performanceIds`): before the overuse is recorded, refuses with
 * 403 PERFORMANCE_OVERUSE_CAP when a named performance's grants this business day have reached its cap.
 * The locks are held to the end of the transaction, so two grants at once are counted one after the other.
 */
export async function assertUnderPerformanceCaps(
  tx: Queryable,
  orgId: string,
  performanceIds: readonly string[],
  now: string,
): Promise<void> {
  for (const p of await cappedPerformances(tx, orgId, [...new Set(performanceIds)])) {
    const granted = await performanceGrants(tx, orgId, p.id, new Date(now));
    const check = checkOveruseCap(p.cap, granted, {
      kind: 'performance',
      name: performanceCapName(p.eventName, p.startsAt, p.timezone),
    });
    if (!check.ok) reject('PERFORMANCE_OVERUSE_CAP', check.message.en);
  }
}

/**
 * Pushed: once the sale's redemption is written with the honoured overuse (and its performances),
 * opens an `overuse_cap_exceeded` review item for each performance whose cap the grants before it that
 * business day had reached. True when any did.
 */
export async function reviewPerformanceCaps(
  scope: MutationScope,
  mutation: Mutation,
  sale: SalePayload['sale'],
  redemptionId: string,
  approval: SalePayload['approvals'][number],
  performanceIds: readonly string[],
): Promise<boolean> {
  const { orgId } = scope.terminal;
  const capped = await scope.run((tx) => cappedPerformances(tx, orgId, performanceIds));
  if (capped.length === 0) return false;
  const org = await scope.run((tx) => getOrganisation(tx, orgId));
  const day = businessDayOf(new Date(sale.createdAt), org?.timezone ?? 'UTC');
  let over = false;
  for (const p of capped) {
    const granted = await scope.run((tx) => performanceGrants(tx, orgId, p.id, new Date(sale.createdAt)));
    // The count holds this sale's own grant: the cap was used up if the ones before it reached it.
    const before = granted - 1;
    const name = performanceCapName(p.eventName, p.startsAt, p.timezone);
    if (checkOveruseCap(p.cap, before, { kind: 'performance', name }).ok) continue;
    over = true;
    await insertOverCapReview(scope, mutation, sale, redemptionId, {
      approval,
      cap: p.cap,
      grantedBefore: before,
      day,
      extra: { performanceId: p.id },
      summary:
        `Sale ${sale.receiptNo} at this terminal used an overuse ("${approval.reason}") on ${name}, for which ` +
        `${before} had been granted before it that business day, and the performance's cap is ${p.cap} a day. ` +
        'The sale and its overuse are kept, as the money was taken (the terminal only knew its own grants, or ' +
        'was offline). Accept it, or flag it for follow-up.',
    });
  }
  return over;
}
