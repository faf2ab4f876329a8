import { formatMinor, mulDivRoundHalfUp } from '../../money';
import { splitByWeights } from '../allocate';
import { addEligibleHint, addItemsHint, sameEventHint } from '../hints';
import { FULL_PERCENT } from '../limits';
import { descending } from '../prepare';
import { failure, note, nounOf, type Run } from '../run';
import { isNarrowing, matchesAny } from '../targets';
import type { Benefit, BasketLine, EvaluationFailure } from '../types';
import { MAX_DESCRIBED_SETS } from './buy-x-get-y';
import { formatPercent } from './percentage';
import { ANY_EVENT, eligibleEvents, pushGrant, resetPool, take } from './sets';

type MultiBuy = Extract<Benefit, { type: 'multi_buy' }>;

// Rule 7 and clarification 20: groups are filled in listed order, each with its most expensive
// remaining units (greedy, no re-assignment); a full set gets percent off its units, rounded once and
// split over them as in rule 9; sets repeat while complete ones remain.

interface Outcome {
  sets: number;
  /** When no set completes: the first unmet group and how many units it lacked. */
  group: number;
  short: number;
}

export function planMultiBuy(run: Run, benefit: MultiBuy): EvaluationFailure | null {
  const pb = run.pb;
  const matches = groupMatches(run, benefit);
  resetPool(pb);
  let outcome: Outcome;
  if (run.rules.sameEvent === true) {
    outcome = { sets: 0, group: 0, short: 0 };
    for (const event of eligibleEvents(pb))
      outcome.sets += assemble(run, benefit, matches, event, Infinity).sets;
    if (outcome.sets === 0) {
      resetPool(pb);
      const across = assemble(run, benefit, matches, ANY_EVENT, 1);
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
    outcome = assemble(run, benefit, matches, ANY_EVENT, Infinity);
  }
  if (outcome.sets === 0) {
    const group = benefit.groups[outcome.group];
    const targets = group?.targets;
    const noun = nounOf(run);
    const hint = isNarrowing(targets)
      ? addItemsHint([{ qty: outcome.short, targets }], noun)
      : addEligibleHint(outcome.short, noun);
    return failure(
      run,
      'REQUIRED_ITEMS_MISSING',
      `Group ${outcome.group + 1} lacks ${outcome.short} units`,
      hint,
    );
  }
  note(
    run,
    `${outcome.sets} complete ${outcome.sets === 1 ? 'set' : 'sets'}, each ${formatPercent(benefit.percent)} off.`,
  );
  return null;
}

/** Per group × line: 1 when the line's units can fill the group (omitted targets = every eligible unit). */
function groupMatches(run: Run, benefit: MultiBuy): Uint8Array {
  const { lines, n, scratch } = run.pb;
  const groups = benefit.groups;
  const matches = new Uint8Array(groups.length * n);
  for (let g = 0; g < groups.length; g++) {
    const targets = groups[g]?.targets;
    const all = !isNarrowing(targets);
    for (let i = 0; i < n; i++) {
      if (scratch.eligible[i] === 1 && (all || matchesAny(lines[i] as BasketLine, targets)))
        matches[g * n + i] = 1;
    }
  }
  return matches;
}

function assemble(run: Run, benefit: MultiBuy, matches: Uint8Array, event: number, maxSets: number): Outcome {
  const pb = run.pb;
  const { n, scratch, eventGroup } = pb;
  const { grants, cursor, count: free } = scratch;
  const order = descending(pb);
  const groups = benefit.groups;
  const pointer = new Int32Array(groups.length);
  let sets = 0;
  while (sets < maxSets) {
    const mark = grants.size;
    for (let g = 0; g < groups.length; g++) {
      let need = (groups[g] as { qty: number }).qty;
      let at = pointer[g] as number;
      for (; need > 0 && at < n; at++) {
        const i = order[at] as number;
        if (matches[g * n + i] === 0 || (event !== ANY_EVENT && eventGroup[i] !== event)) continue;
        const start = cursor[i] as number;
        const got = take(pb, i, need);
        if (got > 0) {
          pushGrant(grants, i, start, got, 0);
          need -= got;
        }
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

/** Rounds the set's discount once and splits it over its lines by gross, earlier line first on ties. */
function priceSet(run: Run, percent: number, mark: number, set: number): void {
  const { lines, currency, scratch } = run.pb;
  const grants = scratch.grants;
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
  // Basket order among the set's lines decides largest-remainder ties (rule 9).
  const members: number[] = [];
  for (let g = mark; g < grants.size; g++) {
    if (grants.count[g] === 0) continue;
    let at = members.length;
    while (at > 0 && (grants.line[members[at - 1] as number] as number) > (grants.line[g] as number)) at--;
    members.splice(at, 0, g);
  }
  const weights: number[] = [];
  let gross = 0;
  for (const g of members) {
    const weight = (grants.count[g] as number) * (lines[grants.line[g] as number] as BasketLine).unitPrice;
    weights.push(weight);
    gross += weight;
  }
  const amount = mulDivRoundHalfUp(percent, gross, FULL_PERCENT);
  const shares = splitByWeights(amount, weights);
  for (let k = 0; k < members.length; k++) grants.total[members[k] as number] = shares[k] as number;
  if (set <= MAX_DESCRIBED_SETS) {
    let parts = '';
    for (const g of members) {
      parts += `${parts === '' ? '' : ', '}${(lines[grants.line[g] as number] as BasketLine).id} ×${grants.count[g]}`;
    }
    note(
      run,
      `Set ${set}: ${parts}; ${formatPercent(percent)} of ${formatMinor(gross, currency)} = ${formatMinor(amount, currency)}.`,
    );
  }
}
