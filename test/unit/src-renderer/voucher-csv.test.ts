import { describe, expect, it } from 'vitest';
import { voucherCsv } from '../../../src-renderer/features/reports/voucher-csv';

describe('the gift vouchers report as CSV', () => {
  it('writes each day in minor units, then each currency’s liability and expired balances apart', () => {
    const csv = voucherCsv({
      days: [
        { day: '2026-12-06', currency: 'EUR', soldCount: 2, soldAmount: 7500, spentAmount: 0 },
        { day: '2026-12-07', currency: 'EUR', soldCount: 0, soldAmount: 0, spentAmount: 1000 },
      ],
      totals: [
        { currency: 'EUR', openVouchers: 2, outstanding: 6500, expiredVouchers: 1, expiredBalance: 250 },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      'day,currency,sold_count,sold_amount,spent_amount',
      '2026-12-06,EUR,2,7500,0',
      '2026-12-07,EUR,0,0,1000',
      '',
      'currency,liability,expired_balance',
      'EUR,6500,250',
      '',
    ]);
  });

  it('still has both headers when nothing was sold', () => {
    expect(voucherCsv({ days: [], totals: [] })).toBe(
      'day,currency,sold_count,sold_amount,spent_amount\r\n\r\ncurrency,liability,expired_balance\r\n',
    );
  });
});
