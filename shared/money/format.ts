import { currencyExponent } from './currencies';

// Formats from the integer's digits rather than through Intl and a float: exact for every safe integer
// and identical in every runtime. German uses a decimal comma and dot grouping; other locales use the
// English style until the product supports them.

const SEPARATORS = {
  en: { decimal: '.', group: ',' },
  de: { decimal: ',', group: '.' },
} as const;

/** "12.50" for (1250, 'EUR', 'en'), "1.234,500" for (1234500, 'KWD', 'de'), "1,250" for (1250, 'JPY'). */
export function formatMinor(amount: number, currency: string, locale = 'en'): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
  const exponent = currencyExponent(currency);
  const { decimal, group } =
    locale === 'en' || !locale.toLowerCase().startsWith('de') ? SEPARATORS.en : SEPARATORS.de;
  const abs = Math.abs(amount);
  // Fast path for the common case of amounts below 1,000 major units (no grouping).
  if (exponent === 2 && abs < 100_000) {
    const cents = abs % 100;
    return `${amount < 0 ? '-' : ''}${(abs - cents) / 100}${decimal}${cents < 10 ? '0' : ''}${cents}`;
  }
  const digits = String(abs).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  let grouped = '';
  for (let end = whole.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    grouped = whole.slice(start, end) + (grouped === '' ? '' : group + grouped);
  }
  const sign = amount < 0 ? '-' : '';
  return exponent === 0 ? sign + grouped : sign + grouped + decimal + fraction;
}
