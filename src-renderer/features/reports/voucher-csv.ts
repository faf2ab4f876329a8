import type { VoucherReport } from '../../../shared/reports/vouchers';

/**
 * The report's rows as CSV (each day a business day; voided vouchers counted on the day of their void), in minor units like the other reports' exports. Built here from the rows on
 * screen: every cell is a day, a currency code or an integer, so none needs quoting or formula escaping.
 */
export function voucherCsv(report: VoucherReport): string {
  const lines = [
    ['day', 'currency', 'sold_count', 'sold_amount', 'spent_amount', 'voided_count', 'voided_amount'],
    ...report.days.map((d) => [
      d.day,
      d.currency,
      d.soldCount,
      d.soldAmount,
      d.spentAmount,
      d.voidedCount,
      d.voidedAmount,
    ]),
    [],
    ['currency', 'liability', 'expired_balance'],
    ...report.totals.map((x) => [x.currency, x.outstanding, x.expiredBalance]),
  ];
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}
