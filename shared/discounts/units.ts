import { ascending, descending, performanceStart } from './prepare';
import type { Run } from './run';
import { MEMO_ELIGIBLE, note, noteMemo } from './trace';
import { isNarrowing, matchesAny, matchesTarget } from './targets';
import { R_SCOPE } from './rule-mask';
import type { Benefit, BasketLine, Rules, TargetRef } from './types';

// Which units a code may touch (docs/ENGINE.md rule 2, clarifications 25, 28, 29) and which of them it picks
// when a limit allows fewer (docs/ENGINE.md rule 3, clarifications 17, 18). Everything is per line: a line's
// units share price and attributes, so a line holds either none or all of its units as eligible.

const NO_RULES: Rules = {};

/** Fills scratch.eligible / preWindow (and benefit flags); records counts on the run. */
export function markEligible(run: Run): void {
  const { pb } = run;
  const { lines, n, discountable, scratch } = pb;
  const { eligible, preWindow, flagA, flagB, amount } = scratch;
  const rules = (run.mask & R_SCOPE) === 0 ? NO_RULES : run.rules;
  const targets = isNarrowing(rules.targets) ? rules.targets : undefined;
  const exclude = isNarrowing(rules.exclude) ? rules.exclude : undefined;
  const { minUnitPrice, maxUnitPrice, performanceWindow } = rules;
  const benefit = run.code.benefit;
  // Read once: benefits of many shapes make every `benefit.type` read a slow (megamorphic) lookup, and
  // the three simple types narrow nothing.
  const type = benefit.type;
  const scoped = type === 'specific_price' || type === 'buy_x_get_y' || type === 'multi_buy';
  let units = 0;
  let lineCount = 0;
  let gross = 0;
  let preWindowUnits = 0;
  for (let i = 0; i < n; i++) {
    eligible[i] = 0;
    preWindow[i] = 0;
    const line = lines[i] as BasketLine;
    if (discountable[i] === 0) continue;
    if (targets !== undefined && !matchesAny(line, targets)) continue;
    if (exclude !== undefined && matchesAny(line, exclude)) continue;
    if (minUnitPrice !== undefined && line.unitPrice < minUnitPrice) continue;
    if (maxUnitPrice !== undefined && line.unitPrice > maxUnitPrice) continue;
    if (scoped && !inBenefitScope(benefit, line, i, flagA, flagB, amount)) continue;
    preWindow[i] = 1;
    preWindowUnits += line.qty;
    if (performanceWindow !== undefined && !insideWindow(run, line, performanceWindow)) continue;
    eligible[i] = 1;
    units += line.qty;
    lineCount += 1;
    gross += line.unitPrice * line.qty;
  }
  run.eligibleUnits = units;
  run.preWindowUnits = preWindowUnits;
  run.eligibleLines = lineCount;
  run.eligibleGross = gross;
  if (performanceWindow !== undefined && units < preWindowUnits) {
    note(run, `The performance window removes ${preWindowUnits - units} of ${preWindowUnits} units.`);
  }
  if (units === 0) {
    note(
      run,
      'No unit qualifies (fees, free items and units outside the targets, exclusions or price range never do).',
    );
  } else {
    noteMemo(run, MEMO_ELIGIBLE, units, lineCount, eligibleSentence);
  }
}

function eligibleSentence(_run: Run, units: number, lineCount: number): string {
  return `Eligible: ${units} ${units === 1 ? 'unit' : 'units'} on ${lineCount} ${lineCount === 1 ? 'line' : 'lines'}.`;
}

// Benefit types narrow eligibility further: specific_price needs a price entry (the first matching
// one wins), buy_x_get_y a buy or get target, multi_buy a group's target.
function inBenefitScope(
  benefit: Benefit,
  line: BasketLine,
  i: number,
  buyFlag: Uint8Array,
  getFlag: Uint8Array,
  replacement: Float64Array,
): boolean {
  switch (benefit.type) {
    case 'specific_price': {
      const prices = benefit.prices;
      for (let p = 0; p < prices.length; p++) {
        const entry = prices[p] as { target: TargetRef; unitPrice: number };
        if (matchesTarget(line, entry.target)) {
          replacement[i] = entry.unitPrice;
          return true;
        }
      }
      return false;
    }
    case 'buy_x_get_y': {
      const buy = !isNarrowing(benefit.buy.targets) || matchesAny(line, benefit.buy.targets);
      const get = !isNarrowing(benefit.get.targets) || matchesAny(line, benefit.get.targets);
      buyFlag[i] = buy ? 1 : 0;
      getFlag[i] = get ? 1 : 0;
      return buy || get;
    }
    case 'multi_buy': {
      for (const group of benefit.groups) {
        if (!isNarrowing(group.targets) || matchesAny(line, group.targets)) return true;
      }
      return false;
    }
    default:
      return true;
  }
}

