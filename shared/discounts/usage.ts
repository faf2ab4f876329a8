import { formatMinor } from '../money';
import { USAGE_LIMIT_ORDER } from './policy';
import { R_USAGE } from './rule-mask';
import { failure, type Run } from './run';
import { note } from './trace';
import type { EvaluationFailure, ReasonCode } from './types';

// Usage limits (docs/ENGINE.md rule 11, clarifications 21 and 22). Without overuse the first limit met fails
// the code (overridable). With overuse nothing fails or trims; every limit that would have is listed instead.

export function checkUsageLimits(run: Run): EvaluationFailure | null {
  if ((run.mask & R_USAGE) === 0 || !hasUsageLimit(run)) return null;
  const r = run.rules;
  const u = run.usage;
  const itemUses = u.itemUses ?? 0;
  const customerItemUses = u.customerItemUses ?? 0;
  const given = u.discountGiven ?? 0;
  if (r.budget !== undefined) run.budgetLeft = r.budget - given;

  const met: [ReasonCode, string][] = [];
  if (r.maxUses !== undefined && (u.uses ?? 0) >= r.maxUses) {
    met.push(['MAX_USES', `${u.uses} of ${r.maxUses} orders used`]);
  }
  if (r.maxItemUses !== undefined && itemUses >= r.maxItemUses) {
    met.push(['MAX_ITEM_USES', `${itemUses} of ${r.maxItemUses} item uses used`]);
  }
  if (r.budget !== undefined && run.budgetLeft <= 0) {
    met.push(['BUDGET_EXHAUSTED', `Budget ${formatMinor(r.budget, run.pb.currency)} used up`]);
  }
  if (r.maxUsesPerCustomer !== undefined && (u.customerUses ?? 0) >= r.maxUsesPerCustomer) {
    met.push([
      'CUSTOMER_MAX_USES',
      `The customer used it on ${u.customerUses} of ${r.maxUsesPerCustomer} orders`,
    ]);
  }
  if (r.maxItemUsesPerCustomer !== undefined && customerItemUses >= r.maxItemUsesPerCustomer) {
    met.push([
      'CUSTOMER_MAX_ITEM_USES',
      `The customer used ${customerItemUses} of ${r.maxItemUsesPerCustomer} item uses`,
    ]);
  }
  if (r.maxUsesPerCustomerPerEvent !== undefined) {
    const hit = overLimit(run, 'event', u.customerUsesByEvent, r.maxUsesPerCustomerPerEvent);
    if (hit !== undefined)
      met.push([
        'CUSTOMER_EVENT_MAX_USES',
        `The customer reached ${r.maxUsesPerCustomerPerEvent} orders for event ${hit}`,
      ]);
  }
  if (r.maxUsesPerCustomerPerSchedule !== undefined) {
    const hit = overLimit(run, 'schedule', u.customerUsesBySchedule, r.maxUsesPerCustomerPerSchedule);
    if (hit !== undefined) {
      met.push([
        'CUSTOMER_SCHEDULE_MAX_USES',
        `The customer reached ${r.maxUsesPerCustomerPerSchedule} orders for performance ${hit}`,
      ]);
    }
  }

  const first = met[0];
  if (first !== undefined && !run.overuse) return failure(run, first[0], first[1]);
  for (const [reason, why] of met) {
    run.overridden.push(reason);
    note(run, `${why}: bypassed by the supervisor's overuse grant.`);
  }

  if (!run.overuse) {
    if (r.maxItemUses !== undefined) run.itemLimit = r.maxItemUses - itemUses;
    if (r.maxItemUsesPerCustomer !== undefined) {
      run.itemLimit = Math.min(run.itemLimit, r.maxItemUsesPerCustomer - customerItemUses);
    }
  }
  if (met.length === 0) note(run, 'Usage limits are not reached.');
  return null;
}

function hasUsageLimit(run: Run): boolean {
  const r = run.rules;
  return (
    r.maxUses !== undefined ||
    r.maxItemUses !== undefined ||
    r.budget !== undefined ||
    r.maxUsesPerCustomer !== undefined ||
    r.maxItemUsesPerCustomer !== undefined ||
    r.maxUsesPerCustomerPerEvent !== undefined ||
    r.maxUsesPerCustomerPerSchedule !== undefined
  );
}

/**
 * docs/ENGINE.md clarification 22: checked for every event (schedule) among the eligible units; returns the
 * first one over.
 */
function overLimit(
  run: Run,
  key: 'event' | 'schedule',
  counts: Record<string, number> | undefined,
  limit: number,
): string | undefined {
  if (counts === undefined) return limit <= 0 ? firstId(run, key) : undefined;
  const { n, scratch } = run.pb;
  const groups = key === 'event' ? run.pb.eventGroup : run.pb.scheduleGroup;
  const ids = key === 'event' ? run.pb.eventIds : run.pb.scheduleIds;
  const checked: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const group = groups[i] as number;
    if (scratch.eligible[i] === 0 || group === 0 || checked[group] === true) continue;
    checked[group] = true;
    const id = ids[group] as string;
    const used = Object.hasOwn(counts, id) ? (counts[id] ?? 0) : 0;
    if (used >= limit) return id;
  }
  return undefined;
}

function firstId(run: Run, key: 'event' | 'schedule'): string | undefined {
  const groups = key === 'event' ? run.pb.eventGroup : run.pb.scheduleGroup;
  const ids = key === 'event' ? run.pb.eventIds : run.pb.scheduleIds;
  for (let i = 0; i < run.pb.n; i++) {
    const group = groups[i] as number;
    if (run.pb.scratch.eligible[i] === 1 && group > 0) return ids[group];
  }
  return undefined;
}

/** Records a limit that would have trimmed the discount had overuse not been granted. */
export function noteBypassed(run: Run, reason: ReasonCode, why: string): void {
  if (!run.overridden.includes(reason)) {
    run.overridden.push(reason);
    note(run, `${why}: not applied because of the overuse grant.`);
  }
}

export function orderedOverridden(run: Run): ReasonCode[] {
  if (run.overridden.length === 0) return [];
  return USAGE_LIMIT_ORDER.filter((reason) => run.overridden.includes(reason));
}
