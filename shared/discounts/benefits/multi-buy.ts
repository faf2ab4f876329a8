import { formatMinor, mulDivRoundHalfUp } from '../../money';
import { largestRemainder } from '../allocate';
import { addEligibleHint, addItemsHint, sameEventHint } from '../hints';
import { FULL_PERCENT } from '../limits';
import { descending, type PreparedBasket } from '../prepare';
import { R_SAME_EVENT } from '../rule-mask';
import { failure, nounOf, type Run } from '../run';
import { note } from '../trace';
import { isNarrowing, matchesAny } from '../targets';
import type { Benefit, BasketLine, EvaluationFailure, TargetRef } from '../types';
import { MAX_DESCRIBED_SETS } from './buy-x-get-y';
import { formatPercent } from './percentage';
import { ANY_EVENT, eligibleEvents, pushGrant, resetPool, take } from './sets';

type MultiBuy = Extract<Benefit, { type: 'multi_buy' }>;

// docs/ENGINE.md rule 7 and clarification 20: groups are filled in listed order, each with its most expensive
// remaining units (greedy, no re-assignment); a full set gets percent off its units, rounded once and
// split over them as in docs/ENGINE.md rule 9; sets repeat while complete ones remain.

interface Outcome {
  sets: number;
  /** When no set completes: the first unmet group and how many units it lacked. */
  group: number;
  short: number;
}

export function planMultiBuy(run: Run, benefit: MultiBuy): EvaluationFailure | null {
  const pb = run.pb;
  resetPool(pb);
  let outcome: Outcome;
  if ((run.mask & R_SAME_EVENT) !== 0 && run.rules.sameEvent === true) {
    outcome = { sets: 0, group: 0, short: 0 };
    for (const event of eligibleEvents(pb)) outcome.sets += assemble(run, benefit, event, Infinity).sets;
    if (outcome.sets === 0) {
      resetPool(pb);
      const across = assemble(run, benefit, ANY_EVENT, 1);
      resetPool(pb);
      if (across.sets > 0) {
        return failure(
          run,
          'CROSS_EVENT',
          'The groups can only be met with units from different events',
          sameEventHint(),
        );
      }
      outcome = across;
    }
  } else {
    outcome = assemble(run, benefit, ANY_EVENT, Infinity);
  }
  if (outcome.sets === 0) {
    const targets = benefit.groups[outcome.group]?.targets;
    const noun = nounOf(run);
    const hint = isNarrowing(targets)
      ? addItemsHint([{ qty: outcome.short, targets }], noun)
      : addEligibleHint(outcome.short, noun);
    return failure(
      run,
      'REQUIRED_ITEMS_MISSING',
      `Group ${outcome.group + 1} lacks ${outcome.short} ${outcome.short === 1 ? 'unit' : 'units'}`,
      hint,
    );
  }
  note(
    run,
    `${outcome.sets} complete ${outcome.sets === 1 ? 'set' : 'sets'}, each ${formatPercent(benefit.percent)} off.`,
  );
  return null;
}

function fits(
  pb: PreparedBasket,
  i: number,
  targets: readonly TargetRef[] | undefined,
  event: number,
): boolean {
  if (event !== ANY_EVENT && pb.eventGroup[i] !== event) return false;
  return !isNarrowing(targets) || matchesAny(pb.lines[i] as BasketLine, targets);
}

function assemble(run: Run, benefit: MultiBuy, event: number, maxSets: number): Outcome {
  const pb = run.pb;
  const { n, scratch } = pb;
  const { grants, cursor, count: free } = scratch;
  const order = descending(pb);
  const groups = benefit.groups;
  // Per group, the first line in price order that may still have units for it; free counts only
  // fall, so it only moves forward.
  const pointer: number[] = groups.map(() => 0);
  let sets = 0;
  while (sets < maxSets) {
    const mark = grants.size;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g] as { targets?: TargetRef[]; qty: number };
      let need = group.qty;
      let at = pointer[g] as number;
      for (; need > 0 && at < n; at++) {
        const i = order[at] as number;
        if (free[i] === 0 || !fits(pb, i, group.targets, event)) continue;
        const start = cursor[i] as number;
        const got = take(pb, i, need);
        pushGrant(grants, i, start, got, 0);
        need -= got;
        if (free[i] !== 0) break;
      }
      pointer[g] = at;
      if (need > 0) {
        grants.size = mark;
        return { sets, group: g, short: need };
      }
    }
    sets += 1;
    priceSet(run, benefit.percent, mark, sets);
  }
  return { sets, group: 0, short: 0 };
}

/**
 * Rounds the set's discount once and splits it over its lines by gross, earlier line first on ties.
 * Works in scratch.weight/result/remainder, which are free until the lines are built.
 */
function priceSet(run: Run, percent: number, mark: number, set: number): void {
  const { lines, currency, scratch } = run.pb;
  const { grants, weight, result, remainder } = scratch;
  // One line can feed two groups of a set; its units there are consecutive indices, so merge them.
  for (let g = mark + 1; g < grants.size; g++) {
    for (let h = mark; h < g; h++) {
      if (grants.line[h] === grants.line[g] && (grants.count[h] as number) > 0) {
        grants.count[h] = (grants.count[h] as number) + (grants.count[g] as number);
        grants.count[g] = 0;
        break;
      }
    }
  }
  // Basket order among the set's lines breaks largest-remainder ties (docs/ENGINE.md rule 9): sort.
  for (let g = mark + 1; g < grants.size; g++) {
    for (let h = g; h > mark && (grants.line[h - 1] as number) > (grants.line[h] as number); h--)
      swapGrants(run.pb, h - 1, h);
  }
  const size = grants.size - mark;
  let gross = 0;
  for (let k = 0; k < size; k++) {
    const g = mark + k;
    const w = (grants.count[g] as number) * (lines[grants.line[g] as number] as BasketLine).unitPrice;
    weight[k] = w;
    gross += w;
  }
  const amount = mulDivRoundHalfUp(percent, gross, FULL_PERCENT);
  largestRemainder(amount, weight, size, result, remainder);
  for (let k = 0; k < size; k++) grants.total[mark + k] = result[k] as number;
  if (set <= MAX_DESCRIBED_SETS) {
    let parts = '';
    for (let g = mark; g < grants.size; g++) {
      if (grants.count[g] === 0) continue;
      parts += `${parts === '' ? '' : ', '}${(lines[grants.line[g] as number] as BasketLine).id} ×${grants.count[g]}`;
    }
    note(
      run,
      `Set ${set}: ${parts}; ${formatPercent(percent)} of ${formatMinor(gross, currency)} = ${formatMinor(amount, currency)}.`,
    );
  }
}

function swapGrants(pb: PreparedBasket, a: number, b: number): void {
  const { line, start, count, total } = pb.scratch.grants;
  for (const column of [line, start, count, total]) {
    const kept = column[a] as number;
    column[a] = column[b] as number;
    column[b] = kept;
  }
}