// docs/ENGINE.md clarification 25: minutesToStart = (startsAt − now) in minutes; a unit is inside when
// it is ≤ from and ≥ until. Units without performance data are not checked.
function insideWindow(
  run: Run,
  line: BasketLine,
  window: { fromMinutesBeforeStart?: number; untilMinutesBeforeStart?: number },
): boolean {
  if (line.scheduleId === undefined) return true;
  const start = performanceStart(run.pc, line.scheduleId);
  if (start === undefined) return true;
  const minutesToStart = (start - run.pc.now) / 60_000;
  if (window.fromMinutesBeforeStart !== undefined && minutesToStart > window.fromMinutesBeforeStart)
    return false;
  if (window.untilMinutesBeforeStart !== undefined && minutesToStart < window.untilMinutesBeforeStart)
    return false;
  return true;
}

/**
 * docs/ENGINE.md rule 3: writes the number of selected units per line into scratch.count (always the line's
 * first units) and returns the total. Walks lines in applyTo order, skipping a line once it holds maxPerLine.
 */
export function selectUnits(
  run: Run,
  limit: number,
  maxPerLine: number,
  why: ((run: Run, maxPerLine: number) => string) | null,
): number {
  const { pb } = run;
  const { lines, n, scratch } = pb;
  const { eligible, count } = scratch;
  if (limit >= run.eligibleUnits && maxPerLine === Infinity) {
    for (let i = 0; i < n; i++) count[i] = eligible[i] === 1 ? (lines[i] as BasketLine).qty : 0;
    return run.eligibleUnits;
  }
  const highestFirst = run.rules.applyTo === 'highest_first';
  const order = highestFirst ? descending(pb) : ascending(pb);
  count.fill(0, 0, n);
  let left = limit;
  for (let k = 0; k < n && left > 0; k++) {
    const i = order[k] as number;
    if (eligible[i] === 0) continue;
    const take = Math.min((lines[i] as BasketLine).qty, maxPerLine, left);
    count[i] = take;
    left -= take;
  }
  const selected = limit - left;
  note(
    run,
    `Only ${selected} of ${run.eligibleUnits} eligible units are discounted (${why === null ? '' : why(run, maxPerLine)}); ` +
      `${highestFirst ? 'highest' : 'lowest'} price first: ${listSelection(run)}.`,
  );
  return selected;
}

/** Units docs/ENGINE.md rule 3 would select under maxQty, registrantsPerUse and maxQtyPerLine alone. */
export function selectableUnits(run: Run, limit: number, maxPerLine: number): number {
  if (maxPerLine === Infinity) return Math.min(limit, run.eligibleUnits);
  const { lines, n, scratch } = run.pb;
  let capacity = 0;
  for (let i = 0; i < n; i++) {
    if (scratch.eligible[i] === 1) capacity += Math.min((lines[i] as BasketLine).qty, maxPerLine);
  }
  return Math.min(limit, capacity);
}

// Names the first few chosen lines; a long selection is summarised rather than spelled out.
const LISTED_LINES = 5;

function listSelection(run: Run): string {
  const { lines, n, scratch } = run.pb;
  let text = '';
  let listed = 0;
  let more = 0;
  for (let i = 0; i < n; i++) {
    const take = scratch.count[i] as number;
    if (take === 0) continue;
    if (listed === LISTED_LINES) {
      more += 1;
      continue;
    }
    const line = lines[i] as BasketLine;
    text += `${listed === 0 ? '' : ', '}${line.id} ×${take}`;
    listed += 1;
  }
  return more > 0 ? `${text} and ${more} more ${more === 1 ? 'line' : 'lines'}` : text;
}
