import { formatMinor } from '../../money';
import { cappedLines } from '../output';
import type { Run } from '../run';
import { MEMO_SPECIFIC_PRICE, noteMemo } from '../trace';
import type { BasketLine } from '../types';
import type { BenefitResult } from './result';
import { selectForBenefit } from './select';

/** docs/ENGINE.md rule 5: a matching unit sells at its replacement price: max(0, price − replacement) off. */
export function specificPrice(run: Run): BenefitResult {
  const units = selectForBenefit(run);
  const { lines, n, scratch } = run.pb;
  let uncapped = 0;
  for (let i = 0; i < n; i++) {
    const count = scratch.count[i] as number;
    const perUnit =
      count > 0 ? Math.max(0, (lines[i] as BasketLine).unitPrice - (scratch.amount[i] as number)) : 0;
    scratch.weight[i] = count * perUnit;
    uncapped += count * perUnit;
  }
  noteMemo(run, MEMO_SPECIFIC_PRICE, uncapped, units, savingSentence);
  return cappedLines(run, uncapped);
}

function savingSentence(run: Run, uncapped: number, units: number): string {
  return `Replacement prices on ${units} ${units === 1 ? 'unit' : 'units'} save ${formatMinor(uncapped, run.pb.currency)}.`;
}
