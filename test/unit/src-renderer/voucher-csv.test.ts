import { describe, expect, it } from 'vitest';
import { voucherCsv } from '../../../src-renderer/features/reports/voucher-csv';

describe('the gift vouchers report as CSV', () => {
  it('writes each business day in minor units with its voided vouchers, then each currency’s liability and expired balances apart', () => {
    const csv = voucherCsv({
      days: [
        {
          day: '2026-12-06',
          currency: 'EUR',
          soldCount: 2,
          soldAmount: 7500,
          spentAmount: 0,
          voidedCount: 0,
          voidedAmount: 0,
        },
        {
          day: '2026-12-07',
          currency: 'EUR',
          soldCount: 0,
          soldAmount: 0,
          spentAmount: 1000,
          voidedCount: 1,
          voidedAmount: 2500,
        },
      ],
      totals: [
        { currency: 'EUR', openVouchers: 2, outstanding: 6500, expiredVouchers: 1, expiredBalance: 250 },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      'day,currency,sold_count,sold_amount,spent_amount,voided_count,voided_amount',
      '2026-12-06,EUR,2,7500,0,0,0',
      '2026-12-07,EUR,0,0,1000,1,2500',
      '',
      'currency,liability,expired_balance',
      'EUR,6500,250',
      '',
    ]);
  });

  it('still has both headers when nothing was sold', () => {
    expect(voucherCsv({ days: [], totals: [] })).toBe(
      'day,currency,sold_count,sold_amount,spent_amount,voided_count,voided_amount\r\n\r\ncurrency,liability,expired_balance\r\n',
    );
  });
});
