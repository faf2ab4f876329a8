import { formatMinor } from '../../money';
import { applyCaps, spreadOrderAmount } from '../output';
import type { Run } from '../run';
import { MEMO_FIXED_ORDER, note, noteMemo } from '../trace';
import { selectedGross } from './percentage';
import type { BenefitResult } from './result';
import { selectForBenefit } from './select';

function fixedOrderSentence(run: Run, amount: number): string {
  return `${formatMinor(amount, run.pb.currency)} off the order.`;
}

/** docs/ENGINE.md rule 5 / clarification 18: once per order, capped at and spread over the selected units. */
export function fixedOrder(run: Run, amount: number): BenefitResult {
  selectForBenefit(run);
  const gross = selectedGross(run);
  const currency = run.pb.currency;
  const uncapped = Math.min(amount, gross);
  if (amount > gross) {
    note(
      run,
      `${formatMinor(amount, currency)} off the order, capped at the selected gross of ${formatMinor(gross, currency)}.`,
    );
  } else {
    noteMemo(run, MEMO_FIXED_ORDER, amount, 0, fixedOrderSentence);
  }
  const discount = applyCaps(run, uncapped);
  return { discount, lines: spreadOrderAmount(run, discount) };
}
