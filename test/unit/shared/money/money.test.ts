import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  divRoundHalfUp,
  formatMinor,
  isKnownCurrency,
  isMinor,
  knownCurrencies,
  mulDivRoundHalfUp,
} from '../../../../shared/money';

describe('currencyExponent', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['CLP', 0],
    ['EUR', 2],
    ['USD', 2],
    ['GBP', 2],
    ['CHF', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['OMR', 3],
    ['JOD', 3],
    ['TND', 3],
  ])('gives %s %i decimals', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it('throws for an unknown currency', () => {
    expect(() => currencyExponent('XYZ')).toThrow(RangeError);
  });
});

describe('isKnownCurrency', () => {
  it('accepts upper-case ISO codes only', () => {
    expect(isKnownCurrency('EUR')).toBe(true);
    expect(isKnownCurrency('eur')).toBe(false);
    expect(isKnownCurrency('EURO')).toBe(false);
    expect(isKnownCurrency(978)).toBe(false);
  });

  it('knows well over a hundred currencies', () => {
    expect(knownCurrencies().length).toBeGreaterThan(140);
    expect(knownCurrencies()).toContain('KWD');
  });
});

describe('formatMinor', () => {
  it('formats cents with two decimals', () => {
    expect(formatMinor(1250, 'EUR')).toBe('12.50');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(0, 'EUR')).toBe('0.00');
  });

  it('groups thousands', () => {
    expect(formatMinor(123456789, 'EUR')).toBe('1,234,567.89');
    expect(formatMinor(100000, 'USD')).toBe('1,000.00');
  });

  it('uses German separators for de', () => {
    expect(formatMinor(123456789, 'EUR', 'de')).toBe('1.234.567,89');
    expect(formatMinor(1250, 'EUR', 'de-DE')).toBe('12,50');
  });

  it('prints no decimals for JPY and three for KWD', () => {
    expect(formatMinor(1250, 'JPY')).toBe('1,250');
    expect(formatMinor(1250, 'KWD')).toBe('1.250');
    expect(formatMinor(5, 'KWD')).toBe('0.005');
    expect(formatMinor(1234500, 'KWD', 'de')).toBe('1.234,500');
  });

  it('keeps the sign of negative amounts', () => {
    expect(formatMinor(-1250, 'EUR')).toBe('-12.50');
    expect(formatMinor(-123456, 'EUR')).toBe('-1,234.56');
  });

  it('is exact at the top of the safe range', () => {
    expect(formatMinor(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('90,071,992,547,409.91');
  });

  it('refuses a float', () => {
    expect(() => formatMinor(12.5, 'EUR')).toThrow(RangeError);
  });
});

describe('divRoundHalfUp', () => {
  it('rounds halves up', () => {
    expect(divRoundHalfUp(5, 2)).toBe(3);
    expect(divRoundHalfUp(4, 2)).toBe(2);
    expect(divRoundHalfUp(149, 100)).toBe(1);
    expect(divRoundHalfUp(150, 100)).toBe(2);
  });

  it('is exact near the safe-integer limit', () => {
    expect(divRoundHalfUp(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(divRoundHalfUp(Number.MAX_SAFE_INTEGER, 2)).toBe(4503599627370496);
  });

  it('rejects negative or fractional input', () => {
    expect(() => divRoundHalfUp(-1, 2)).toThrow(RangeError);
    expect(() => divRoundHalfUp(1.5, 2)).toThrow(RangeError);
    expect(() => divRoundHalfUp(1, 0)).toThrow(RangeError);
  });
});

describe('mulDivRoundHalfUp', () => {
  it('computes 20 % of 195.00 as 39.00', () => {
    expect(mulDivRoundHalfUp(2000, 19500, 10000)).toBe(3900);
  });

  it('rounds half up once', () => {
    expect(mulDivRoundHalfUp(1500, 5997, 10000)).toBe(900);
    expect(mulDivRoundHalfUp(1, 5, 10)).toBe(1);
    expect(mulDivRoundHalfUp(1, 4, 10)).toBe(0);
  });

  it('stays exact when the product leaves the safe range', () => {
    const a = 9_000_000_000_000;
    expect(mulDivRoundHalfUp(a, 10000, 10000)).toBe(a);
    expect(mulDivRoundHalfUp(a, 3333, 10000)).toBe(2_999_700_000_000);
  });

  it('throws when the result does not fit', () => {
    expect(() => mulDivRoundHalfUp(Number.MAX_SAFE_INTEGER, 10, 1)).toThrow(RangeError);
  });
});

describe('isMinor', () => {
  it('accepts only safe non-negative integers', () => {
    expect(isMinor(0)).toBe(true);
    expect(isMinor(12)).toBe(true);
    expect(isMinor(-1)).toBe(false);
    expect(isMinor(1.5)).toBe(false);
    expect(isMinor(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isMinor('12')).toBe(false);
  });
});
