import type { Benefit } from '../../../shared/discounts';
import type { Language } from '../../../shared/ipc/types';
import type { MessageKey } from '../../i18n/messages';
import { formatPercent } from '../../lib/amount-input';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A code's benefit in a few words for the list, e.g. "20 % off" or "Buy 2, get 1 at 100 % off". */
export function benefitSummary(
  benefit: Benefit,
  t: T,
  language: Language,
  money: (amount: number) => string,
): string {
  switch (benefit.type) {
    case 'percentage':
      return t('manage.benefit.percentOff', { percent: formatPercent(benefit.percent, language) });
    case 'fixed_order':
      return t('manage.benefit.orderOff', { amount: money(benefit.amount) });
    case 'fixed_per_item':
      return t('manage.benefit.itemOff', { amount: money(benefit.amount) });
    case 'specific_price':
      return t('manage.benefit.prices', { count: benefit.prices.length });
    case 'buy_x_get_y':
      return t('manage.benefit.bxgy', {
        buy: benefit.buy.qty,
        get: benefit.get.qty,
        percent: formatPercent(benefit.percent, language),
      });
    case 'multi_buy':
      return t('manage.benefit.multi', {
        groups: benefit.groups.map((g) => g.qty).join(' + '),
        percent: formatPercent(benefit.percent, language),
      });
  }
}
