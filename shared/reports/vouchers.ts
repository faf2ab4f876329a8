import { z } from 'zod';
import { dateRange } from './filters';

// GET /v1/reports/vouchers (docs/CASH.md "Gift vouchers", docs/REPORTS.md). Money in minor units of
// `currency`; days are the organisation's business days (04:00 to 04:00 in its time zone, named by the
// date they begin on: businessDateOf in shared/business-day.ts).

export const voucherReportQuerySchema = z.strictObject(dateRange);
export type VoucherReportQuery = z.infer<typeof voucherReportQuerySchema>;

/**
 * One business day and currency: vouchers sold (issued by a pushed sale, or a refund's credit voucher,
 * docs/CASH.md "Refunds onto a voucher"), the balance spent, and the vouchers voided that day. A voided
 * voucher stays in `sold` on the day it was sold (it was sold), and is counted again in `voided` on the
 * day of its void, so sold − spent − voided is how the day moved the liability (expiry aside).
 */
export interface VoucherDayRow {
  day: string;
  currency: string;
  soldCount: number;
  soldAmount: number;
  /** Balance taken by voucher payments of sales made that day, less what their refunds gave back. */
  spentAmount: number;
  /** Vouchers voided that day (their sale refunded or voided): they can no longer pay. */
  voidedCount: number;
  /** The balance they still held: what the void took off the liability. */
  voidedAmount: number;
}

/**
 * Per currency, now (not bounded by from/to): the outstanding liability, the balances of active
 * vouchers not yet expired, and the balances left on expired ones, never counted as takings. A voided
 * voucher is in neither: it owes nothing.
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
