import { formatMinor } from '../money';
import { largestRemainder, splitByWeights, splitEvenly } from './allocate';
import { evenLine, evenPrefix, hashLine, lineBuffer, shareLines, zeroLine } from './shared-results';
import { R_CAPS } from './rule-mask';
import type { Run } from './run';
import { note } from './trace';
import type { BasketLine, LineDiscount } from './types';
import { noteBypassed } from './usage';

// Turns a benefit's amounts into the result's per-line and per-unit discounts, applying the caps
// (docs/ENGINE.md rule 8) and the allocation (rule 9) on the way. Every basket line gets an entry, in
// basket order.

/**
 * docs/ENGINE.md rule 8: D = min(D, maxDiscount, remaining budget). Under overuse the budget no longer caps.
 */
export function applyCaps(run: Run, uncapped: number): number {
  const maxDiscount = (run.mask & R_CAPS) === 0 ? undefined : run.rules.maxDiscount;
  const currency = run.pb.currency;
  let capped = uncapped;
  if (maxDiscount !== undefined && capped > maxDiscount) {
    capped = maxDiscount;
    note(run, `Capped at the maximum discount of ${formatMinor(maxDiscount, currency)}.`);
  }
  const left = run.budgetLeft;
  if (capped > left) {
    if (run.overuse) {
      noteBypassed(
        run,
        'BUDGET_EXHAUSTED',
        `Only ${formatMinor(Math.max(0, left), currency)} of the budget is left`,
      );
    } else {
      capped = left;
      note(run, `Capped at the ${formatMinor(left, currency)} left in the budget.`);
    }
  }
  return capped;
}

function unitArray(qty: number): number[] {
  const units = new Array<number>(qty);
  for (let k = 0; k < qty; k++) units[k] = 0;
  return units;
}

/**
 * Lines whose discounted units are the first scratch.count[i] units, sharing the line total evenly
 * (units of one line share a price, so "in proportion to price" is an even split).
 */
export function evenLines(run: Run, totals: Float64Array): LineDiscount[] {
  const { n, scratch } = run.pb;
  const result = lineBuffer(run.pb);
  let itemUses = 0;
  let hash = 0;
  for (let i = 0; i < n; i++) {
    const total = totals[i] as number;
    const count = total === 0 ? 0 : (scratch.count[i] as number);
    result[i] = evenLine(run.pb, i, total, count);
    hash = hashLine(hash, total, count);
    if (total > 0) itemUses += total >= count ? count : total;
  }
  run.itemUses = itemUses;
  return shareLines(run.pb, result, hash);
}

/** docs/ENGINE.md rule 9 for an order-level amount: over lines by the gross of their selected units. */
export function spreadOrderAmount(run: Run, amount: number): LineDiscount[] {
  const { lines, n, scratch } = run.pb;
  const { weight, result, remainder, count } = scratch;
  for (let i = 0; i < n; i++) weight[i] = (count[i] as number) * (lines[i] as BasketLine).unitPrice;
  largestRemainder(amount, weight, n, result, remainder);
  return evenLines(run, result);
}

/**
 * Per-unit amounts already known per line (scratch.weight = line totals before caps). A cap lowers
 * them in proportion to the uncapped line totals (docs/ENGINE.md rule 9's second sentence).
 */
export function cappedLines(run: Run, uncapped: number): { discount: number; lines: LineDiscount[] } {
  const { n, scratch } = run.pb;
  const discount = applyCaps(run, uncapped);
  if (discount === uncapped) return { discount, lines: evenLines(run, scratch.weight) };
  largestRemainder(discount, scratch.weight, n, scratch.result, scratch.remainder);
  note(run, 'The cap is split over the lines in proportion to their uncapped discounts.');
  return { discount, lines: evenLines(run, scratch.result) };
}

/** Lines built from grants (buy_x_get_y, multi_buy), capped in proportion to the uncapped unit discounts. */
export function grantedLines(run: Run): { discount: number; lines: LineDiscount[] } {
  const { lines, n, scratch } = run.pb;
  const { grants, weight, result, remainder } = scratch;
  const unitsByLine = new Array<number[] | undefined>(n);
  weight.fill(0, 0, n);
  let uncapped = 0;
  for (let g = 0; g < grants.size; g++) {
    const total = grants.total[g] as number;
    if (total === 0) continue;
    const line = grants.line[g] as number;
    const units = (unitsByLine[line] ??= unitArray((lines[line] as BasketLine).qty));
    splitEvenly(total, units, grants.start[g] as number, grants.count[g] as number);
    weight[line] = (weight[line] as number) + total;
    uncapped += total;
  }
  const discount = applyCaps(run, uncapped);
  if (discount < uncapped) {
    largestRemainder(discount, weight, n, result, remainder);
    for (let i = 0; i < n; i++) {
      const units = unitsByLine[i];
      if (units !== undefined && result[i] !== weight[i])
        unitsByLine[i] = splitByWeights(result[i] as number, units);
    }
    note(run, 'The cap is split over lines and units in proportion to their uncapped discounts.');
  } else {
    for (let i = 0; i < n; i++) result[i] = weight[i] as number;
  }
  const out = lineBuffer(run.pb);
  let itemUses = 0;
  let hash = 0;
  for (let i = 0; i < n; i++) {
    const units = unitsByLine[i];
    if (result[i] === 0 || units === undefined) {
      out[i] = zeroLine(run.pb, i);
      hash = hashLine(hash, 0, 0);
      continue;
    }
    for (const unit of units) if (unit > 0) itemUses += 1;
    const total = result[i] as number;
    const prefix = run.pb.shared === null ? -1 : evenPrefix(units, total);
    out[i] =
      prefix > 0
        ? evenLine(run.pb, i, total, prefix)
        : { lineId: (lines[i] as BasketLine).id, discount: total, unitDiscounts: units };
    hash = hashLine(hash, total, prefix);
  }
  run.itemUses = itemUses;
  return { discount, lines: shareLines(run.pb, out, hash) };
}
