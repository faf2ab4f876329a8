import { describe, expect, it } from 'vitest';
import { hashSecret } from '../../../src-server/auth/secrets';
import { nextBusinessDayEnd } from '../../../shared/business-day';
import { grantSize } from '../../../src-server/services/escrow-service';
import { verifyPin } from '../../../src-main/services/pin';

describe('grantSize', () => {
  it('shrinks toward 1 as the pool drains and never exceeds what is asked or left', () => {
    expect(grantSize(100, 100)).toBe(25);
    expect(grantSize(10, 100)).toBe(10);
    expect(grantSize(100, 5)).toBe(2);
    expect(grantSize(100, 3)).toBe(1);
    expect(grantSize(100, 1)).toBe(1);
    expect(grantSize(100, 0)).toBe(0);
  });
});

describe('nextBusinessDayEnd', () => {
  it('ends the day at the venue’s next 04:00 local time, across daylight-saving changes', () => {
    const at = (iso: string, zone: string) => nextBusinessDayEnd(new Date(iso), zone).toISOString();
    expect(at('2026-03-10T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-11T03:00:00.000Z');
    expect(at('2026-03-10T02:00:00Z', 'Europe/Berlin')).toBe('2026-03-10T03:00:00.000Z');
    expect(at('2026-03-28T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T02:00:00.000Z');
    expect(at('2026-07-01T12:00:00Z', 'America/New_York')).toBe('2026-07-02T08:00:00.000Z');
  });

  it('treats an unknown time zone as UTC', () => {
    expect(nextBusinessDayEnd(new Date('2026-07-01T12:00:00Z'), 'Nowhere/Zone').toISOString()).toBe(
      '2026-07-02T04:00:00.000Z',
    );
  });
});

describe('PIN hashes in pulls', () => {
  it('verifies a PIN hashed by the server with the terminal’s verifier', async () => {
    const stored = await hashSecret('6083');
    expect(await verifyPin('6083', stored)).toBe(true);
    expect(await verifyPin('7305', stored)).toBe(false);
  });
});
