import { describe, expect, it } from 'vitest';
import { releaseSoldSeat, takeableBy } from '../../../../shared/seating/release';

const NOW = '2026-05-01T12:00:00.000Z';
const LATER = '2026-05-01T19:30:00.000Z';
const EARLIER = '2026-05-01T11:00:00.000Z';
const lease = { id: 'lease-1', terminalId: 'till-1', returnedAt: null, expiresAt: LATER };

describe('releaseSoldSeat', () => {
  it('puts a seat back on the lease it was sold from while that lease lasts', () => {
    expect(releaseSoldSeat('lease-1', lease, NOW)).toEqual({
      state: 'leased',
      holder: 'till-1',
      leaseId: 'lease-1',
      expiresAt: LATER,
    });
    expect(releaseSoldSeat('LEASE-1', lease, new Date(NOW))).toMatchObject({ state: 'leased' });
  });

  it('frees it when the lease was returned, has expired, or there was none', () => {
    expect(releaseSoldSeat('lease-1', { ...lease, returnedAt: EARLIER }, NOW)).toEqual({ state: 'free' });
    expect(releaseSoldSeat('lease-1', { ...lease, expiresAt: NOW }, NOW)).toEqual({ state: 'free' });
    expect(releaseSoldSeat('lease-1', undefined, NOW)).toEqual({ state: 'free' });
    expect(releaseSoldSeat(null, lease, NOW)).toEqual({ state: 'free' });
    expect(releaseSoldSeat('lease-2', lease, NOW)).toEqual({ state: 'free' });
  });
});

describe('takeableBy', () => {
  const claim = (
    state: 'free' | 'held' | 'leased' | 'cart' | 'sold' | 'blocked',
    holder: string | null,
    expiresAt: string | null,
  ) => ({
    state,
    holder,
    expiresAt,
  });

  it('lets anyone take a free seat or another holder’s lapsed cart', () => {
    expect(takeableBy(claim('free', null, null), 'till-2', NOW)).toBe(true);
    expect(takeableBy(claim('cart', 'till-1', EARLIER), 'till-2', NOW)).toBe(true);
  });

  it('never lets another window take a leased seat, lapsed or not: only its holder’s return frees it', () => {
    expect(takeableBy(claim('leased', 'till-1', NOW), 'till-2', NOW)).toBe(false);
    expect(takeableBy(claim('leased', 'till-1', EARLIER), 'till-2', NOW)).toBe(false);
    expect(takeableBy(claim('leased', 'till-1', EARLIER), 'till-1', NOW)).toBe(false);
  });

  it('refuses a live claim of another holder, a hold, a sale and a block', () => {
    expect(takeableBy(claim('cart', 'till-1', LATER), 'till-2', NOW)).toBe(false);
    expect(takeableBy(claim('leased', 'till-1', LATER), 'till-2', NOW)).toBe(false);
    expect(takeableBy(claim('held', 'staff-1', EARLIER), 'till-2', NOW)).toBe(false);
    expect(takeableBy(claim('sold', null, null), 'till-2', NOW)).toBe(false);
    expect(takeableBy(claim('blocked', null, null), 'till-2', NOW)).toBe(false);
  });

  it('keeps a holder’s own cart takeable (renewed), expired or not', () => {
    expect(takeableBy(claim('cart', 'till-1', EARLIER), 'till-1', NOW)).toBe(true);
    expect(takeableBy(claim('cart', 'till-1', LATER), 'till-1', NOW)).toBe(true);
  });
});
