import { describe, expect, it } from 'vitest';
import {
  minutesWithoutServer,
  NO_OFFLINE_LIMITS,
  offlineLimitsSchema,
  offlineRefusal,
} from '../../../../shared/sync/offline-limits';

describe('offline limits (docs/CASH.md)', () => {
  const sale = (total: number, offlineMinutes: number | null, bySupervisor = false) => ({
    total,
    offlineMinutes,
    bySupervisor,
  });

  it('limits nothing without limits, however long and large', () => {
    expect(offlineRefusal(NO_OFFLINE_LIMITS, sale(99_999_999, null))).toBeNull();
  });

  it('refuses a sale above the largest allowed offline, even for a supervisor, and allows it at the limit', () => {
    const limits = { maxSale: 20_000, maxMinutes: null };
    expect(offlineRefusal(limits, sale(20_000, 5))).toBeNull();
    expect(offlineRefusal(limits, sale(20_001, 5, true))).toEqual({
      reason: 'OFFLINE_SALE_TOO_LARGE',
      maxSale: 20_000,
    });
  });

  it('wants a supervisor past the minutes allowed, and for a terminal that never heard from the server', () => {
    const limits = { maxSale: null, maxMinutes: 120 };
    expect(offlineRefusal(limits, sale(100, 120))).toBeNull();
    expect(offlineRefusal(limits, sale(100, 121.5))).toEqual({
      reason: 'OFFLINE_TOO_LONG',
      minutes: 121,
      maxMinutes: 120,
    });
    expect(offlineRefusal(limits, sale(100, 121.5, true))).toBeNull();
    expect(offlineRefusal(limits, sale(100, null))).toMatchObject({ reason: 'OFFLINE_TOO_LONG' });
  });

  it('counts the minutes from the latest contact of any kind', () => {
    const now = Date.parse('2026-12-06T12:00:00.000Z');
    expect(minutesWithoutServer(now, [null, undefined])).toBeNull();
    expect(minutesWithoutServer(now, ['2026-12-06T10:00:00.000Z', null, '2026-12-06T11:30:00.000Z'])).toBe(
      30,
    );
    // A contact "in the future" (a clock set back) counts as just now, never as negative time.
    expect(minutesWithoutServer(now, ['2026-12-06T12:05:00.000Z'])).toBe(0);
  });

  it('refuses nonsense limits with a sentence per field', () => {
    const parsed = offlineLimitsSchema.safeParse({ maxSale: 0, maxMinutes: 10_081 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['maxSale', 'maxSale must be at least 1 minor unit, or null for no limit'],
      ['maxMinutes', 'maxMinutes must be at most 10080 (a week)'],
    ]);
    expect(offlineLimitsSchema.safeParse({ maxSale: 12.5, maxMinutes: null }).success).toBe(false);
    expect(offlineLimitsSchema.safeParse({ maxSale: null }).success).toBe(false);
  });
});
