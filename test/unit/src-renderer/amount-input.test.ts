import { describe, expect, it } from 'vitest';
import { amountText, formatPercent, parseAmount, parsePercent } from '../../../src-renderer/lib/amount-input';

describe('parseAmount', () => {
  it('reads typed amounts as integer minor units by their digits', () => {
    expect(parseAmount('12.50', 'EUR')).toBe(1250);
    expect(parseAmount('12,5', 'EUR')).toBe(1250);
    expect(parseAmount(' 100 ', 'EUR')).toBe(10_000);
    expect(parseAmount('0.07', 'EUR')).toBe(7);
    expect(parseAmount('1.1', 'EUR')).toBe(110);
  });

  it('follows the currency exponent', () => {
    expect(parseAmount('1250', 'JPY')).toBe(1250);
    expect(parseAmount('1.5', 'JPY')).toBeNull();
    expect(parseAmount('1.234', 'KWD')).toBe(1234);
    expect(parseAmount('1.2345', 'KWD')).toBeNull();
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '1OO', '-5', '1.2.3', '1,234.50', '12.505'])
      expect(parseAmount(text, 'EUR')).toBeNull();
  });
});

describe('parsePercent', () => {
  it('reads percentages as basis points, at most 100 %', () => {
    expect(parsePercent('20')).toBe(2000);
    expect(parsePercent('12,5')).toBe(1250);
    expect(parsePercent('0.01')).toBe(1);
    expect(parsePercent('100')).toBe(10_000);
    expect(parsePercent('100.01')).toBeNull();
    expect(parsePercent('1.234')).toBeNull();
  });

  it('formats basis points in the UI language', () => {
    expect(formatPercent(1000, 'en')).toBe('10 %');
    expect(formatPercent(1250, 'de')).toBe('12,5 %');
    expect(formatPercent(1205, 'en')).toBe('12.05 %');
  });
});

describe('amountText', () => {
  it('writes minor units as they are typed, and parseAmount reads them back', () => {
    expect(amountText(1250, 'EUR')).toBe('12.50');
    expect(amountText(5, 'EUR')).toBe('0.05');
    expect(amountText(0, 'EUR')).toBe('0.00');
    expect(amountText(500, 'JPY')).toBe('500');
    for (const [minor, currency] of [
      [123456, 'EUR'],
      [7, 'BHD'],
      [900, 'JPY'],
    ] as const) {
      expect(parseAmount(amountText(minor, currency), currency)).toBe(minor);
    }
  });
});
