import { useCallback } from 'react';
import { formatMinor } from '../../shared/money';
import { useLanguage } from './language';

/** Formats integer minor units in the screen's language: "1,234.50" or "1.234,50". */
export function useMoney(): (amount: number, currency: string) => string {
  const language = useLanguage();
  return useCallback((amount, currency) => formatMinor(amount, currency, language), [language]);
}

/** Date and time of an ISO instant in the screen's language. */
export function useDateTime(): (iso: string) => string {
  const language = useLanguage();
  return useCallback(
    (iso) =>
      new Date(iso).toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }),
    [language],
  );
}
