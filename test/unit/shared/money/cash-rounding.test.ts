import { describe, expect, it } from 'vitest';
import {
  CASH_ROUNDING_SETTING,
  cashDue,
  cashRoundingStep,
  parseCashRoundingSetting,
  refundCashDue,
  roundCash,
} from '../../../../shared/money/cash-rounding';

describe('cashRoundingStep', () => {
  it('follows the currency when the organisation set nothing', () => {
    expect(cashRoundingStep('CHF', null)).toBe(5);
    expect(cashRoundingStep('CHF', undefined)).toBe(5);
    expect(cashRoundingStep('SEK', null)).toBe(100);
    expect(cashRoundingStep('EUR', null)).toBe(0);
    expect(cashRoundingStep('JPY', null)).toBe(0);
  });

  it('takes the organisation’s setting over the currency’s, 0 turning it off', () => {
    expect(cashRoundingStep('CHF', 0)).toBe(0);
    expect(cashRoundingStep('EUR', 5)).toBe(5);
    expect(cashRoundingStep('CHF', 10)).toBe(10);
  });
});

describe('roundCash', () => {
  it('rounds CHF to the nearest 0.05', () => {
    expect([1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009].map((n) => roundCash(n, 5))).toEqual([
      1000, 1000, 1000, 1005, 1005, 1005, 1005, 1005, 1010, 1010,
    ]);
  });

  it('rounds a tie away from zero, the same for a refund as for a sale', () => {
    expect(roundCash(25, 50)).toBe(50);
    expect(roundCash(-25, 50)).toBe(-50);
    expect(roundCash(1050, 100)).toBe(1100);
    expect(roundCash(-1050, 100)).toBe(-1100);
    expect(roundCash(1049, 100)).toBe(1000);
    expect(roundCash(5, 10)).toBe(10);
  });

  it('rounds negative amounts as the mirror of positive ones', () => {
    for (let n = 3; n < 200; n++) expect(roundCash(-n, 5)).toBe(-roundCash(n, 5));
    expect(roundCash(-1002, 5)).toBe(-1000);
    expect(Object.is(roundCash(-2, 5), 0)).toBe(true);
    expect(roundCash(-1003, 5)).toBe(-1005);
  });

  it('leaves amounts alone without a step', () => {
    expect(roundCash(1003, 0)).toBe(1003);
    expect(roundCash(-1003, 1)).toBe(-1003);
    expect(roundCash(Number.MAX_SAFE_INTEGER, 0)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses an amount that is not a safe integer', () => {
    expect(() => roundCash(10.5, 5)).toThrow(RangeError);
  });
});

describe('cashDue', () => {
  it('gives the cash to take and the adjustment it makes', () => {
    expect(cashDue(2380, 5)).toEqual({ cash: 2380, rounding: 0 });
    expect(cashDue(2382, 5)).toEqual({ cash: 2380, rounding: -2 });
    expect(cashDue(2383, 5)).toEqual({ cash: 2385, rounding: 2 });
    expect(cashDue(2383, 0)).toEqual({ cash: 2383, rounding: 0 });
  });
});

describe('refundCashDue', () => {
  it('gives the whole cash back when a sale is refunded in parts', () => {
    // Two units of 5.03: the sale took 10.05 in cash for 10.06 of goods.
    const first = refundCashDue(503, { value: 0, cash: 0 }, 5, 1005);
    expect(first).toEqual({ cash: 505, rounding: 2 });
    const second = refundCashDue(503, { value: 503, cash: 505 }, 5, 1005 - 505);
    expect(second).toEqual({ cash: 500, rounding: -3 });
    expect(first.cash + second.cash).toBe(1005);
  });

  it('never gives back more than the sale still holds in cash, nor less than nothing', () => {
    expect(refundCashDue(1003, { value: 0, cash: 0 }, 5, 1000)).toEqual({ cash: 1000, rounding: -3 });
    expect(refundCashDue(1, { value: 1000, cash: 1005 }, 5, 0)).toEqual({ cash: 0, rounding: -1 });
  });

  it('gives back exactly the value without a step', () => {
    expect(refundCashDue(503, { value: 100, cash: 100 }, 0, 5000)).toEqual({ cash: 503, rounding: 0 });
  });
});

describe('the setting', () => {
  it('takes null, 0 or a step, and refuses the rest', () => {
    expect(CASH_ROUNDING_SETTING.safeParse(null).success).toBe(true);
    expect(CASH_ROUNDING_SETTING.safeParse(0).success).toBe(true);
    expect(CASH_ROUNDING_SETTING.safeParse(5).success).toBe(true);
    expect(CASH_ROUNDING_SETTING.safeParse(-5).success).toBe(false);
    expect(CASH_ROUNDING_SETTING.safeParse(2.5).success).toBe(false);
    expect(CASH_ROUNDING_SETTING.safeParse(100_001).success).toBe(false);
  });

  it('reads a damaged stored setting as the currency’s rule', () => {
    expect(parseCashRoundingSetting('5')).toBeNull();
    expect(parseCashRoundingSetting(-1)).toBeNull();
    expect(parseCashRoundingSetting(10)).toBe(10);
  });
});
