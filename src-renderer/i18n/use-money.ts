import { useCallback } from 'react';
import { formatMinor } from '../../shared/money';
import { useLanguage } from './language';

/** Formats integer minor units in the screen's language: "1,234.50" or "1.234,50". */
export function useMoney(): (amount: number, currency: string) => string {
  const language = useLanguage();
  return useCallback((amount, currency) => formatMinor(amount, currency, language), [language]);
}

/** Date and time of an ISO instant in the screen's language. */
export function useDateTime(withYear = false): (iso: string) => string {
  const language = useLanguage();
  return useCallback(
    (iso) =>
      new Date(iso).toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        // A date years away (a voucher's expiry) needs its year; today's screens do not.
        ...(withYear ? { year: 'numeric' } : {}),
        hour: '2-digit',
        minute: '2-digit',
      }),
    [language, withYear],
  );
}

/** Weekday, date and time of an ISO instant in a given time zone (a venue's), in the screen's language. */
export function useZonedDateTime(): (iso: string, timeZone: string) => string {
  const language = useLanguage();
  return useCallback(
    (iso, timeZone) =>
      new Date(iso).toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
    [language],
  );
}
