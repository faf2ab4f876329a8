import { formatMinor } from '../../money';
import { cappedLines } from '../output';
import type { Run } from '../run';
import { note } from '../trace';
import type { BasketLine } from '../types';
import type { BenefitResult } from './result';
import { selectForBenefit } from './select';

/** docs/ENGINE.md rule 5: each selected unit gets min(amount, its price). */
export function fixedPerItem(run: Run, amount: number): BenefitResult {
  const units = selectForBenefit(run);
  const { lines, n, scratch } = run.pb;
  let uncapped = 0;
  for (let i = 0; i < n; i++) {
    const perUnit = Math.min(amount, (lines[i] as BasketLine).unitPrice);
    const total = (scratch.count[i] as number) * perUnit;
    scratch.weight[i] = total;
    uncapped += total;
  }
  note(
    run,
    `${formatMinor(amount, run.pb.currency)} off each of ${units} ${units === 1 ? 'unit' : 'units'} ` +
      `(never more than a unit's price) = ${formatMinor(uncapped, run.pb.currency)}.`,
  );
  return cappedLines(run, uncapped);
}
