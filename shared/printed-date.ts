import type { Language } from './ipc/types';

// Dates on paper (receipts, Z reports, tickets, PDF tickets) in the venue's time zone, one format for all:
// a ticket and the receipt it came with must show the same wall-clock time.

function parts(iso: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const found = new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).formatToParts(new Date(iso));
  return (type: Intl.DateTimeFormatPartTypes) => found.find((p) => p.type === type)?.value ?? '';
}

/** "21.11.2026 11:00" / "21/11/2026 11:00": 16 characters, fits 58 mm paper. */
export function printedDateTime(iso: string, timeZone: string, language: Language): string {
  const part = parts(iso, timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const sep = language === 'de' ? '.' : '/';
  return `${part('day')}${sep}${part('month')}${sep}${part('year')} ${part('hour')}:${part('minute')}`;
}

/** The weekday of the instant at the venue, abbreviated: "Sat" / "Sa". */
export function printedWeekday(iso: string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { weekday: 'short', timeZone })
    .format(new Date(iso))
    .replace(/\.$/, '');
}
