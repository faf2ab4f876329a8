import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { SeatMap } from '../../../shared/seating/types';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { seatedCataloguePerformance } from '../../helpers/seated-world';
import { enrolledTerminal, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/SEATING.md "At the window (terminal)" against the real server on 127.0.0.1: cart holds on the
// server, two windows racing for one seat, seats in pushed sales and refunds, and seat leases taken
// at shift open and given back at shift close.

describe('seats at the window, online', () => {
  let world: SyncWorld;
  let map: SeatMap;
  let performanceId: string;
  let adult = '';
  const open: TestTerminal[] = [];

  beforeAll(async () => {
    world = await startSyncWorld();
    ({ performanceId, map } = await seatedCataloguePerformance(world));
  }, 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  afterAll(() => world.close());

  const seat = (label: string) => {
    const found = map.seats.find((s) => `${s.row}${s.label}` === label);
    if (!found) throw new Error(`no seat ${label}`);
    return found.id;
  };
  const window = async () => {
    const pos = await enrolledTerminal(world, undefined, { sync: { autoStart: false, timeoutMs: 3_000 } });
    open.push(pos);
    await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    if (!(await pos.must(c.shift.current))) await pos.must(c.shift.open, { openingFloat: 0 });
    return pos;
  };
  const ticketType = async (pos: TestTerminal) => {
    if (adult) return adult;
    const view = await pos.must(c.seats.map, { performanceId });
    adult = view.bands[0]?.prices[0]?.ticketTypeId ?? '';
    return adult;
  };
  const serverSeat = async (seatId: string) =>
    (
      await world.server
        .db()
        .query<{ state: string; holder: string | null }>(
          'SELECT state, holder FROM performance_seats WHERE performance_id = $1 AND seat_id = $2',
          [performanceId, seatId],
        )
    )[0];

  it('takes a seat into one window’s cart on the server; the other window is refused until it is cleared', async () => {
    const one = await window();
    const two = await window();
    const view = await one.must(c.seats.map, { performanceId });
    expect(view).toMatchObject({ source: 'server', mode: 'online' });
    expect(view.statuses).toHaveLength(12);
    const cart = await one.must(c.seats.pick, {
      performanceId,
      seatIds: [seat('A3')],
      ticketTypeId: await ticketType(one),
    });
    expect(cart.lines[0]?.seats).toEqual([{ seatId: seat('A3'), section: 'Stalls', row: 'A', seat: '3' }]);
    expect(await serverSeat(seat('A3'))).toEqual({ state: 'cart', holder: one.terminal.terminalId });

    const refused = await two.call(c.seats.pick, {
      performanceId,
      seatIds: [seat('A3')],
      ticketTypeId: adult,
    });
    expect(refused).toMatchObject({ ok: false, reason: 'SEAT_TAKEN' });
    expect(refused.ok || refused.message).toContain('Stalls, row A, seat 3');
    const seen = await two.must(c.seats.map, { performanceId });
    expect(seen.statuses.find((s) => s.seatId === seat('A3'))).toMatchObject({ state: 'cart' });

    await one.must(c.cart.clear);
    expect(await serverSeat(seat('A3'))).toMatchObject({ state: 'free' });
    await two.must(c.seats.pick, { performanceId, seatIds: [seat('A3')], ticketTypeId: adult });
    expect(await serverSeat(seat('A3'))).toEqual({ state: 'cart', holder: two.terminal.terminalId });
    await two.must(c.seats.unpick, { seatIds: [seat('A3')] });
    expect(await serverSeat(seat('A3'))).toMatchObject({ state: 'free' });
  });

  it('sells the seats it holds, pushes them sold, and a refund frees them on the server', async () => {
    const one = await window();
    await one.must(c.seats.pick, {
      performanceId,
      seatIds: [seat('B1'), seat('B2')],
      ticketTypeId: await ticketType(one),
    });
    const cart = await one.must(c.cart.get);
    const sale = await one.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    expect(sale.units.map((u) => u.seatLabel)).toEqual(['Stalls, row B, seat 1', 'Stalls, row B, seat 2']);
    await one.terminal.sync.pushOnce();
    expect(await serverSeat(seat('B1'))).toMatchObject({ state: 'sold' });
    await one.must(c.staff.signIn, { staffId: world.catalogue.supervisorId, pin: '8142' });
    await one.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: sale.units[0]?.lineId as string, unitIndex: 0 }],
      reason: 'Customer request',
    });
    await one.terminal.sync.pushOnce();
    expect(await serverSeat(seat('B1'))).toMatchObject({ state: 'free' });
    expect(await serverSeat(seat('B2'))).toMatchObject({ state: 'sold' });
  });

  it('will not sell a seat twice before its sale is pushed, though the server still holds it for this window', async () => {
    const one = await window();
    await one.must(c.seats.pick, {
      performanceId,
      seatIds: [seat('B5')],
      ticketTypeId: await ticketType(one),
    });
    const cart = await one.must(c.cart.get);
    await one.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    // Not pushed yet: the server still has the seat in this terminal's cart.
    expect(await serverSeat(seat('B5'))).toEqual({ state: 'cart', holder: one.terminal.terminalId });
    const again = await one.call(c.seats.pick, { performanceId, seatIds: [seat('B5')], ticketTypeId: adult });
    expect(again).toMatchObject({ ok: false, reason: 'SEAT_TAKEN' });
    expect(again.ok || again.message).toContain('Stalls, row B, seat 5');
    const view = await one.must(c.seats.map, { performanceId });
    expect(view.statuses.find((s) => s.seatId === seat('B5'))).toMatchObject({ state: 'sold' });
    await one.terminal.sync.pushOnce();
    expect(await serverSeat(seat('B5'))).toMatchObject({ state: 'sold' });
  });

  it('holds a cart’s seats from the checkout until the push, and refuses to sell them with the server gone', async () => {
    const one = await window();
    await one.must(c.seats.pick, {
      performanceId,
      seatIds: [seat('A6')],
      ticketTypeId: await ticketType(one),
    });
    const expiry = async (seatId: string) =>
      Date.parse(
        (
          await world.server
            .db()
            .query<{ expires_at: string | Date }>(
              'SELECT expires_at FROM performance_seats WHERE performance_id = $1 AND seat_id = $2',
              [performanceId, seatId],
            )
        )[0]?.expires_at as string,
      );
    // Picked: the cart's fifteen minutes (by the server's clock).
    const picked = await expiry(seat('A6'));

    // The server gone at the checkout: a seat held only there is not sold, and stays in the cart.
    await world.server.stop();
    try {
      const cart = await one.must(c.cart.get);
      const refused = await one.call(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'cash', amount: cart.total }],
      });
      expect(refused).toMatchObject({ ok: false, reason: 'SEAT_CHECKOUT_OFFLINE' });
      expect(refused.ok || refused.message).toContain('Stalls, row A, seat 6');
      expect((await one.must(c.cart.get)).lines).toHaveLength(1);
    } finally {
      await world.server.restart();
    }

    // Back: the checkout holds the seat until the push can arrive, past the cart's fifteen minutes.
    const cart = await one.must(c.cart.get);
    await one.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    expect(await serverSeat(seat('A6'))).toEqual({ state: 'cart', holder: one.terminal.terminalId });
    expect(await expiry(seat('A6'))).toBeGreaterThan(picked + 60 * 60_000);
    await one.terminal.sync.pushOnce();
    expect(await serverSeat(seat('A6'))).toMatchObject({ state: 'sold' });
  });

  it('acquires seat leases at shift open, sells them with the server gone, and returns the rest at shift close', async () => {
    const one = await window();
    await one.must(c.staff.signIn, { staffId: world.catalogue.managerId, pin: '907153' });
    await one.must(c.shift.close, { countedCash: (await one.must(c.shift.current))?.expectedCash ?? 0 });
    const plan = await world.org.api.put(`/v1/terminals/${one.terminal.terminalId}/seat-lease-plans`, {
      performanceId,
      seats: 3,
    });
    expect(plan.status).toBe(200);
    await one.must(c.shift.open, { openingFloat: 0 });
    const leased = (await one.must(c.seats.map, { performanceId })).mine.leased;
    expect(leased).toHaveLength(3);
    for (const id of leased)
      expect(await serverSeat(id)).toEqual({ state: 'leased', holder: one.terminal.terminalId });

    await world.server.stop();
    try {
      const offline = await one.must(c.seats.map, { performanceId });
      expect(offline.mode).toBe('leased-only');
      const unleased = map.seats.find(
        (s) =>
          !leased.includes(s.id) &&
          (offline.statuses.find((x) => x.seatId === s.id)?.state ?? 'free') === 'free',
      );
      const refused = await one.call(c.seats.pick, {
        performanceId,
        seatIds: [unleased?.id as string],
        ticketTypeId: await ticketType(one),
      });
      expect(refused).toMatchObject({ ok: false, reason: 'SEAT_NOT_LEASED' });
      await one.must(c.seats.pick, { performanceId, seatIds: [leased[0] as string], ticketTypeId: adult });
      const cart = await one.must(c.cart.get);
      await one.must(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'cash', amount: cart.total }],
      });
    } finally {
      await world.server.restart();
    }
    await one.terminal.sync.pushOnce();
    expect(await serverSeat(leased[0] as string)).toMatchObject({ state: 'sold' });
    await one.terminal.sync.pullOnce();
    await one.must(c.shift.close, { countedCash: (await one.must(c.shift.current))?.expectedCash ?? 0 });
    const returned = readOutbox(one.terminal.db).filter((e) => e.type === 'seat_lease.return');
    expect(returned.map((e) => (e.payload as { seatIds: string[] }).seatIds.length)).toEqual([2]);
    await one.terminal.sync.pushOnce();
    for (const id of leased.slice(1)) expect(await serverSeat(id)).toMatchObject({ state: 'free' });
    expect(await serverSeat(leased[0] as string)).toMatchObject({ state: 'sold' });
  });
});
