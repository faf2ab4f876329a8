import { describe, expect, it } from 'vitest';
import { businessDayOf } from '../../../../shared/business-day';
import { checkOveruseCap } from '../../../../shared/auth/overuse-cap';
import { grantExcess, type Grant } from '../../../../shared/auth/permissions';

describe('checkOveruseCap', () => {
  it('allows grants below the cap and any number without one', () => {
    expect(checkOveruseCap(3, 0, 'Sue')).toEqual({ ok: true });
    expect(checkOveruseCap(3, 2, 'Sue')).toEqual({ ok: true });
    expect(checkOveruseCap(null, 10_000, 'Sue')).toEqual({ ok: true });
  });

  it('refuses at the cap with the cap, the count and whom to ask, in English and German', () => {
    expect(checkOveruseCap(3, 3, 'Sue')).toEqual({
      ok: false,
      message: {
        en: 'Sue has granted 3 overuses this business day, and their role allows 3 a day: ask a manager to grant this one.',
        de:
          'Sue hat an diesem Geschäftstag schon 3 Überschreitungen freigegeben, und die Rolle erlaubt 3 pro Tag: ' +
          'Bitte eine Leitung, diese freizugeben.',
      },
    });
    const one = checkOveruseCap(1, 1, 'Sue');
    expect(one.ok === false && one.message.en).toMatch(/granted 1 overuse this/);
    expect(one.ok === false && one.message.de).toMatch(/1 Überschreitung freigegeben/);
    const zero = checkOveruseCap(0, 0, 'Sue');
    expect(zero.ok === false && zero.message.en).toMatch(/granted 0 overuses .* allows 0 a day/);
  });
});

describe('grantExcess with overuse caps', () => {
  const grant = (overuseCap: number | null): Grant => ({
    permissions: ['overuse.grant'],
    customDiscountCeiling: { percent: 0, amount: 0 },
    overuseCap,
  });

  it('lets a granter hand out their own cap or less, and no cap only without one', () => {
    expect(grantExcess(grant(5), grant(5))).toEqual([]);
    expect(grantExcess(grant(5), grant(0))).toEqual([]);
    expect(grantExcess(grant(null), grant(null))).toEqual([]);
    expect(grantExcess(grant(null), grant(100))).toEqual([]);
  });

  it('names a higher cap, or none, as excess', () => {
    expect(grantExcess(grant(5), grant(6))).toEqual(['an overuse cap of 6 a day (yours is 5 a day)']);
    expect(grantExcess(grant(5), grant(null))).toEqual(['no overuse cap (yours is 5 a day)']);
  });
});

describe('businessDayOf', () => {
  const day = (iso: string, zone: string) => {
    const { start, end } = businessDayOf(new Date(iso), zone);
    return [start.toISOString(), end.toISOString()];
  };

  it('runs from 04:00 to 04:00 local time, a 04:00 itself opening the day', () => {
    expect(day('2026-07-01T12:00:00Z', 'Europe/Berlin')).toEqual([
      '2026-07-01T02:00:00.000Z',
      '2026-07-02T02:00:00.000Z',
    ]);
    expect(day('2026-07-01T01:59:59Z', 'Europe/Berlin')).toEqual([
      '2026-06-30T02:00:00.000Z',
      '2026-07-01T02:00:00.000Z',
    ]);
    expect(day('2026-07-01T02:00:00Z', 'Europe/Berlin')[0]).toBe('2026-07-01T02:00:00.000Z');
  });

  it('is 23 hours long on the night clocks go forward, and treats an unknown zone as UTC', () => {
    expect(day('2026-03-28T12:00:00Z', 'Europe/Berlin')).toEqual([
      '2026-03-28T03:00:00.000Z',
      '2026-03-29T02:00:00.000Z',
    ]);
    expect(day('2026-07-01T12:00:00Z', 'Nowhere/Zone')).toEqual([
      '2026-07-01T04:00:00.000Z',
      '2026-07-02T04:00:00.000Z',
    ]);
  });
});
