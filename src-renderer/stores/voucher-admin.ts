import type { VoucherReport, VoucherReportQuery } from '../../shared/reports/vouchers';
import { server } from '../api/admin-host';

// The back office's two gift voucher calls (docs/CASH.md "Gift vouchers"): a terminal's voucher share
// (PUT /v1/terminals/:id/voucher-share, body `voucherShareSchema` of shared/sync/terminal-admin.ts) and
// the vouchers report (GET /v1/reports/vouchers, shapes in shared/reports/vouchers.ts).

export const setVoucherShare = (terminalId: string, percent: number) =>
  server<{ terminalId: string; voucherSharePercent: number }>(
    'PUT',
    `/v1/terminals/${terminalId}/voucher-share`,
    { body: { percent } },
  );

export const voucherReport = (query: Partial<VoucherReportQuery>) =>
  server<VoucherReport>('GET', '/v1/reports/vouchers', { query: { ...query } });
