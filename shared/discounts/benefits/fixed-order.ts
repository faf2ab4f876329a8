import { formatMinor } from '../../money';
import { applyCaps, spreadOrderAmount } from '../output';
import { note, type Run } from '../run';
import { selectedGross } from './percentage';
import type { BenefitResult } from './result';
import { selectForBenefit } from './select';

/** Rule 5 / clarification 18: once per order, capped at and spread over the selected units. */
export function fixedOrder(run: Run, amount: number): BenefitResult {
  selectForBenefit(run);
  const gross = selectedGross(run);
  const currency = run.pb.currency;
  const uncapped = Math.min(amount, gross);
  note(
    run,
    amount > gross
      ? `${formatMinor(amount, currency)} off the order, capped at the selected gross of ${formatMinor(gross, currency)}.`
      : `${formatMinor(amount, currency)} off the order.`,
  );
  const discount = applyCaps(run, uncapped);
  return { discount, lines: spreadOrderAmount(run, discount) };
}
