import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src-server/db/database';
import type { ServerContext } from '../../../src-server/context';
import { update } from '../../../src-server/services/catalogue-service';
import { seedOrganisation, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { salePayload } from '../../helpers/sync-payloads';
import {
  acquireLease,
  assertConservation,
  counterState,
  openTill,
  pushTill,
  setLeaseCap,
  type Till,
} from '../../helpers/sync-server';

describe.each(backends)('limits and their escrow counters (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let db: Database;
  let venueId: string;
  let eventId: string;

  const newPerformance = async (capacity: number) =>
    (
      await org.api.post<{ id: string }>('/v1/performances', {
        eventId,
        startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        capacity,
      })
    ).body.id;
  const capacityOf = async (id: string) =>
    (await org.api.get<{ capacity: number }>(`/v1/performances/${id}`)).body.capacity;
  const newTill = (): Promise<Till> => openTill(org, server.url, venueId, org.managerId);
  /** A till that may hold a whole pool, for the tests about limits rather than the cap. */
  const uncappedTill = async (): Promise<Till> => {
    const till = await newTill();
    await setLeaseCap(org, till.id, 100);
    return till;
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    venueId = (
      await org.api.post<{ id: string }>('/v1/venues', { name: 'Hall', currency: 'EUR', timezone: 'UTC' })
    ).body.id;
    eventId = (await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Show' })).body.id;
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a capacity below the seats sold or leased, names the lowest, and changes neither row', async () => {
    const performanceId = await newPerformance(10);
    const key = `capacity:${performanceId}`;
    const till = await uncappedTill();
    expect((await acquireLease(till, key, 10)).body.lease?.granted).toBe(3);
    expect((await acquireLease(till, key, 10)).body.lease?.granted).toBe(2);
    // A seat sold without a lease is absorbed from the pool: 5 leased + 1 absorbed are out.
    till.box.append(
      'sale',
      salePayload({
        terminalId: till.id,
        shiftId: till.shiftId,
        cashierId: org.managerId,
        lines: [{ eventId, performanceId, qty: 1, unitPrice: 2000 }],
      }),
    );
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await counterState(db, key)).toEqual({ limit: 10, unallocated: 4, absorbed: 1 });

    const tooLow = await org.api.patch<{ reason: string; message: string }>(
      `/v1/performances/${performanceId}`,
      { capacity: 4 },
    );
    expect(tooLow.status).toBe(409);
    expect(tooLow.body.reason).toBe('LIMIT_BELOW_USE');
    expect(tooLow.body.message).toMatch(/6 seats are sold or leased to terminals\. Set it to 6 or more/);
    expect(await capacityOf(performanceId)).toBe(10);
    expect(await counterState(db, key)).toEqual({ limit: 10, unallocated: 4, absorbed: 1 });

    const lowest = await org.api.patch(`/v1/performances/${performanceId}`, { capacity: 6 });
    expect(lowest.status).toBe(200);
    expect(await capacityOf(performanceId)).toBe(6);
    expect(await counterState(db, key)).toEqual({ limit: 6, unallocated: 0, absorbed: 1 });
    expect((await acquireLease(till, key, 1)).body.lease).toBeNull();
    await assertConservation(db);

    expect((await org.api.patch(`/v1/performances/${performanceId}`, { capacity: 9 })).status).toBe(200);
    expect(await counterState(db, key)).toEqual({ limit: 9, unallocated: 3, absorbed: 1 });
    await assertConservation(db);
  });

  it('refuses a code limit below what is leased the same way, lowering a disabled code only to it', async () => {
    const code = await org.api.post<{ id: string }>('/v1/codes', {
      code: `LOWER${Date.now()}`,
      name: 'Lower',
      benefit: { type: 'percentage', percent: 1000 },
      rules: { maxUses: 10 },
    });
    const key = `code_uses:${code.body.id}`;
    const till = await uncappedTill();
    expect((await acquireLease(till, key, 10)).body.lease?.granted).toBe(3);
    expect((await org.api.post(`/v1/codes/${code.body.id}/disable`)).status).toBe(200);

    const tooLow = await org.api.patch<{ reason: string; message: string }>(`/v1/codes/${code.body.id}`, {
      rules: { maxUses: 2 },
    });
    expect(tooLow.status).toBe(409);
    expect(tooLow.body.reason).toBe('LIMIT_BELOW_USE');
    expect(tooLow.body.message).toMatch(/Set it to 3 or more/);
    const kept = await org.api.get<{ rules: unknown }>(`/v1/codes/${code.body.id}`);
    expect(kept.body.rules).toEqual({ maxUses: 10 });
    expect(await counterState(db, key)).toEqual({ limit: 10, unallocated: 7, absorbed: 0 });

    expect((await org.api.patch(`/v1/codes/${code.body.id}`, { rules: { maxUses: 3 } })).status).toBe(200);
    expect(await counterState(db, key)).toEqual({ limit: 3, unallocated: 0, absorbed: 0 });
    await assertConservation(db);
  });

  it('keeps the old capacity when the seat pool cannot follow (a failure between the two writes)', async () => {
    const performanceId = await newPerformance(10);
    const key = `capacity:${performanceId}`;
    expect((await acquireLease(await newTill(), key, 1)).body.lease?.granted).toBe(1);
    const manager = await db.query<{ orgId: string }>('SELECT org_id AS "orgId" FROM staff WHERE id = $1', [
      org.managerId,
    ]);
    // The same server code over a connection that fails on the counter's write, after the capacity's.
    const failing: ServerContext = {
      ...server.context,
      db: {
        ...db,
        transaction: (fn) =>
          db.transaction((tx) =>
            fn({
              ...tx,
              query: (sql, params) =>
                /UPDATE escrow_counters/.test(sql)
                  ? Promise.reject(new Error('connection lost'))
                  : tx.query(sql, params),
            }),
          ),
      },
    };
    await expect(
      update(
        failing,
        {
          kind: 'staff',
          orgId: manager[0]?.orgId as string,
          staffId: org.managerId,
          roleId: 'manager',
          permissions: new Set(['catalogue.manage']),
        },
        'performances',
        performanceId,
        { capacity: 20 },
      ),
    ).rejects.toThrow('connection lost');
    expect(await capacityOf(performanceId)).toBe(10);
    expect(await counterState(db, key)).toEqual({ limit: 10, unallocated: 9, absorbed: 0 });
    await assertConservation(db);
  });
});
