import type { VatRate } from '../../shared/catalogue/organisation';
import { formatPercent } from './amount-input';

/**
 * The VAT rates a price or product form offers: the organisation's named rates, and the record's own
 * rate when it is none of them (a rate renamed or removed since), so opening a record never changes it.
 */
export function vatChoices(
  rates: readonly VatRate[],
  current: number | null,
  language: string,
): { value: string; label: string }[] {
  const choices = rates.map((r) => ({
    value: String(r.rate),
    label: `${r.name} (${formatPercent(r.rate, language)})`,
  }));
  if (current !== null && !rates.some((r) => r.rate === current)) {
    choices.push({ value: String(current), label: formatPercent(current, language) });
  }
  return choices;
}
