import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUND_CLAIM_MINUTES } from '../../../shared/sync/protocol';
import { refundableOrderSchema, type RefundableOrder } from '../../../shared/sync/refundable-order';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { refundPayload, salePayload } from '../../helpers/sync-payloads';
import { newPerformance, openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';

// POST /v1/refund-claims (docs/ORDERS.md "Refunds at another window"): a terminal claims units of
// another terminal's sale before it refunds them, and no other terminal's refund of them applies while
// the claim lives.

describe.each(backends)('refund claims (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let venueId: string;
  let eventId: string;
  let now = new Date('2026-12-06T10:00:00.000Z');

  beforeAll(async () => {
    server = await startTestServer(backend, { now: () => now });
    org = await seedOrganisation(server.database.db, server.url);
    ({ venueId, eventId } = await seedHall(org));
  });
  afterAll(async () => {
    await server.close();
  });

  const till = () => openTill(org, server.url, venueId, org.managerId);
  /** A two-seat sale at `seller`, pushed. */
  const soldAt = async (seller: Till) => {
    const performanceId = await newPerformance(org, eventId, 100);
    const sale = salePayload({
      terminalId: seller.id,
      shiftId: seller.shiftId,
      cashierId: org.managerId,
      lines: [{ eventId, performanceId, qty: 2, unitPrice: 2000 }],
    });
    seller.box.append('sale', sale);
    expect((await pushTill(seller)).status).toBe(200);
    return sale;
  };
  const claim = (
    t: Till,
    saleId: string,
    units: { lineId: string; unitIndex: number }[],
    claimId = randomUUID(),
  ) =>
    t.api.post<{ claimId: string; expiresAt: string; reason: string; message: string }>('/v1/refund-claims', {
      terminalId: t.id,
      claimId,
      saleId,
      units,
    });
  const unitsOf = (sale: ReturnType<typeof salePayload>) =>
    sale.units.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex }));
  /** Pushes `till`'s refund of `units`, paid from its own shift, and returns the server's verdict on it. */
  const refundAt = async (
    t: Till,
    sale: ReturnType<typeof salePayload>,
    units: ReturnType<typeof unitsOf>,
  ) => {
    const payload = refundPayload(sale, {
      kind: 'refund',
      staffId: org.managerId,
      shiftId: t.shiftId,
      units,
    });
    t.box.append('refund', { ...payload, terminalId: t.id });
    const pushed = await pushTill(t);
    expect(pushed.status).toBe(200);
    return pushed.body.results.at(-1);
  };

  it('grants a claim once, again to the same claim id, and to nobody else while it lives', async () => {
    const a = await till();
    const b = await till();
    const c = await till();
    const sale = await soldAt(a);
    const [first] = unitsOf(sale);
    if (!first) throw new Error('a unit');
    const claimId = randomUUID();
    const granted = await claim(b, sale.sale.id, [first], claimId);
    expect(granted.status).toBe(201);
    expect(granted.body.expiresAt).toBe(
      new Date(now.getTime() + REFUND_CLAIM_MINUTES * 60_000).toISOString(),
    );
    expect((await claim(b, sale.sale.id, [first], claimId)).status).toBe(201);
    const refused = await claim(c, sale.sale.id, [first]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ reason: 'UNIT_CLAIMED' });
    expect(refused.body.message).toContain('Another window is refunding');
    // The sale's own terminal, offline meanwhile, refunds the claimed unit: refused and kept for review.
    expect(await refundAt(a, sale, [first])).toMatchObject({ status: 'quarantined', reason: 'UNIT_CLAIMED' });
    // The claiming terminal's refund applies, consumes the claim, and the unit is given back for good.
    expect(await refundAt(b, sale, [first])).toMatchObject({ status: 'applied' });
    const after = await claim(c, sale.sale.id, [first]);
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ reason: 'UNIT_NOT_REFUNDABLE' });
  });

  it('lets a lapsed claim be taken over, and another terminal refund the unit after it lapsed', async () => {
    const a = await till();
    const b = await till();
    const c = await till();
    const sale = await soldAt(a);
    const [, second] = unitsOf(sale);
    if (!second) throw new Error('two units');
    expect((await claim(b, sale.sale.id, [second])).status).toBe(201);
    now = new Date(now.getTime() + (REFUND_CLAIM_MINUTES + 1) * 60_000);
    expect((await claim(c, sale.sale.id, [second])).status).toBe(201);
    expect(await refundAt(c, sale, [second])).toMatchObject({ status: 'applied' });
    // B's refund arrives late: the unit is gone, so it is refused, not paid twice.
    expect(await refundAt(b, sale, [second])).toMatchObject({
      status: 'quarantined',
      reason: 'UNIT_NOT_REFUNDABLE',
    });
  });

  it('says a sale not on the server yet is to be refunded at its own window, and refuses unknown units', async () => {
    const b = await till();
    const missing = await claim(b, randomUUID(), [{ lineId: 'l1', unitIndex: 0 }]);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ reason: 'UNKNOWN_SALE' });
    expect(missing.body.message).toContain('not on the server yet');
    const a = await till();
    const sale = await soldAt(a);
    const bad = await claim(b, sale.sale.id, [{ lineId: 'no-such-line', unitIndex: 0 }]);
    expect(bad.status).toBe(409);
    expect(bad.body).toMatchObject({ reason: 'UNIT_NOT_REFUNDABLE' });
  });

  it('shows another terminal the sale as it refunds it: units given back, and every payment and payout', async () => {
    const a = await till();
    const b = await till();
    const sale = await soldAt(a);
    const [first] = unitsOf(sale);
    if (!first) throw new Error('a unit');
    expect(await refundAt(a, sale, [first])).toMatchObject({ status: 'applied' });
    const order = await b.api.get<RefundableOrder>(`/v1/sync/orders/${sale.sale.id}`);
    expect(order.status).toBe(200);
    const parsed = refundableOrderSchema.parse(order.body);
    expect(parsed).toMatchObject({
      saleId: sale.sale.id,
      terminalId: a.id,
      currency: 'EUR',
      status: 'completed',
    });
    expect(parsed.units.map((u) => [u.total, u.refunded, u.kind])).toEqual([
      [2000, true, 'ticket'],
      [2000, false, 'ticket'],
    ]);
    expect(parsed.payments).toEqual([
      { tender: 'cash', amount: 4000 },
      { tender: 'cash', amount: -2000 },
    ]);
    const missing = await b.api.get<{ reason: string }>(`/v1/sync/orders/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect((await org.api.get(`/v1/sync/orders/${sale.sale.id}`)).status).toBe(403);
  });

  it('takes claims only from a terminal for itself', async () => {
    const a = await till();
    const b = await till();
    const sale = await soldAt(a);
    const forged = await b.api.post<{ reason: string }>('/v1/refund-claims', {
      terminalId: a.id,
      claimId: randomUUID(),
      saleId: sale.sale.id,
      units: unitsOf(sale),
    });
    expect(forged.status).toBe(403);
    expect(
      (
        await org.api.post('/v1/refund-claims', {
          terminalId: a.id,
          claimId: randomUUID(),
          saleId: sale.sale.id,
          units: unitsOf(sale),
        })
      ).status,
    ).toBe(403);
  });
});
