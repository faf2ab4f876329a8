import type { Language } from './ipc/types';

// Dates on paper (receipts, Z reports, tickets, PDF tickets) in the venue's time zone, one format for all:
// a ticket and the receipt it came with must show the same wall-clock time.

// Building an Intl formatter costs far more than using one, and a job of tickets formats the same
// zone again and again.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/** "21.11.2026 11:00" / "21/11/2026 11:00": 16 characters, fits 58 mm paper. */
export function printedDateTime(iso: string, timeZone: string, language: Language): string {
  const parts = formatter(`dt|${timeZone}`, 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const sep = language === 'de' ? '.' : '/';
  return `${part('day')}${sep}${part('month')}${sep}${part('year')} ${part('hour')}:${part('minute')}`;
}

/** The weekday of the instant at the venue, abbreviated: "Sat" / "Sa". */
export function printedWeekday(iso: string, timeZone: string, language: Language): string {
  return formatter(`wd|${language}|${timeZone}`, language === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'short',
    timeZone,
  })
    .format(new Date(iso))
    .replace(/\.$/, '');
}
