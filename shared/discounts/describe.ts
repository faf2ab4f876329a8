import { formatMinor } from '../money';
import { formatPercent } from './benefits/percentage';
import type { Benefit } from './types';

/** The benefit in a few words, as the first line of every trace. */
export function describeBenefit(benefit: Benefit, currency: string): string {
  switch (benefit.type) {
    case 'percentage':
      return `${formatPercent(benefit.percent)} off`;
    case 'fixed_order':
      return `${formatMinor(benefit.amount, currency)} off the order`;
    case 'fixed_per_item':
      return `${formatMinor(benefit.amount, currency)} off each unit`;
    case 'specific_price':
      return `replacement prices for ${benefit.prices.length} ${benefit.prices.length === 1 ? 'target' : 'targets'}`;
    case 'buy_x_get_y':
      return `buy ${benefit.buy.qty}, get ${benefit.get.qty} at ${formatPercent(benefit.percent)} off`;
    case 'multi_buy':
      return `multi-buy of ${benefit.groups.length} ${benefit.groups.length === 1 ? 'group' : 'groups'}, ${formatPercent(benefit.percent)} off`;
  }
}
