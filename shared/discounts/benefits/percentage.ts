import { formatMinor, mulDivRoundHalfUp } from '../../money';
import { FULL_PERCENT } from '../limits';
import { applyCaps, spreadOrderAmount } from '../output';
import { note, type Run } from '../run';
import type { BasketLine } from '../types';
import { selectForBenefit } from './select';
import type { BenefitResult } from './result';

/** Rule 4: one rounding on the order's selected gross, not per line (20 % on 195.00 = 39.00). */
export function percentage(run: Run, percent: number): BenefitResult {
  selectForBenefit(run);
  const gross = selectedGross(run);
  const amount = mulDivRoundHalfUp(percent, gross, FULL_PERCENT);
  const currency = run.pb.currency;
  note(
    run,
    `${formatPercent(percent)} of ${formatMinor(gross, currency)} = ${formatMinor(amount, currency)}.`,
  );
  const discount = applyCaps(run, amount);
  return { discount, lines: spreadOrderAmount(run, discount) };
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
