import { currencyExponent } from '../../shared/money';

// Typed amounts become integers by their digits, never through a float: "12,5" in EUR is 1250.

const DECIMAL = /^(\d{1,12})(?:[.,](\d*))?$/;

/** Minor units for what staff typed ("12.50", "12,5", "12"), or null if it is not an amount. */
export function parseAmount(text: string, currency: string): number | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const exponent = currencyExponent(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return null;
  const digits = (match[1] ?? '0') + fraction.padEnd(exponent, '0');
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

/** Basis points for a typed percentage ("12.5" → 1250), or null; at most two decimals and 100 %. */
export function parsePercent(text: string): number | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return null;
  const value = Number((match[1] ?? '0') + fraction.padEnd(2, '0'));
  return value <= 10000 ? value : null;
}

/** "12.5" for 1250 bp in English, "12,5" in German. */
export function formatPercent(bp: number, language: string): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return `${whole} %`;
  const fraction = String(rest).padStart(2, '0').replace(/0$/, '');
  return `${whole}${language === 'de' ? ',' : '.'}${fraction} %`;
}

/** Minor units as staff would type them back: 1250 EUR → "12.50", 500 JPY → "500" (parseAmount's inverse). */
export function amountText(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
