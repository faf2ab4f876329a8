import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../shared/server-api/page';
import type { AuditRowView } from '../../../shared/server-api/audit-calls';
import type { ReviewItem } from '../../../shared/sync/protocol';
import type { Database } from '../../../src-server/db/database';
import { seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { discountedSale, openTill, pushTill, type Till } from '../../helpers/sync-server';

// docs/CASH.md "Per performance": a performance's overuseCap limits the overuses granted on its sales
// per business day of the organisation's time zone, counted across every terminal's pushed sales. A
// pushed sale past it is kept, its overuse granted, and a manager reviews it.

const NOW = '2026-07-01T12:00:00.000Z';
// The organisation keeps New York time: its business day runs 2026-07-01T08:00Z to 2026-07-02T08:00Z.
const TODAY = '2026-07-01T10:00:00.000Z';
const YESTERDAY = '2026-07-01T07:00:00.000Z';

describe.each(backends)('overuse caps per performance (%s)', (backend) => {
  let server: TestServer;
  let org: SeededOrganisation;
  let db: Database;
  let venueId: string;
  let eventId: string;
  let sellerId: string;
  let supervisorId: string;
  let codeId: string;

  const performance = async (startsAt: string, overuseCap?: number | null) => {
    const made = await org.api.post<{ id: string; overuseCap: number | null }>('/v1/performances', {
      eventId,
      startsAt,
      capacity: 500,
      ...(overuseCap === undefined ? {} : { overuseCap }),
    });
    expect(made.status).toBe(201);
    return made.body;
  };
  /** A ticket for `performanceId` with 5.00 off, its code let past its limit by the supervisor. */
  const overusedSale = (till: Till, performanceId: string, createdAt = TODAY) =>
    discountedSale(till, sellerId, codeId, supervisorId, {
      createdAt,
      lines: [{ kind: 'ticket', eventId, performanceId, qty: 1, unitPrice: 2000, unitDiscount: 500 }],
    });
  const capItems = async (performanceId: string) =>
    (
      await org.api.get<Page<ReviewItem>>('/v1/review-items?kind=overuse_cap_exceeded&limit=1000')
    ).body.items.filter((i) => (i.payload as { performanceId?: string }).performanceId === performanceId);

  beforeAll(async () => {
    server = await startTestServer(backend, { now: () => new Date(NOW) });
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    await db.query("UPDATE organisations SET timezone = 'America/New_York' WHERE id = $1", [
      org.organisationId,
    ]);
    const venue = await org.api.post<{ id: string }>('/v1/venues', {
      name: 'Globe',
      currency: 'EUR',
      timezone: 'Europe/London',
    });
    venueId = venue.body.id;
    const event = await org.api.post<{ id: string }>('/v1/events', { venueId, name: 'Hamlet' });
    eventId = event.body.id;
    sellerId = (await signInAs(org.api, server.url, 'seller')).staffId;
    supervisorId = (await signInAs(org.api, server.url, 'supervisor')).staffId;
    const code = await org.api.post<{ id: string }>('/v1/codes', {
      code: 'FRIENDS',
      name: 'Friends',
      benefit: { type: 'fixed_per_item', amount: 500 },
      // No limit of its own: what goes to review here is the performance's cap alone.
      rules: {},
    });
    codeId = code.body.id;
  });
  afterAll(async () => {
    await server.close();
  });

  it('keeps a performance’s cap, none when left out, audits a change, and refuses one out of range', async () => {
    const plain = await performance('2026-07-03T18:30:00.000Z');
    expect(plain.overuseCap).toBeNull();
    const path = `/v1/performances/${plain.id}`;
    for (const bad of [-1, 10_001, 1.5, '3']) {
      const refused = await org.api.patch(path, { overuseCap: bad });
      expect(refused.status, String(bad)).toBe(400);
      expect(
        (await org.api.post('/v1/performances', { eventId, startsAt: NOW, capacity: 1, overuseCap: bad }))
          .status,
      ).toBe(400);
    }
    expect((await org.api.patch<{ overuseCap: number }>(path, { overuseCap: 4 })).body.overuseCap).toBe(4);
    expect(
      (await org.api.patch<{ overuseCap: null }>(path, { overuseCap: null })).body.overuseCap,
    ).toBeNull();
    const audit = await org.api.get<{ rows: AuditRowView[] }>(
      `/v1/audit?entityKind=performance&entityId=${plain.id}`,
    );
    expect(audit.body.rows.map((r) => [r.action, r.before?.overuseCap, r.after?.overuseCap])).toEqual([
      ['performance.update', 4, null],
      ['performance.update', null, 4],
      ['performance.create', undefined, null],
    ]);
  });

  it('applies a pushed sale past the cap, its overuse granted, and reviews it naming the performance', async () => {
    const capped = await performance('2026-07-04T18:30:00.000Z', 2);
    const free = await performance('2026-07-05T18:30:00.000Z');
    const till = await openTill(org, server.url, venueId, sellerId);
    const other = await openTill(org, server.url, venueId, sellerId);
    // Yesterday's business day in New York: not counted. Then two today at another terminal.
    other.box.append('sale', overusedSale(other, capped.id, YESTERDAY));
    other.box.append('sale', overusedSale(other, capped.id));
    other.box.append('sale', overusedSale(other, capped.id));
    expect((await pushTill(other)).body.results.map((r) => r.status)).toEqual(Array(4).fill('applied'));
    expect(await capItems(capped.id)).toEqual([]);

    const over = overusedSale(till, capped.id);
    const elsewhere = overusedSale(till, free.id);
    till.box.append('sale', over);
    till.box.append('sale', elsewhere);
    const reply = await pushTill(till);
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(reply.body.results[1]?.message).toMatch(
      /an overuse past its performance’s daily cap went to review/,
    );
    expect(reply.body.results[2]?.message ?? '').not.toMatch(/performance’s daily cap/);

    const granted = await db.query<{ grantedBy: string | null }>(
      'SELECT overuse_granted_by AS "grantedBy" FROM redemptions WHERE order_id = $1',
      [over.sale.id],
    );
    expect(granted).toEqual([{ grantedBy: supervisorId }]);
    const items = await capItems(capped.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'overuse_cap_exceeded',
      status: 'open',
      terminalId: till.id,
      payload: {
        saleId: over.sale.id,
        performanceId: capped.id,
        cap: 2,
        grantedBefore: 2,
        businessDay: { start: '2026-07-01T08:00:00.000Z', end: '2026-07-02T08:00:00.000Z' },
      },
    });
    // Curtain-up on the venue's clock (London, summer time).
    expect(items[0]?.summary).toMatch(
      /used an overuse \("Regular guest"\) on Hamlet, 2026-07-04 19:30, for which 2 had been granted before it that business day, and the performance's cap is 2 a day/,
    );
    expect(await capItems(free.id)).toEqual([]);
  });

  it('counts grants pushed at the same moment by two terminals one after the other', async () => {
    const capped = await performance('2026-07-06T18:30:00.000Z', 1);
    const tills = await Promise.all([1, 2].map(() => openTill(org, server.url, venueId, sellerId)));
    for (const till of tills) till.box.append('sale', overusedSale(till, capped.id));
    const replies = await Promise.all(tills.map((till) => pushTill(till)));
    for (const reply of replies)
      expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    // Whichever came second went past the cap of 1; never both, never neither.
    const items = await capItems(capped.id);
    expect(items).toHaveLength(1);
    expect(items[0]?.payload).toMatchObject({ cap: 1, grantedBefore: 1 });
  });

  it('counts online redemptions that name the performance, and refuses one past the cap', async () => {
    const capped = await performance('2026-07-07T18:30:00.000Z', 2);
    const supervisor = await signInAs(org.api, server.url, 'supervisor');
    await org.api.post('/v1/codes', {
      code: 'ONLINE1',
      name: 'Online',
      benefit: { type: 'fixed_per_item', amount: 500 },
      rules: { maxUses: 1 },
    });
    const redeem = (performanceIds?: string[]) =>
      supervisor.api.post<{ reason?: string; message?: string }>('/v1/redemptions', {
        id: randomUUID(),
        orderId: randomUUID(),
        code: 'ONLINE1',
        tickets: 1,
        discount: 500,
        revenue: 1500,
        currency: 'EUR',
        ...(performanceIds ? { performanceIds } : {}),
        // Past the code's own limit of 1 from the second on, so every later use is an overuse.
        overuse: { reason: 'Regular guest' },
      });
    // One pushed grant today, then one online: the cap of 2 is reached.
    const till = await openTill(org, server.url, venueId, sellerId);
    till.box.append('sale', overusedSale(till, capped.id));
    expect((await pushTill(till)).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await redeem([capped.id])).status).toBe(201);
    // Naming no performance counts towards none, as before.
    expect((await redeem()).status).toBe(201);

    const refused = await redeem([capped.id, capped.id]);
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('PERFORMANCE_OVERUSE_CAP');
    expect(refused.body.message).toMatch(
      /2 overuses have been granted for Hamlet, 2026-07-07 19:30 this business day/,
    );
    const recorded = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM redemptions WHERE NOT pos_sale AND $1::uuid = ANY(performance_ids)',
      [capped.id],
    );
    expect(recorded[0]?.n).toBe(1);
    // The pushed sale that now arrives past the cap goes to review, counting the online grant.
    const late = await openTill(org, server.url, venueId, sellerId);
    late.box.append('sale', overusedSale(late, capped.id));
    await pushTill(late);
    expect((await capItems(capped.id))[0]?.payload).toMatchObject({ cap: 2, grantedBefore: 2 });
  });
});
