import type { SalesByPerformanceRow } from '../../../shared/reports/sales';

// The totals row of sales by performance.

export type Sums = Pick<
  SalesByPerformanceRow,
  'ticketsSold' | 'ticketsRefunded' | 'gross' | 'discount' | 'refunded' | 'net'
>;
const SUMMED = ['ticketsSold', 'ticketsRefunded', 'gross', 'discount', 'refunded', 'net'] as const;

/** The rows' sums per currency: amounts in different currencies are never added up. */
export function totalsByCurrency(rows: readonly SalesByPerformanceRow[]): [string, Sums][] {
  const totals = new Map<string, Sums>();
  for (const row of rows) {
    const sums = totals.get(row.currency) ?? {
      ticketsSold: 0,
      ticketsRefunded: 0,
      gross: 0,
      discount: 0,
      refunded: 0,
      net: 0,
    };
    for (const key of SUMMED) sums[key] += row[key];
    totals.set(row.currency, sums);
  }
  return [...totals];
}
