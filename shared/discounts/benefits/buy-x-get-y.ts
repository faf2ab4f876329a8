import { formatMinor, mulDivRoundHalfUp } from '../../money';
import { addEligibleHint, addItemsHint, sameEventHint } from '../hints';
import { FULL_PERCENT } from '../limits';
import { ascending, descending, type PreparedBasket } from '../prepare';
import { R_SAME_EVENT } from '../rule-mask';
import { failure, nounOf, type Run } from '../run';
import { note } from '../trace';
import { isNarrowing } from '../targets';
import type { Benefit, BasketLine, EvaluationFailure } from '../types';
import { formatPercent } from './percentage';
import { ANY_EVENT, eligibleEvents, inEvent, pushGrant, resetPool, take } from './sets';

type BuyXGetY = Extract<Benefit, { type: 'buy_x_get_y' }>;

// docs/ENGINE.md rule 6 and clarification 19. Each set reserves its buy units first, most expensive first and
// from units that are not get-eligible before get-eligible ones, then picks the get units from what remains
// by applyTo. A short set discounts nothing and ends the run. scratch.flagA marks buy-eligible lines, flagB
// get-eligible ones (units.ts).

export const MAX_DESCRIBED_SETS = 2;

interface Outcome {
  sets: number;
  /** When no set completes: the units the first set still lacked. */
  buyShort: number;
  getShort: number;
}

/** Plans the sets into scratch.grants, or fails with REQUIRED_ITEMS_MISSING / CROSS_EVENT. */
export function planBuyXGetY(run: Run, benefit: BuyXGetY): EvaluationFailure | null {
  const pb = run.pb;
  const maxSets = benefit.maxApplications ?? Infinity;
  resetPool(pb);
  let outcome: Outcome;
  if ((run.mask & R_SAME_EVENT) !== 0 && run.rules.sameEvent === true) {
    outcome = { sets: 0, buyShort: 0, getShort: 0 };
    for (const event of eligibleEvents(pb)) {
      if (outcome.sets >= maxSets) break;
      outcome.sets += assemble(run, benefit, event, maxSets - outcome.sets).sets;
    }
    if (outcome.sets === 0) {
      resetPool(pb);
      const across = assemble(run, benefit, ANY_EVENT, 1);
      resetPool(pb);
      if (across.sets > 0) {
        return failure(
          run,
          'CROSS_EVENT',
          'A set can only be completed with units from different events',
          sameEventHint(),
        );
      }
      outcome = across;
    }
  } else {
    outcome = assemble(run, benefit, ANY_EVENT, maxSets);
  }
  if (outcome.sets === 0) {
    const noun = nounOf(run);
    const hint =
      isNarrowing(benefit.buy.targets) || isNarrowing(benefit.get.targets)
        ? addItemsHint(
            [
              { qty: outcome.buyShort, targets: benefit.buy.targets },
              { qty: outcome.getShort, targets: benefit.get.targets },
            ],
            noun,
          )
        : addEligibleHint(outcome.buyShort + outcome.getShort, noun);
    return failure(
      run,
      'REQUIRED_ITEMS_MISSING',
      `No complete set of ${benefit.buy.qty} to buy and ${benefit.get.qty} to get`,
      hint,
    );
  }
  note(
    run,
    `${outcome.sets} complete ${outcome.sets === 1 ? 'set' : 'sets'}; get units are ${formatPercent(benefit.percent)} off.`,
  );
  return null;
}

function assemble(run: Run, benefit: BuyXGetY, event: number, maxSets: number): Outcome {
  const pb = run.pb;
  const { lines, scratch } = pb;
  const { flagA: buyFlag, flagB: getFlag, count: free } = scratch;
  const byPriceDown = descending(pb);
  const getOrder = run.rules.applyTo === 'highest_first' ? byPriceDown : ascending(pb);
  const n = pb.n;
  let buyOnly = 0;
  let buyShared = 0;
  let getAt = 0;
  let sets = 0;
  while (sets < maxSets) {
    const mark = scratch.grants.size;
    // The first sets explain the choice; a basket with hundreds of sets need not list every one.
    const describe = sets < MAX_DESCRIBED_SETS;
    const taken: string[] | null = describe ? [] : null;
    let needBuy = benefit.buy.qty;
    for (; needBuy > 0 && buyOnly < n; buyOnly++) {
      const i = byPriceDown[buyOnly] as number;
      if (buyFlag[i] === 0 || getFlag[i] === 1 || !inEvent(pb, i, event)) continue;
      needBuy -= noteTake(pb, i, take(pb, i, needBuy), 'buy', taken);
      if (free[i] !== 0) break;
    }
    for (; needBuy > 0 && buyShared < n; buyShared++) {
      const i = byPriceDown[buyShared] as number;
      if (buyFlag[i] === 0 || getFlag[i] === 0 || !inEvent(pb, i, event)) continue;
      needBuy -= noteTake(pb, i, take(pb, i, needBuy), 'buy', taken);
      if (free[i] !== 0) break;
    }
    if (needBuy > 0) {
      scratch.grants.size = mark;
      return {
        sets,
        buyShort: needBuy,
        getShort: sets === 0 ? Math.max(0, benefit.get.qty - freeGetUnits(pb, event)) : 0,
      };
    }
    let needGet = benefit.get.qty;
    for (; needGet > 0 && getAt < n; getAt++) {
      const i = getOrder[getAt] as number;
      if (getFlag[i] === 0 || !inEvent(pb, i, event)) continue;
      const start = scratch.cursor[i] as number;
      const got = take(pb, i, needGet);
      if (got > 0) {
        const price = (lines[i] as BasketLine).unitPrice;
        pushGrant(
          scratch.grants,
          i,
          start,
          got,
          got * mulDivRoundHalfUp(price, benefit.percent, FULL_PERCENT),
        );
        needGet -= noteTake(pb, i, got, 'get', taken);
      }
      if (free[i] !== 0) break;
    }
    if (needGet > 0) {
      scratch.grants.size = mark;
      return { sets, buyShort: 0, getShort: sets === 0 ? needGet : 0 };
    }
    sets += 1;
    if (taken !== null) note(run, `Set ${sets}: ${taken.join(', ')}.`);
  }
  return { sets, buyShort: 0, getShort: 0 };
}

function noteTake(
  pb: PreparedBasket,
  i: number,
  count: number,
  role: string,
  taken: string[] | null,
): number {
  if (taken !== null && count > 0) {
    const line = pb.lines[i] as BasketLine;
    taken.push(`${role} ${line.id} ×${count} at ${formatMinor(line.unitPrice, pb.currency)}`);
  }
  return count;
}

function freeGetUnits(pb: PreparedBasket, event: number): number {
  let units = 0;
  for (let i = 0; i < pb.n; i++) {
    if (pb.scratch.flagB[i] === 1 && pb.scratch.eligible[i] === 1 && inEvent(pb, i, event))
      units += pb.scratch.count[i] as number;
  }
  return units;
}
