import { describe, expect, it } from 'vitest';
import type { SalesByPerformanceRow } from '../../../shared/reports/sales';
import { totalsByCurrency } from '../../../src-renderer/features/reports/sales-totals';

const row = (currency: string, ticketsSold: number, gross: number, discount = 0, refunded = 0) =>
  ({
    currency,
    ticketsSold,
    ticketsRefunded: refunded > 0 ? 1 : 0,
    gross,
    discount,
    refunded,
    net: gross - discount - refunded,
  }) as SalesByPerformanceRow;

describe('totalsByCurrency (the sales report’s totals row)', () => {
  it('adds every figure up per currency and never across currencies', () => {
    const totals = totalsByCurrency([
      row('EUR', 53, 106_000),
      row('CHF', 3, 9_000, 300),
      row('EUR', 2, 4_000, 500, 1_750),
    ]);
    expect(totals).toEqual([
      [
        'EUR',
        { ticketsSold: 55, ticketsRefunded: 1, gross: 110_000, discount: 500, refunded: 1_750, net: 107_750 },
      ],
      ['CHF', { ticketsSold: 3, ticketsRefunded: 0, gross: 9_000, discount: 300, refunded: 0, net: 8_700 }],
    ]);
  });

  it('has no totals for no rows', () => {
    expect(totalsByCurrency([])).toEqual([]);
  });
});
