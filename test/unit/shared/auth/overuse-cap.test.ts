import { CATALOGUE_BODIES } from '../../../../shared/catalogue/schemas';
import { describe, expect, it } from 'vitest';
import { businessDayOf } from '../../../../shared/business-day';
import {
  checkOveruseCap,
  supervisorOveruseCap,
  terminalOveruseCapSchema,
} from '../../../../shared/auth/overuse-cap';
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

describe('the caps a manager sets (docs/CASH.md "Overuse caps")', () => {
  it('takes a person’s own cap in place of their role’s, and the role’s when they have none', () => {
    expect(supervisorOveruseCap(5, null)).toEqual({ cap: 5, source: 'role' });
    expect(supervisorOveruseCap(5, undefined)).toEqual({ cap: 5, source: 'role' });
    expect(supervisorOveruseCap(5, 8)).toEqual({ cap: 8, source: 'staff' });
    expect(supervisorOveruseCap(null, 0)).toEqual({ cap: 0, source: 'staff' });
    expect(supervisorOveruseCap(null, null)).toEqual({ cap: null, source: 'role' });
  });

  it('names a person’s own cap as set by a manager', () => {
    expect(checkOveruseCap(2, 1, { kind: 'supervisor', name: 'Sue', source: 'staff' })).toEqual({ ok: true });
    expect(checkOveruseCap(2, 2, { kind: 'supervisor', name: 'Sue', source: 'staff' })).toEqual({
      ok: false,
      message: {
        en:
          'Sue has granted 2 overuses this business day, and a manager set their own cap at 2 a day: ask a ' +
          'manager to grant this one.',
        de:
          'Sue hat an diesem Geschäftstag schon 2 Überschreitungen freigegeben, und eine Leitung hat ihre ' +
          'Grenze auf 2 pro Tag gesetzt: Bitte eine Leitung, diese freizugeben.',
      },
    });
    // A supervisor whose cap is the role's reads the role's sentence, as before.
    expect(checkOveruseCap(2, 2, { kind: 'supervisor', name: 'Sue', source: 'role' })).toEqual(
      checkOveruseCap(2, 2, 'Sue'),
    );
  });

  it('refuses a terminal at its cap with the count and where a manager raises it', () => {
    expect(checkOveruseCap(20, 19, { kind: 'terminal' })).toEqual({ ok: true });
    expect(checkOveruseCap(null, 500, { kind: 'terminal' })).toEqual({ ok: true });
    expect(checkOveruseCap(1, 1, { kind: 'terminal' })).toEqual({
      ok: false,
      message: {
        en:
          'This terminal has granted 1 overuse this business day, and its cap is 1 a day: a manager can raise ' +
          'the cap in the back office (Terminals), or sell at another terminal.',
        de:
          'Dieses Terminal hat an diesem Geschäftstag schon 1 Überschreitung freigegeben, und seine Grenze ist 1 ' +
          'pro Tag: Eine Leitung kann die Grenze im Backoffice (Terminals) erhöhen, oder an einem anderen ' +
          'Terminal verkaufen.',
      },
    });
    const none = checkOveruseCap(0, 0, { kind: 'terminal' });
    expect(none.ok === false && none.message.en).toMatch(/granted 0 overuses .* its cap is 0 a day/);
  });

  it('refuses a performance at its cap per business day, naming it and the cap', () => {
    expect(checkOveruseCap(3, 2, { kind: 'performance', name: 'Hamlet, 1 Dec 19:30' })).toEqual({ ok: true });
    expect(checkOveruseCap(null, 500, { kind: 'performance', name: 'Hamlet' })).toEqual({ ok: true });
    const at = checkOveruseCap(3, 3, { kind: 'performance', name: 'Hamlet, 1 Dec 19:30' });
    expect(at).toEqual({
      ok: false,
      message: {
        en:
          "3 overuses have been granted for Hamlet, 1 Dec 19:30 this business day, and the performance's cap is " +
          '3 a day: a manager can raise the cap on the performance in the back office (Events), or sell without ' +
          'the code.',
        de:
          'Für Hamlet, 1 Dec 19:30 wurden an diesem Geschäftstag schon 3 Überschreitungen freigegeben, und die ' +
          'Grenze der Vorstellung ist 3 pro Tag: Eine Leitung kann die Grenze der Vorstellung im Backoffice ' +
          '(Veranstaltungen) erhöhen, oder ohne den Code verkaufen.',
      },
    });
    const one = checkOveruseCap(1, 1, { kind: 'performance', name: 'Hamlet' });
    expect(one.ok === false && one.message.en).toMatch(
      /^1 overuse has been granted for Hamlet this business day/,
    );
    const none = checkOveruseCap(0, 0, { kind: 'performance', name: 'Hamlet' });
    expect(none.ok === false && none.message.en).toMatch(/^0 overuses have been granted .* cap is 0 a day/);
  });

  it('takes a performance cap of 0 to 10000 or null in the catalogue body, nothing else', () => {
    const body = {
      eventId: '00000000-0000-7000-8000-000000000001',
      startsAt: '2026-12-01T19:30:00Z',
      capacity: 10,
    };
    const cap = (overuseCap: unknown) =>
      CATALOGUE_BODIES.performances.safeParse({ ...body, overuseCap }).success;
    expect(CATALOGUE_BODIES.performances.parse(body).overuseCap).toBeNull();
    expect([cap(0), cap(10_000), cap(null)]).toEqual([true, true, true]);
    expect([cap(-1), cap(10_001), cap(1.5), cap('3')]).toEqual([false, false, false, false]);
  });

  it('takes a terminal cap of 0 to 10000 or null, nothing else', () => {
    expect(terminalOveruseCapSchema.safeParse({ cap: 0 }).success).toBe(true);
    expect(terminalOveruseCapSchema.safeParse({ cap: 10_000 }).success).toBe(true);
    expect(terminalOveruseCapSchema.safeParse({ cap: null }).success).toBe(true);
    expect(terminalOveruseCapSchema.safeParse({ cap: 10_001 }).success).toBe(false);
    expect(terminalOveruseCapSchema.safeParse({ cap: -1 }).success).toBe(false);
    expect(terminalOveruseCapSchema.safeParse({ cap: 2.5 }).success).toBe(false);
    expect(terminalOveruseCapSchema.safeParse({}).success).toBe(false);
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
