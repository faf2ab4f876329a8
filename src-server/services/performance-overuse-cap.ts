import { checkOveruseCap, performanceCapName } from '../../shared/auth/overuse-cap';
import { businessDayOf } from '../../shared/business-day';
import type { Mutation } from '../../shared/sync/protocol';
import type { SalePayload } from '../../shared/sync/payloads';
import { getOrganisation } from '../db/repos/org-repo';
import { cappedPerformances, lockPerformanceOveruses } from '../db/repos/performance-cap-repo';
import { countPerformanceOveruseGrants } from '../db/repos/redemption-repo';
import { insertOverCapReview } from './overuse-cap';
import type { MutationScope } from './mutation-scope';

// docs/CASH.md "Per performance": a performance may cap the overuses granted on its sales per business
// day of the organisation's time zone, as the supervisor caps count (overuse-cap.ts). The terminal
// counts only its own grants, so a pushed sale can arrive past the cap: it was paid for, so it is kept
// and a manager reviews it, as for a supervisor's cap. Online redemptions name no performance and count
// towards none.

/** The performances of a sale's ticket lines, each once: what the redemption records and the caps count. */
export function salePerformances(lines: SalePayload['lines']): string[] {
  return [...new Set(lines.flatMap((l) => (l.performanceId ? [l.performanceId] : [])))];
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
    const granted = await scope.run(async (tx) => {
      await lockPerformanceOveruses(tx, orgId, p.id);
      return countPerformanceOveruseGrants(tx, {
        orgId,
        performanceId: p.id,
        from: day.start.toISOString(),
        to: day.end.toISOString(),
      });
    });
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
