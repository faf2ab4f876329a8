import { z } from 'zod';
import { text } from '../text';

// A run of performances: "Tue–Sat 19:30 and Sat 14:30 from 1 March to 30 April, except 14 April". The
// server creates exactly what the back office previewed because both expand the run with this one pure
// function. Times are wall-clock times at the venue: 19:30 stays 19:30 local on both sides of a daylight
// saving change, so the UTC instant moves by an hour instead. Only Intl is used (no time-zone library).

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** The most performances one run may create; a bigger run is split into several. */
export const MAX_RUN_PERFORMANCES = 500;

/** The longest date range of one run, in days (first and last day included). */
export const MAX_RUN_DAYS = 732;

export interface RunPattern {
  /** ISO weekdays (Weekday); numbers, as the API's JSON carries them. */
  weekdays: readonly number[];
  /** Local times "HH:MM", 24-hour clock. */
  times: string[];
}

export interface Run {
  patterns: RunPattern[];
  /** First and last day of the run, "YYYY-MM-DD", both included. */
  from: string;
  to: string;
  /** Days without a performance, "YYYY-MM-DD". */
  except: string[];
}

export interface RunSlot {
  /** The instant of curtain-up, ISO with Z. */
  startsAt: string;
  /** The local day and time it was made from. */
  date: string;
  time: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD" (which must exist), or null. */
export function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 31 April over to 1 May: such a day does not exist.
  return new Date(ms).getUTCDate() === d && new Date(ms).getUTCMonth() === mo - 1 ? ms / DAY_MS : null;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** True when `zone` is an IANA time zone this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time at `ms` in `zone`, as if it were UTC (milliseconds, whole seconds). */
function wallClock(ms: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = Number(p.value);
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (Berlin in summer: +7 200 000). */
function offsetAt(ms: number, zone: string): number {
  return wallClock(ms, zone) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `zone` names. As Temporal's "compatible" choice: a time that
 * happens twice (the autumn change) is its first occurrence, a time that does not exist (the spring
 * gap, 02:30 in Berlin) moves forward by the gap (03:30 summer time).
 */
export function zonedInstant(date: string, time: string, zone: string): string {
  const day = dayNumber(date);
  const t = TIME.exec(time);
  if (day === null || !t) throw new RangeError(`not a day and time: ${date} ${time}`);
  const wall = day * DAY_MS + (Number(t[1]) * 60 + Number(t[2])) * 60_000;
  // A zone changes its offset at most once within a day around the time asked for.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const fits = [wall - before, wall - after].filter((ms) => wallClock(ms, zone) === wall);
  const ms = fits.length > 0 ? Math.min(...fits) : wall - before;
  return new Date(ms).toISOString();
}

/** The local day and time ("YYYY-MM-DD", "HH:MM") of an instant in `zone`: zonedInstant's inverse. */
export function wallTime(iso: string, zone: string): { date: string; time: string } {
  const local = new Date(wallClock(Date.parse(iso), zone)).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

/**
 * Every performance of a run, in time order, one per distinct instant (two patterns naming the same
 * day and time make one performance). Excepted days and days no pattern names have none.
 */
export function expandRun(run: Run, zone: string): RunSlot[] {
  const first = dayNumber(run.from);
  const last = dayNumber(run.to);
  if (first === null || last === null) throw new RangeError(`not a date range: ${run.from}–${run.to}`);
  const except = new Set(run.except);
  const slots = new Map<string, RunSlot>();
  for (let day = first; day <= last; day += 1) {
    const date = dateOf(day);
    if (except.has(date)) continue;
    // 1970-01-01 was a Thursday (ISO weekday 4).
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
    for (const pattern of run.patterns) {
      if (!pattern.weekdays.includes(weekday)) continue;
      for (const time of pattern.times) {
        const startsAt = zonedInstant(date, time, zone);
        if (!slots.has(startsAt)) slots.set(startsAt, { startsAt, date, time });
      }
    }
  }
  return [...slots.values()].sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
}

// The run as the admin API accepts it and the back office's form checks it.

const isoDate = text().refine((d) => dayNumber(d) !== null, 'a date such as 2031-03-01');

export const RUN_PATTERN = z.strictObject({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1, 'tick at least one day of the week').max(7),
  times: z.array(text().regex(TIME, 'a time such as 19:30')).min(1, 'give at least one time').max(12),
});

export const PERFORMANCE_RUN_BODY = z
  .strictObject({
    eventId: z.uuid(),
    patterns: z.array(RUN_PATTERN).min(1, 'add at least one pattern').max(10),
    from: isoDate,
    to: isoDate,
    except: z.array(isoDate).max(MAX_RUN_DAYS).default([]),
    capacity: z.number().int().min(0).max(1_000_000),
    status: z.enum(['on_sale', 'off_sale', 'cancelled']).default('on_sale'),
  })
  .superRefine((run, issue) => {
    const first = dayNumber(run.from);
    const last = dayNumber(run.to);
    if (first === null || last === null) return;
    if (last < first) {
      issue.addIssue({ code: 'custom', path: ['to'], message: 'the last day comes before the first' });
    } else if (last - first + 1 > MAX_RUN_DAYS) {
      issue.addIssue({
        code: 'custom',
        path: ['to'],
        message: `a run spans at most ${MAX_RUN_DAYS} days: split it into several runs`,
      });
    }
  });

export type PerformanceRunInput = z.input<typeof PERFORMANCE_RUN_BODY>;
export type PerformanceRunBody = z.output<typeof PERFORMANCE_RUN_BODY>;

export function tooManyMessage(count: number): string {
  return `This run makes ${count} performances; one run makes at most ${MAX_RUN_PERFORMANCES}. Shorten the date range or split it into several runs.`;
}
