import { R_SELECTION } from '../rule-mask';
import type { Run } from '../run';
import { selectableUnits, selectUnits } from '../units';
import { noteBypassed } from '../usage';

/**
 * docs/ENGINE.md rule 3 / clarification 18 for percentage, fixed_order, fixed_per_item and specific_price:
 * maxQty, maxQtyPerLine, registrantsPerUse and the remaining item uses bound the selected units. Under
 * overuse the item-use limits are lifted and noted when they would have trimmed.
 */
export function selectForBenefit(run: Run): number {
  if ((run.mask & R_SELECTION) === 0) return selectUnits(run, Infinity, Infinity, null);
  const r = run.rules;
  let limit = r.maxQty ?? Infinity;
  if (r.registrantsPerUse !== undefined)
    limit = Math.min(limit, Math.floor(run.pb.attendees / r.registrantsPerUse));
  const perLine = r.maxQtyPerLine ?? Infinity;
  if (run.overuse) {
    const wanted = selectableUnits(run, limit, perLine);
    const u = run.usage;
    if (r.maxItemUses !== undefined && r.maxItemUses - (u.itemUses ?? 0) < wanted) {
      noteBypassed(
        run,
        'MAX_ITEM_USES',
        `Item uses would have limited the discount to ${Math.max(0, r.maxItemUses - (u.itemUses ?? 0))} units`,
      );
    }
    if (
      r.maxItemUsesPerCustomer !== undefined &&
      r.maxItemUsesPerCustomer - (u.customerItemUses ?? 0) < wanted
    ) {
      noteBypassed(
        run,
        'CUSTOMER_MAX_ITEM_USES',
        `The customer's item uses would have limited the discount to ${Math.max(0, r.maxItemUsesPerCustomer - (u.customerItemUses ?? 0))} units`,
      );
    }
  } else {
    limit = Math.min(limit, run.itemLimit);
  }
  return selectUnits(run, limit, perLine, limitsInForce);
}

/**
 * Names the limits of docs/ENGINE.md rule 3 that this code sets, for the trace ("at most 3 per order; 2 item
 * uses left").
 */
function limitsInForce(run: Run, perLine: number): string {
  const r = run.rules;
  const parts: string[] = [];
  if (r.maxQty !== undefined) parts.push(`at most ${r.maxQty} per order`);
  if (perLine !== Infinity) parts.push(`at most ${perLine} per line`);
  if (r.registrantsPerUse !== undefined) {
    parts.push(`one per ${r.registrantsPerUse} of ${run.pb.attendees} attendees`);
  }
  if (!run.overuse && run.itemLimit !== Infinity) parts.push(`${run.itemLimit} item uses left`);
  return parts.join('; ');
}
