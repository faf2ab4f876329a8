import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  expandRun,
  isTimeZone,
  MAX_RUN_DAYS,
  PERFORMANCE_RUN_BODY,
  zonedInstant,
  type Run,
  wallTime,
} from '../../../../shared/catalogue/performance-run';

const BERLIN = 'Europe/Berlin';
const EVENT = '00000000-0000-7000-8000-000000000001';

/** The local "YYYY-MM-DD HH:MM" of an instant in a zone, read back through Intl. */
function local(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

describe('zonedInstant', () => {
  it('gives the UTC instant of a wall-clock time in winter and in summer', () => {
    expect(zonedInstant('2031-01-15', '19:30', BERLIN)).toBe('2031-01-15T18:30:00.000Z');
    expect(zonedInstant('2031-07-15', '19:30', BERLIN)).toBe('2031-07-15T17:30:00.000Z');
    expect(zonedInstant('2031-07-15', '19:30', 'UTC')).toBe('2031-07-15T19:30:00.000Z');
    expect(zonedInstant('2031-07-15', '19:30', 'America/New_York')).toBe('2031-07-15T23:30:00.000Z');
    // Across midnight UTC: the local day is the one asked for.
    expect(zonedInstant('2031-07-15', '08:00', 'Pacific/Auckland')).toBe('2031-07-14T20:00:00.000Z');
  });

  it('moves a time in the spring gap forward and takes the first of a time that happens twice', () => {
    // 30 March 2031: Berlin's clocks jump from 02:00 to 03:00.
    expect(zonedInstant('2031-03-30', '02:30', BERLIN)).toBe('2031-03-30T01:30:00.000Z');
    expect(local('2031-03-30T01:30:00.000Z', BERLIN)).toBe('2031-03-30 03:30');
    // 26 October 2031: 02:30 happens first in summer time (00:30Z), then in winter time (01:30Z).
    expect(zonedInstant('2031-10-26', '02:30', BERLIN)).toBe('2031-10-26T00:30:00.000Z');
    expect(zonedInstant('2031-10-26', '03:30', BERLIN)).toBe('2031-10-26T02:30:00.000Z');
  });

  it('reads an instant back as the local day and time it was made from', () => {
    for (const [date, time] of [
      ['2031-01-15', '19:30'],
      ['2031-07-15', '00:15'],
      ['2031-10-26', '02:30'],
    ] as const) {
      expect(wallTime(zonedInstant(date, time, BERLIN), BERLIN)).toEqual({ date, time });
    }
  });

  it('refuses a day that does not exist', () => {
    expect(() => zonedInstant('2031-02-29', '19:30', BERLIN)).toThrow(RangeError);
    expect(dayNumber('2031-04-31')).toBeNull();
    expect(dayNumber('2032-02-29')).not.toBeNull();
  });
});

describe('expandRun', () => {
  const spring: Run = {
    // Tue–Sat evenings and a Saturday matinee, 1 March to 30 April 2031 except 15 April.
    patterns: [
      { weekdays: [2, 3, 4, 5, 6], times: ['19:30'] },
      { weekdays: [6], times: ['14:30'] },
    ],
    from: '2031-03-01',
    to: '2031-04-30',
    except: ['2031-04-15'],
  };

  it('keeps 19:30 local across the daylight saving change, so the UTC instant moves', () => {
    const slots = expandRun(spring, BERLIN);
    const evenings = slots.filter((s) => s.time === '19:30');
    expect(evenings.every((s) => local(s.startsAt, BERLIN) === `${s.date} 19:30`)).toBe(true);
    expect(slots.find((s) => s.date === '2031-03-29' && s.time === '19:30')?.startsAt).toBe(
      '2031-03-29T18:30:00.000Z',
    );
    expect(slots.find((s) => s.date === '2031-04-01')?.startsAt).toBe('2031-04-01T17:30:00.000Z');
  });

  it('makes every pattern on its weekdays, skips the exceptions, and sorts by time', () => {
    const slots = expandRun(spring, BERLIN);
    // Tue–Sat (counted by hand): 21 days in March (1 March is a Saturday); April: 22 minus the 15th (a Tuesday).
    // Saturdays: 5 in March, 4 in April.
    expect(slots.filter((s) => s.time === '19:30')).toHaveLength(21 + 21);
    expect(slots.filter((s) => s.time === '14:30')).toHaveLength(5 + 4);
    expect(slots).toHaveLength(51);
    expect(slots.some((s) => s.date === '2031-04-15')).toBe(false);
    expect(slots.some((s) => s.date === '2031-03-02' || s.date === '2031-03-03')).toBe(false);
    expect(slots[0]).toEqual({ startsAt: '2031-03-01T13:30:00.000Z', date: '2031-03-01', time: '14:30' });
    expect(slots[1]?.time).toBe('19:30');
    const instants = slots.map((s) => s.startsAt);
    expect(instants).toEqual([...instants].sort());
  });

  it('makes one performance of two patterns naming the same day and time', () => {
    const slots = expandRun(
      {
        patterns: [
          { weekdays: [6], times: ['19:30', '14:30'] },
          { weekdays: [6, 7], times: ['19:30'] },
        ],
        from: '2031-03-01',
        to: '2031-03-02',
        except: [],
      },
      BERLIN,
    );
    expect(slots.map((s) => `${s.date} ${s.time}`)).toEqual([
      '2031-03-01 14:30',
      '2031-03-01 19:30',
      '2031-03-02 19:30',
    ]);
  });

  it('is empty when no day of the range has a pattern or every day is excepted', () => {
    const tuesdays = [{ weekdays: [2 as const], times: ['19:30'] }];
    expect(
      expandRun({ patterns: tuesdays, from: '2031-03-05', to: '2031-03-10', except: [] }, BERLIN),
    ).toEqual([]);
    expect(
      expandRun({ patterns: tuesdays, from: '2031-03-04', to: '2031-03-04', except: ['2031-03-04'] }, BERLIN),
    ).toEqual([]);
  });

  it('counts a long run exactly, so the caller can hold it to the limit', () => {
    const daily = { weekdays: [1, 2, 3, 4, 5, 6, 7] as const, times: ['11:00', '15:00', '19:30'] };
    const slots = expandRun(
      {
        patterns: [{ ...daily, weekdays: [...daily.weekdays] }],
        from: '2031-01-01',
        to: '2031-12-31',
        except: [],
      },
      BERLIN,
    );
    expect(slots).toHaveLength(365 * 3);
  });
});

describe('PERFORMANCE_RUN_BODY', () => {
  const body = {
    eventId: EVENT,
    patterns: [{ weekdays: [2], times: ['19:30'] }],
    from: '2031-03-01',
    to: '2031-04-30',
    capacity: 100,
  };

  it('accepts a run and fills in defaults', () => {
    expect(PERFORMANCE_RUN_BODY.parse(body)).toMatchObject({ except: [], status: 'on_sale' });
  });

  it('names the field at fault', () => {
    const paths = (value: unknown) =>
      PERFORMANCE_RUN_BODY.safeParse(value).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ ...body, to: '2031-02-01' })).toEqual(['to']);
    expect(paths({ ...body, to: '2033-12-31' })).toEqual(['to']);
    expect(paths({ ...body, from: '2031-02-30' })).toEqual(['from']);
    expect(paths({ ...body, patterns: [{ weekdays: [], times: ['25:00'] }] })).toEqual([
      'patterns.0.weekdays',
      'patterns.0.times.0',
    ]);
    expect(paths({ ...body, patterns: [] })).toEqual(['patterns']);
    expect(paths({ ...body, except: ['1 April'] })).toEqual(['except.0']);
    expect(MAX_RUN_DAYS).toBeGreaterThan(366);
  });

  it('knows a time zone from a made-up one', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
