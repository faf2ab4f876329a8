import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReservationCreatePayload } from '../../../shared/sync/reservation-payloads';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import {
  acquireLease,
  assertConservation,
  newPerformance,
  openTill,
  pushTill,
  seedHall,
  type Till,
} from '../../helpers/sync-server';

// docs/RESERVATIONS.md "Sync and the server", on PGlite and PostgreSQL: pushed holds count as used on
// their leases, the server's own sweep expires them idempotently with the terminal's release, and the
// capacity figures count held seats until their expiry.

describe.each(backends)('reservations on the server (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let eventId: string;
  let venueId: string;
  let now = new Date();

  beforeAll(async () => {
    server = await startTestServer(backend, { now: () => now });
    org = await seedOrganisation(server.database.db, server.url);
    ({ venueId, eventId } = await seedHall(org));
  });
  afterAll(async () => {
    await server.close();
  });

  const db = () => server.database.db;
  const leaseOf = async (id: string) =>
    (
      await db().query<{ used: number; returned: number }>(
        'SELECT used::int AS used, returned::int AS returned FROM escrow_leases WHERE id = $1',
        [id],
      )
    )[0];
  const hold = (t: Till, performanceId: string, leaseId: string, units: number, total = units * 3000) => {
    const payload: ReservationCreatePayload = {
      terminalId: t.id,
      id: randomUUID(),
      reference: `R-${randomUUID().slice(0, 7).toUpperCase()}`,
      staffId: org.managerId,
      customerName: 'Ada Lovelace',
      customerPhone: '+44 1',
      customerEmail: null,
      currency: 'EUR',
      total,
      lines: [
        {
          performanceId,
          priceId: 'price-1',
          ticketTypeId: null,
          name: 'Macbeth · Adult',
          detail: 'Stalls',
          qty: units,
          unitPrice: 3000,
        },
      ],
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
      createdAt: now.toISOString(),
      escrow: { leaseUses: [{ leaseId, counter: `capacity:${performanceId}`, units }], unbacked: [] },
    };
    t.box.append('reservation.create', payload);
    return payload;
  };
  const willCall = async (t: Till, performanceId: string) => {
    const reply = await t.api.get<{
      reservations: { id: string; status: string; units: number }[];
      capacity: { capacity: number; sold: number; held: number; left: number };
    }>(`/v1/sync/reservations?performanceId=${performanceId}`);
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const setup = async () => {
    const t = await openTill(org, server.url, venueId, org.managerId);
    const performanceId = await newPerformance(org, eventId, 100);
    const granted = await acquireLease(t, `capacity:${performanceId}`, 10);
    const leaseId = (granted.body as { lease: { id: string } }).lease.id;
    return { t, performanceId, leaseId };
  };

  it('holds seats on the lease, sweeps the expiry once, and ignores the terminal’s later release', async () => {
    const { t, performanceId, leaseId } = await setup();
    const held = hold(t, performanceId, leaseId, 3);
    const pushed = await pushTill(t);
    expect(pushed.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await leaseOf(leaseId)).toEqual({ used: 3, returned: 0 });
    expect((await willCall(t, performanceId)).capacity).toEqual({
      capacity: 100,
      sold: 0,
      held: 3,
      left: 97,
    });
    // A resend is a duplicate: nothing is held twice.
    expect((await pushTill(t)).body.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await leaseOf(leaseId)).toEqual({ used: 3, returned: 0 });
    await assertConservation(db());

    now = new Date(now.getTime() + 3_600_001);
    const after = await willCall(t, performanceId);
    expect(after.reservations).toMatchObject([{ id: held.id, status: 'expired', units: 3 }]);
    expect(after.capacity).toMatchObject({ held: 0, left: 100 });
    expect(await leaseOf(leaseId)).toEqual({ used: 0, returned: 0 });
    await willCall(t, performanceId);
    expect(await leaseOf(leaseId)).toEqual({ used: 0, returned: 0 });

    t.box.append('reservation.release', {
      terminalId: t.id,
      id: held.id,
      reason: 'expired',
      note: null,
      at: held.expiresAt,
    });
    const released = await pushTill(t);
    expect(released.body.results.at(-1)).toMatchObject({ status: 'applied' });
    expect(released.body.results.at(-1)?.message).toContain('expired on the server already');
    expect(await leaseOf(leaseId)).toEqual({ used: 0, returned: 0 });
    const row = await db().query('SELECT status, closed_by AS "by" FROM pos_reservations WHERE id = $1', [
      held.id,
    ]);
    expect(row).toEqual([{ status: 'expired', by: 'server' }]);
    await assertConservation(db());
  });

  it('gives a cancelled hold of a returned lease to the pool; refuses one that does not add up', async () => {
    const { t, performanceId, leaseId } = await setup();
    const held = hold(t, performanceId, leaseId, 2);
    t.box.append('lease.return', {
      terminalId: t.id,
      leaseId,
      counter: `capacity:${performanceId}`,
      units: 8,
      why: 'surplus',
    });
    await pushTill(t);
    expect(await leaseOf(leaseId)).toEqual({ used: 2, returned: 8 });
    t.box.append('reservation.release', {
      terminalId: t.id,
      id: held.id,
      reason: 'cancelled',
      note: 'customer called',
      at: now.toISOString(),
    });
    await pushTill(t);
    expect(await leaseOf(leaseId)).toEqual({ used: 0, returned: 10 });
    await assertConservation(db());
    const row = await db().query(
      'SELECT status, closed_reason AS reason FROM pos_reservations WHERE id = $1',
      [held.id],
    );
    expect(row).toEqual([{ status: 'cancelled', reason: 'customer called' }]);

    hold(t, performanceId, leaseId, 1, 999);
    t.box.append('reservation.pickup', {
      terminalId: t.id,
      id: randomUUID(),
      saleId: randomUUID(),
      at: now.toISOString(),
    });
    const bad = await pushTill(t);
    expect(bad.body.results.slice(-2)).toMatchObject([
      { status: 'quarantined', reason: 'MONEY_MISMATCH' },
      { status: 'quarantined', reason: 'UNKNOWN_RESERVATION' },
    ]);
  });
});
