import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { salePayloadSchema } from '../../../../shared/sync/payloads';
import { MUTATION_TYPES, REVIEW_KINDS } from '../../../../shared/sync/protocol';
import {
  seatCartRequestSchema,
  seatLeaseAcquireResponseSchema,
  seatLeasePlanInputSchema,
  seatLeaseReturnPayloadSchema,
  seatStatesQuerySchema,
  seatStatesResponseSchema,
} from '../../../../shared/sync/seat-protocol';
import { salePayload } from '../../../helpers/sync-payloads';

describe('the seat protocol', () => {
  it('takes a cart call of seat ids only, at most 50 to take, and nothing else', () => {
    const base = { performanceId: randomUUID(), cartId: 'cart-1', take: [randomUUID()], release: [] };
    expect(seatCartRequestSchema.safeParse(base).success).toBe(true);
    expect(seatCartRequestSchema.safeParse({ ...base, take: ['A12'] }).success).toBe(false);
    expect(
      seatCartRequestSchema.safeParse({ ...base, take: Array.from({ length: 51 }, randomUUID) }).success,
    ).toBe(false);
    expect(seatCartRequestSchema.safeParse({ ...base, holder: 'someone else' }).success).toBe(false);
  });

  it('reads since from a query string, and a missing one as a full answer', () => {
    expect(seatStatesQuerySchema.parse({ since: '42' })).toEqual({ since: 42 });
    expect(seatStatesQuerySchema.parse({})).toEqual({});
    expect(seatStatesQuerySchema.safeParse({ since: '-1' }).success).toBe(false);
  });

  it('parses the answers a terminal receives', () => {
    const seatId = randomUUID();
    expect(
      seatStatesResponseSchema.parse({
        performanceId: randomUUID(),
        mapId: randomUUID(),
        mapVersion: 2,
        changePos: 7,
        full: false,
        statuses: [
          {
            seatId,
            state: 'leased',
            holder: randomUUID(),
            holdKind: null,
            expiresAt: '2026-05-01T19:30:00.000Z',
          },
        ],
      }).statuses[0]?.state,
    ).toBe('leased');
    expect(() =>
      seatLeaseAcquireResponseSchema.parse({
        leases: [
          {
            id: randomUUID(),
            performanceId: randomUUID(),
            seatIds: ['x'],
            expiresAt: '2026-05-01T19:30:00.000Z',
          },
        ],
        refusals: [],
      }),
    ).toThrow();
  });

  it('bounds a plan: 1 to 10,000 seats, an optional section and a trimmed band', () => {
    const performanceId = randomUUID();
    expect(seatLeasePlanInputSchema.parse({ performanceId, seats: 20, band: '  Stalls ' })).toEqual({
      performanceId,
      seats: 20,
      band: 'Stalls',
    });
    expect(seatLeasePlanInputSchema.safeParse({ performanceId, seats: 0 }).success).toBe(false);
    expect(seatLeasePlanInputSchema.safeParse({ performanceId, seats: 2.5 }).success).toBe(false);
  });

  it('adds seat_lease.return to the outbox and seat_not_held to the review queue', () => {
    expect(MUTATION_TYPES).toContain('seat_lease.return');
    expect(REVIEW_KINDS).toContain('seat_not_held');
    const payload = { leaseId: randomUUID(), seatIds: [randomUUID()] };
    expect(seatLeaseReturnPayloadSchema.parse(payload)).toEqual(payload);
    expect(seatLeaseReturnPayloadSchema.safeParse({ ...payload, units: 1 }).success).toBe(false);
  });

  it('reads a pushed unit’s seat, and an older unit without one as unseated', () => {
    const seatId = randomUUID();
    const sale = salePayload({
      terminalId: randomUUID(),
      shiftId: randomUUID(),
      cashierId: randomUUID(),
      lines: [
        {
          performanceId: randomUUID(),
          qty: 1,
          unitPrice: 4000,
          seats: [{ id: seatId, label: 'Stalls, row B, seat 12' }],
        },
      ],
    });
    expect(salePayloadSchema.parse(sale).units[0]).toMatchObject({
      seatId,
      seatLabel: 'Stalls, row B, seat 12',
    });
    const older = { ...sale, units: sale.units.map(({ seatId: _s, seatLabel: _l, ...unit }) => unit) };
    expect(salePayloadSchema.parse(older).units[0]).toMatchObject({ seatId: null, seatLabel: null });
  });
});
