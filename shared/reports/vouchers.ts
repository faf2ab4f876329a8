import { z } from 'zod';
import { dateRange } from './filters';

// GET /v1/reports/vouchers (docs/CASH.md "Gift vouchers", docs/REPORTS.md). Money in minor units of
// `currency`; days are UTC calendar days.

export const voucherReportQuerySchema = z.strictObject(dateRange);
export type VoucherReportQuery = z.infer<typeof voucherReportQuerySchema>;

/** One UTC day and currency: vouchers sold (issued by a pushed sale) and the balance spent that day. */
export interface VoucherDayRow {
  day: string;
  currency: string;
  soldCount: number;
  soldAmount: number;
  /** Balance taken by voucher payments of sales made that day, less what their refunds gave back. */
  spentAmount: number;
}

/**
 * Per currency, now (not bounded by from/to): the outstanding liability, the balances of active
 * vouchers not yet expired, and the balances left on expired ones, never counted as takings.
 */
export interface VoucherTotalsRow {
  currency: string;
  openVouchers: number;
  outstanding: number;
  expiredVouchers: number;
  expiredBalance: number;
}

export interface VoucherReport {
  days: VoucherDayRow[];
  totals: VoucherTotalsRow[];
}
