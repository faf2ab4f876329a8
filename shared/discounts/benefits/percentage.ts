import { formatMinor, mulDivRoundHalfUp } from '../../money';
import { FULL_PERCENT } from '../limits';
import { applyCaps, spreadOrderAmount } from '../output';
import type { Run } from '../run';
import { MEMO_PERCENTAGE, noteMemo } from '../trace';
import type { BasketLine } from '../types';
import { selectForBenefit } from './select';
import type { BenefitResult } from './result';

/**
 * docs/ENGINE.md rule 4: one rounding on the order's selected gross, not per line (20 % on 195.00 = 39.00).
 */
export function percentage(run: Run, percent: number): BenefitResult {
  selectForBenefit(run);
  const gross = selectedGross(run);
  const amount = mulDivRoundHalfUp(percent, gross, FULL_PERCENT);
  noteMemo(run, MEMO_PERCENTAGE, gross, percent, percentageSentence);
  const discount = applyCaps(run, amount);
  return { discount, lines: spreadOrderAmount(run, discount) };
}

function percentageSentence(run: Run, gross: number, percent: number): string {
  const { currency } = run.pb;
  const amount = mulDivRoundHalfUp(percent, gross, FULL_PERCENT);
  return `${formatPercent(percent)} of ${formatMinor(gross, currency)} = ${formatMinor(amount, currency)}.`;
}

export function selectedGross(run: Run): number {
  const { lines, n, scratch } = run.pb;
  let gross = 0;
  for (let i = 0; i < n; i++) gross += (scratch.count[i] as number) * (lines[i] as BasketLine).unitPrice;
  return gross;
}

/** Basis points for people: 2000 → "20%", 1250 → "12.5%" (display only, never money). */
export function formatPercent(percent: number): string {
  return `${percent / 100}%`;
}
