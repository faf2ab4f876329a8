// The business day (shared/sync/DECISIONS.md) runs from 04:00 to 04:00 local time, when a box office is
// closed everywhere: leases end with it, and overuse caps (docs/SECURITY.md) count grants per business day.
// Computed with Intl so daylight-saving changes land on the right hour.

/** The local hour a business day ends and the next begins. */
export const BUSINESS_DAY_HOUR = 4;
const END_HOUR = BUSINESS_DAY_HOUR;

function zonedParts(at: number, timeZone: string): number[] {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = zonedParts(at, timeZone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(at / 1000) * 1000;
}

/** The instant the zone's wall clock shows y-m-d h:00 (days may overflow, as Date.UTC allows). */
function wallClockToInstant(y: number, m: number, d: number, h: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, h);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** The zone itself, or UTC for one Intl does not know. */
export function knownZone(timeZone: string): string {
  try {
    zonedParts(0, timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** The venue's next 04:00 after `now`; an unknown time zone counts as UTC. */
export function nextBusinessDayEnd(now: Date, timeZone: string): Date {
  const zone = knownZone(timeZone);
  const [y = 0, m = 1, d = 1, h = 0] = zonedParts(now.getTime(), zone);
  let end = wallClockToInstant(y, m, h >= END_HOUR ? d + 1 : d, END_HOUR, zone);
  if (end <= now.getTime()) end = wallClockToInstant(y, m, d + 1, END_HOUR, zone);
  return new Date(end);
}

/** The business day `now` falls in: from the last 04:00 local time (inclusive) to the next (exclusive). */
export function businessDayOf(now: Date, timeZone: string): { start: Date; end: Date } {
  const zone = knownZone(timeZone);
  const end = nextBusinessDayEnd(now, zone);
  const [y = 0, m = 1, d = 1] = zonedParts(end.getTime(), zone);
  return { start: new Date(wallClockToInstant(y, m, d - 1, END_HOUR, zone)), end };
}

/**
 * The business day holding `at`, named as the reports name it: the local date it begins on (YYYY-MM-DD),
 * so a sale at 01:30 on the 7th is in the business day "2026-12-06". The server's SQL twin is
 * `businessDateSql` (src-server/db/business-day.ts).
 */
export function businessDateOf(at: Date, timeZone: string): string {
  const zone = knownZone(timeZone);
  const [y = 0, m = 1, d = 1] = zonedParts(businessDayOf(at, zone).start.getTime(), zone);
  return [y, m, d].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');
}
