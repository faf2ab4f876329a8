import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeatMap } from '../../../shared/seating/types';
import type {
  SeatCartResponse,
  SeatLeaseAcquireResponse,
  SeatStatesResponse,
} from '../../../shared/sync/seat-protocol';
import type { Mutation } from '../../../shared/sync/protocol';
import type { Database } from '../../../src-server/db/database';
import { makeSeatMap } from '../../fixtures/seat-hall';
import { seatRows, seedSeatedPerformance } from '../../helpers/seat-world';
import { backends, startTestServer, type TestServer } from '../../helpers/server-db';
import { apiClient, seedOrganisation, signInAs, type SeededOrganisation } from '../../helpers/server-api';
import { outbox, refundPayload, salePayload } from '../../helpers/sync-payloads';
import { enrol, openTill, pushTill, seedHall, type Till } from '../../helpers/sync-server';

// docs/SEATING.md over real HTTP: cart holds racing, lazy expiry, lease plans and acquire, seats in
// pushed sales, refunds and lease returns.

describe.each(backends)('reserved seating on the server (%s)', (backend) => {
  let server: TestServer;
  let db: Database;
  let org: SeededOrganisation;
  let venueId: string;
  let eventId: string;
  let clock = Date.now();

  beforeAll(async () => {
    server = await startTestServer(backend, { now: () => new Date(clock) });
    db = server.database.db;
    org = await seedOrganisation(db, server.url);
    ({ venueId, eventId } = await seedHall(org));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  /** A hall of 4 rows of 10 (rows A-B band A, C-D band B) and a performance using it. */
  async function seated(startsAt?: string): Promise<{ performanceId: string; map: SeatMap }> {
    const map = makeSeatMap({ seats: 40, perRow: 10, bands: ['A', 'B'], venueId });
    const performanceId = await seedSeatedPerformance(db, org.api, {
      orgId: org.organisationId,
      eventId,
      map,
      ...(startsAt ? { startsAt } : {}),
    });
    return { performanceId, map };
  }
  const seat = (map: SeatMap, label: string) => {
    const found = map.seats.find((s) => `${s.row}${s.label}` === label);
    if (!found) throw new Error(`no seat ${label}`);
    return found;
  };
  const till = () => openTill(org, server.url, venueId, org.managerId);
  const cart = (t: Till, body: Record<string, unknown>) =>
    t.api.post<SeatCartResponse>('/v1/sync/seats/cart', {
      cartId: `cart-${t.id}`,
      take: [],
      release: [],
      ...body,
    });
  const acquire = (t: Till, requestId: string = randomUUID()) =>
    t.api.post<SeatLeaseAcquireResponse>('/v1/sync/seats/leases/acquire', { requestId });
  const plan = (t: Till, body: Record<string, unknown>) =>
    org.api.put(`/v1/terminals/${t.id}/seat-lease-plans`, body);
  const sell = (t: Till, performanceId: string, seats: { id: string; row: string; label: string }[]) =>
    t.box.append(
      'sale',
      salePayload({
        terminalId: t.id,
        shiftId: t.shiftId,
        cashierId: org.managerId,
        lines: [
          {
            eventId,
            performanceId,
            qty: seats.length,
            unitPrice: 4000,
            seats: seats.map((s) => ({ id: s.id, label: `Stalls, row ${s.row}, seat ${s.label}` })),
          },
        ],
      }),
    );
  const rowOf = async (performanceId: string, seatId: string) =>
    (await seatRows(db, performanceId)).find((r) => r.seatId === seatId);

  it('lets only one of two terminals racing for a seat have it, and names it to the other', async () => {
    const { performanceId, map } = await seated();
    const [one, two] = [await till(), await till()];
    const [a, b, c] = [seat(map, 'A4'), seat(map, 'A5'), seat(map, 'A6')];
    const answers = await Promise.all([
      cart(one, { performanceId, take: [a.id, b.id] }),
      cart(two, { performanceId, take: [b.id, c.id] }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const won = answers.filter((r) => r.body.taken.length > 0);
    const lost = answers.filter((r) => r.body.refused.length > 0);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.body.taken).toEqual([]);
    expect(lost[0]?.body.refused).toEqual([
      {
        seatId: b.id,
        state: 'cart',
        message: 'Stalls, row A, seat 5 is in another window’s cart: choose another seat.',
      },
    ]);
    // All or nothing: the loser's other seat stays free.
    const loser = won[0] === answers[0] ? two : one;
    const other = loser === two ? c : a;
    expect((await rowOf(performanceId, other.id))?.state).toBe('free');
    const winner = loser === two ? one : two;
    const states = await winner.api.get<SeatStatesResponse>(`/v1/sync/seats/${performanceId}`);
    expect(states.body).toMatchObject({ performanceId, mapId: map.id, mapVersion: 1, full: true });
    expect(states.body.statuses).toHaveLength(40);
    expect(states.body.statuses.find((s) => s.seatId === b.id)).toMatchObject({
      state: 'cart',
      holder: winner.id,
    });
  });

  it('lets another terminal take a seat once the cart holding it has lapsed, and tells what changed since', async () => {
    const { performanceId, map } = await seated();
    const [one, two] = [await till(), await till()];
    const a = seat(map, 'B2');
    // Seeded rows have no position yet: one change first, so `before` is a real position.
    await cart(one, { performanceId, take: [seat(map, 'B9').id] });
    const before = (await one.api.get<SeatStatesResponse>(`/v1/sync/seats/${performanceId}`)).body.changePos;
    expect((await cart(one, { performanceId, take: [a.id] })).body.taken).toEqual([a.id]);
    expect((await cart(two, { performanceId, take: [a.id] })).body.refused[0]?.seatId).toBe(a.id);
    // A terminal releases only its own cart seats.
    await cart(two, { performanceId, release: [a.id] });
    expect(await rowOf(performanceId, a.id)).toMatchObject({ state: 'cart', holder: one.id });
    clock += 16 * 60_000;
    expect((await cart(two, { performanceId, take: [a.id] })).body.taken).toEqual([a.id]);
    const changed = await two.api.get<SeatStatesResponse>(`/v1/sync/seats/${performanceId}?since=${before}`);
    expect(changed.body.full).toBe(false);
    expect(changed.body.statuses).toEqual([
      expect.objectContaining({ seatId: a.id, state: 'cart', holder: two.id }),
    ]);
    expect(changed.body.changePos).toBeGreaterThan(before);
    const none = await two.api.get<SeatStatesResponse>(
      `/v1/sync/seats/${performanceId}?since=${changed.body.changePos}`,
    );
    expect(none.body).toMatchObject({ statuses: [], changePos: changed.body.changePos });
  });

  it('grants a plan’s seats together in its band, once per request, and tops it up when the plan grows', async () => {
    const { performanceId, map } = await seated();
    const one = await till();
    expect((await plan(one, { performanceId, seats: 6, band: 'b' })).status).toBe(200);
    const requestId = randomUUID();
    const first = await acquire(one, requestId);
    expect(first.status).toBe(200);
    expect(first.body.refusals).toEqual([]);
    expect(first.body.leases).toHaveLength(1);
    const lease = first.body.leases[0];
    const labels = (ids: string[]) =>
      ids.map((id) => map.seats.find((s) => s.id === id)).map((s) => `${s?.row}${s?.label}`);
    // Band B starts at row C: the centre six of its front row.
    expect(labels(lease?.seatIds ?? []).sort()).toEqual(['C3', 'C4', 'C5', 'C6', 'C7', 'C8'].sort());
    const leased = async () => (await seatRows(db, performanceId)).filter((r) => r.state === 'leased').length;
    expect(await leased()).toBe(6);
    // The same request again: the same answer and nothing more.
    expect((await acquire(one, requestId)).body).toEqual(first.body);
    // A new request: the plan is filled, nothing more.
    expect((await acquire(one)).body.leases).toEqual(first.body.leases);
    expect(await leased()).toBe(6);
    await plan(one, { performanceId, seats: 8, band: 'B' });
    const grown = await acquire(one);
    expect(grown.body.leases.flatMap((l) => l.seatIds)).toHaveLength(8);
    expect(await leased()).toBe(8);
    // The lease ends at the performance's start.
    const [perf] = await db.query<{ startsAt: string }>(
      'SELECT starts_at AS "startsAt" FROM performances WHERE id = $1',
      [performanceId],
    );
    expect(grown.body.leases.every((l) => l.expiresAt === perf?.startsAt)).toBe(true);
  });

  it('says so when a plan cannot be filled, and serves no performance that has started', async () => {
    const { performanceId } = await seated();
    const one = await till();
    await plan(one, { performanceId, seats: 45 });
    const answer = await acquire(one);
    expect(answer.body.leases.flatMap((l) => l.seatIds)).toHaveLength(40);
    expect(answer.body.refusals).toEqual([
      { performanceId, message: 'Only 40 of the 45 seats still planned were free to lease.' },
    ]);
    const started = await seated(new Date(clock + 60_000).toISOString());
    await plan(one, { performanceId: started.performanceId, seats: 2 });
    clock += 2 * 60_000;
    const later = await acquire(one);
    expect(later.body.leases.filter((l) => l.performanceId === started.performanceId)).toEqual([]);
    expect((await seatRows(db, started.performanceId)).every((r) => r.state === 'free')).toBe(true);
  });

  it('sells a leased seat at push, puts it back on its lease at a refund, and frees it once the lease is returned', async () => {
    const { performanceId, map } = await seated();
    const one = await till();
    await plan(one, { performanceId, seats: 3 });
    const lease = (await acquire(one)).body.leases[0];
    const [x, y] = (lease?.seatIds ?? []).map((id) => map.seats.find((s) => s.id === id)!);
    if (!lease || !x || !y) throw new Error('no lease');
    const saleX = sell(one, performanceId, [x]);
    const saleY = sell(one, performanceId, [y]);
    const pushed = await pushTill(one);
    expect(pushed.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const soldX = await rowOf(performanceId, x.id);
    expect(soldX).toMatchObject({ state: 'sold', soldFromLease: lease.id });
    expect(soldX?.saleId).toBe((saleX.payload.sale as { id: string }).id);
    // A seated ticket takes no unit of the capacity counter.
    const counters = await db.query('SELECT 1 FROM pos_sale_escrow WHERE counter = $1', [
      `capacity:${performanceId}`,
    ]);
    expect(counters).toEqual([]);
    // Pushing the same batch again changes nothing.
    const positions = await seatRows(db, performanceId);
    expect((await pushTill(one)).body.results.every((r) => r.status === 'duplicate')).toBe(true);
    expect(await seatRows(db, performanceId)).toEqual(positions);

    one.box.append(
      'refund',
      refundPayload(saleX.payload as ReturnType<typeof salePayload>, {
        kind: 'refund',
        staffId: org.managerId,
      }),
    );
    await pushTill(one);
    expect(await rowOf(performanceId, x.id)).toMatchObject({
      state: 'leased',
      holder: one.id,
      leaseId: lease.id,
      saleId: null,
    });

    // The terminal returns what it still holds; y, sold, stays sold; then y's refund frees it.
    one.box.append('seat_lease.return', { leaseId: lease.id, seatIds: lease.seatIds });
    const returned = await pushTill(one);
    expect(returned.body.results.at(-1)).toMatchObject({ status: 'applied' });
    expect(await rowOf(performanceId, x.id)).toMatchObject({ state: 'free', holder: null });
    expect(await rowOf(performanceId, y.id)).toMatchObject({ state: 'sold' });
    const [row] = await db.query<{ returnedAt: string | null }>(
      'SELECT returned_at AS "returnedAt" FROM seat_leases WHERE id = $1',
      [lease.id],
    );
    expect(row?.returnedAt).not.toBeNull();
    one.box.append(
      'void',
      refundPayload(saleY.payload as ReturnType<typeof salePayload>, {
        kind: 'void',
        staffId: org.managerId,
      }),
    );
    expect((await pushTill(one)).body.results.at(-1)).toMatchObject({ status: 'applied' });
    expect(await rowOf(performanceId, y.id)).toMatchObject({
      state: 'free',
      saleId: null,
      soldFromLease: null,
    });
  });

  it('keeps a lapsed lease’s seats from other windows until its terminal returns them, after its sales of them', async () => {
    const { performanceId, map } = await seated(new Date(clock + 30 * 60_000).toISOString());
    const [one, two] = [await till(), await till()];
    await plan(one, { performanceId, seats: 2 });
    const lease = (await acquire(one)).body.leases[0];
    const [x, y] = (lease?.seatIds ?? []).map((id) => map.seats.find((s) => s.id === id)!);
    if (!lease || !x || !y) throw new Error('no lease');
    // Sold offline before the curtain, not pushed yet; the performance starts and the lease runs out.
    sell(one, performanceId, [x]);
    clock += 31 * 60_000;
    const refused = await cart(two, { performanceId, take: [x.id, y.id] });
    expect(refused.body.taken).toEqual([]);
    expect(refused.body.refused.map((r) => [r.seatId, r.state])).toEqual([
      [x.id, 'leased'],
      [y.id, 'leased'],
    ]);
    // The return follows the sale in the outbox: x is sold to that sale, only y goes free.
    one.box.append('seat_lease.return', { leaseId: lease.id, seatIds: [y.id] });
    expect((await pushTill(one)).body.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    expect(await rowOf(performanceId, x.id)).toMatchObject({ state: 'sold', soldFromLease: lease.id });
    expect(await rowOf(performanceId, y.id)).toMatchObject({ state: 'free' });
    expect(await db.query(`SELECT 1 FROM review_items WHERE terminal_id = $1`, [one.id])).toEqual([]);
  });

  it('frees the unsold seats of a revoked terminal’s leases at once', async () => {
    const { performanceId } = await seated();
    const one = await till();
    await plan(one, { performanceId, seats: 2 });
    const lease = (await acquire(one)).body.leases[0];
    if (!lease) throw new Error('no lease');
    expect((await org.api.post(`/v1/terminals/${one.id}/revoke`)).status).toBe(200);
    for (const seatId of lease.seatIds)
      expect(await rowOf(performanceId, seatId)).toMatchObject({ state: 'free', holder: null });
    const [row] = await db.query<{ returnedAt: string | null }>(
      'SELECT returned_at AS "returnedAt" FROM seat_leases WHERE id = $1',
      [lease.id],
    );
    expect(row?.returnedAt).not.toBeNull();
  });

  it('keeps a pushed sale of a seat the terminal did not hold, leaves the seat with its owner and opens a review item', async () => {
    const { performanceId, map } = await seated();
    const [one, two] = [await till(), await till()];
    const taken = seat(map, 'D9');
    await cart(two, { performanceId, take: [taken.id] });
    const sale = sell(one, performanceId, [taken]);
    const pushed = await pushTill(one);
    expect(pushed.body.results.at(-1)).toMatchObject({ status: 'applied' });
    expect(pushed.body.results.at(-1)?.message).toMatch(/1 seat\(s\) the terminal did not hold/);
    const saleId = (sale.payload.sale as { id: string }).id;
    expect(await db.query('SELECT 1 FROM pos_sales WHERE id = $1', [saleId])).toHaveLength(1);
    expect(await rowOf(performanceId, taken.id)).toMatchObject({ state: 'cart', holder: two.id });
    const items = await db.query<{ summary: string; payload: Record<string, unknown> }>(
      `SELECT summary, payload FROM review_items WHERE kind = 'seat_not_held' AND terminal_id = $1`,
      [one.id],
    );
    expect(items).toHaveLength(1);
    expect(items[0]?.summary).toContain(saleId);
    expect(items[0]?.summary).toContain('Stalls, row D, seat 9');
    expect(items[0]?.summary).toContain(`in the cart of terminal ${two.id}`);
    expect(items[0]?.payload).toMatchObject({ saleId, seatId: taken.id, state: 'cart', holder: two.id });
    // Listed in the review queue under its kind.
    const queue = await org.api.get<{ items: unknown[] }>(
      `/v1/review-items?kind=seat_not_held&terminalId=${one.id}`,
    );
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(1);
    // A re-push of the same batch adds nothing.
    await pushTill(one);
    expect(
      await db.query(`SELECT 1 FROM review_items WHERE kind = 'seat_not_held' AND terminal_id = $1`, [
        one.id,
      ]),
    ).toHaveLength(1);
  });

  it('ends a restored terminal’s seat leases, keeps its sold seats sold, and sends its re-sale of a freed seat to review', async () => {
    const { performanceId, map } = await seated();
    const one = await till();
    await plan(one, { performanceId, seats: 3 });
    const lease = (await acquire(one)).body.leases[0];
    const [x, y, z] = (lease?.seatIds ?? []).map((id) => map.seats.find((s) => s.id === id)!);
    if (!lease || !x || !y || !z) throw new Error('no lease');
    sell(one, performanceId, [x]);
    expect((await pushTill(one)).body.lastSeq).toBe(2);
    // The backup was taken after the shift opened: the restored copy sells x and y again as seq 2 and 3.
    const restored: Till = { ...one, box: outbox() };
    restored.box.entries.push(one.box.entries[0] as Mutation);
    const resaleX = sell(restored, performanceId, [x]);
    const resaleY = sell(restored, performanceId, [y]);
    const before = Math.max(...(await seatRows(db, performanceId)).map((r) => r.changePos));
    const clash = await pushTill(restored);
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ reason: 'RESTORED_FROM_BACKUP' });
    expect(await rowOf(performanceId, x.id)).toMatchObject({ state: 'sold', soldFromLease: lease.id });
    for (const freed of [y, z]) {
      expect(await rowOf(performanceId, freed.id)).toMatchObject({
        state: 'free',
        holder: null,
        leaseId: null,
      });
    }
    const [ended] = await db.query<{ returnedAt: string | null }>(
      'SELECT returned_at AS "returnedAt" FROM seat_leases WHERE id = $1',
      [lease.id],
    );
    expect(ended?.returnedAt).not.toBeNull();
    // The freed seats carry a new position, so other windows hear of them.
    const watcher = await till();
    const changed = await watcher.api.get<SeatStatesResponse>(
      `/v1/sync/seats/${performanceId}?since=${before}`,
    );
    expect(changed.body.statuses.map((s) => s.seatId).sort()).toEqual([y.id, z.id].sort());

    // Re-enrolled, the restored copy pushes from seq 1: both re-sales are kept, neither seat is taken.
    const again = await enrol(org, server.url, venueId, one.id);
    const reenrolled: Till = {
      ...restored,
      epoch: again.epoch,
      api: apiClient(server.url, again.deviceToken),
    };
    const repush = await pushTill(reenrolled);
    expect(repush.status).toBe(200);
    expect(repush.body.results.map((r) => r.status)).toEqual(['duplicate', 'applied', 'applied']);
    expect(await rowOf(performanceId, y.id)).toMatchObject({ state: 'free', saleId: null });
    const items = await db.query<{ payload: { saleId: string; seatId: string; state: string } }>(
      `SELECT payload FROM review_items WHERE kind = 'seat_not_held' AND terminal_id = $1`,
      [one.id],
    );
    const saleId = (m: { payload: Record<string, unknown> }) => (m.payload.sale as { id: string }).id;
    expect(items).toHaveLength(2);
    expect(items.find((i) => i.payload.seatId === x.id)?.payload).toMatchObject({
      saleId: saleId(resaleX),
      state: 'sold',
    });
    expect(items.find((i) => i.payload.seatId === y.id)?.payload).toMatchObject({
      saleId: saleId(resaleY),
      state: 'free',
    });
    // The re-enrolled terminal leases afresh.
    const fresh = await reenrolled.api.post<SeatLeaseAcquireResponse>('/v1/sync/seats/leases/acquire', {
      requestId: randomUUID(),
    });
    expect(fresh.body.leases.flatMap((l) => l.seatIds)).toHaveLength(3);
  });

  it('lets a manager keep plans, refuses a seller, and checks the section and band against the map', async () => {
    const { performanceId, map } = await seated();
    const one = await till();
    const seller = await signInAs(org.api, server.url, 'seller');
    const refused = await seller.api.put(`/v1/terminals/${one.id}/seat-lease-plans`, {
      performanceId,
      seats: 2,
    });
    expect(refused.status).toBe(403);
    expect((await seller.api.get(`/v1/terminals/${one.id}/seat-lease-plans`)).status).toBe(403);
    expect((await plan(one, { performanceId, seats: 2, band: 'Gallery' })).status).toBe(404);
    expect((await plan(one, { performanceId, seats: 2, sectionId: randomUUID() })).status).toBe(404);
    const set = await plan(one, { performanceId, seats: 2, sectionId: map.sections[0]?.id, band: 'a' });
    expect(set.body).toMatchObject({ terminalId: one.id, performanceId, seats: 2, band: 'A' });
    const listed = await org.api.get<{ plans: unknown[] }>(`/v1/terminals/${one.id}/seat-lease-plans`);
    expect(listed.body.plans).toEqual([set.body]);
    // Only seated performances take a plan.
    const unseated = await org.api.post<{ id: string }>('/v1/performances', {
      eventId,
      startsAt: new Date(clock + 86_400_000).toISOString(),
      capacity: 10,
    });
    expect((await plan(one, { performanceId: unseated.body.id, seats: 2 })).status).toBe(409);
    expect((await org.api.delete(`/v1/terminals/${one.id}/seat-lease-plans/${performanceId}`)).status).toBe(
      204,
    );
    expect((await org.api.delete(`/v1/terminals/${one.id}/seat-lease-plans/${performanceId}`)).status).toBe(
      404,
    );
    // A terminal reads only its own organisation's seats.
    const other = await seedOrganisation(db, server.url, 'Elsewhere');
    const hall = await seedHall(other);
    const foreign = await openTill(other, server.url, hall.venueId, other.managerId);
    expect((await foreign.api.get(`/v1/sync/seats/${performanceId}`)).status).toBe(404);
    expect((await cart(foreign, { performanceId, take: [map.seats[0]?.id] })).status).toBe(404);
  });
});
