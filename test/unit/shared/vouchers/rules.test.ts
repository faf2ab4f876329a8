import { describe, expect, it } from 'vitest';
import { voucherExpired, voucherExpiry } from '../../../../shared/vouchers/rules';

describe('voucher validity', () => {
  it('runs the given days from the issue time, kept to the second', () => {
    expect(voucherExpiry('2026-12-05T19:30:12.345Z', 1095)).toBe('2029-12-04T19:30:12.000Z');
  });

  it('refuses a voucher from its expiry instant on', () => {
    const at = Date.parse('2029-12-04T19:30:12.000Z');
    expect(voucherExpired('2029-12-04T19:30:12.000Z', at - 1)).toBe(false);
    expect(voucherExpired('2029-12-04T19:30:12.000Z', at)).toBe(true);
  });
});
