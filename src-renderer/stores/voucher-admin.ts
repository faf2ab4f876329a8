import { z } from 'zod';
import { MAX_VOUCHER_SHARE_PERCENT } from '../../shared/vouchers/rules';
import type { TerminalRow } from '../../shared/sync/terminal-admin';
import { server } from '../api/admin-host';

// The back office's two gift voucher calls (docs/CASH.md "Gift vouchers"): a terminal's voucher share and
// the vouchers report. The routes are the server's (PUT /v1/terminals/:id/voucher-share,
// GET /v1/reports/vouchers); the shapes below are what they answer. MERGE NOTE: built before the server
// side existed; once it puts these shapes in shared/, import them from there instead.

/** A terminal row as GET /v1/terminals lists it with the voucher share (0 before the server knows it). */
export type TerminalWithShare = TerminalRow & { voucherSharePercent?: number };

/** The body of PUT /v1/terminals/:id/voucher-share: a whole percent from 0 to 50. */
export const voucherShareSchema = z.strictObject({
  percent: z
    .number()
    .int('percent must be a whole number')
    .min(0, 'percent must be 0 or more')
    .max(MAX_VOUCHER_SHARE_PERCENT, `percent must be at most ${MAX_VOUCHER_SHARE_PERCENT}`),
});

export const setVoucherShare = (terminalId: string, percent: number) =>
  server<{ terminalId: string; voucherSharePercent: number }>(
    'PUT',
    `/v1/terminals/${terminalId}/voucher-share`,
    { body: { percent } },
  );

/** One day of one currency: vouchers sold (count and face value) and the amount spent from vouchers. */
export interface VoucherReportDay {
  day: string;
  currency: string;
  soldCount: number;
  soldAmount: number;
  spentAmount: number;
}

/** Per currency: what valid vouchers still owe (liability), and what expired ones held (never takings). */
export interface VoucherReportTotals {
  currency: string;
  liability: number;
  expiredBalance: number;
}

export interface VoucherReport {
  days: VoucherReportDay[];
  totals: VoucherReportTotals[];
}

export const voucherReport = (query: { from?: string; to?: string }) =>
  server<VoucherReport>('GET', '/v1/reports/vouchers', { query: { ...query } });
