import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { SaleRecord } from '../../../shared/ipc/domains/sales';
import type { SeatMap } from '../../../shared/seating/types';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { seatStatus } from '../../../src-main/db/repos/seat-repo';
import { printedTickets } from '../../../src-main/services/printing/sale-tickets';
import { seatedCataloguePerformance } from '../../helpers/seated-world';
import { enrolledTerminal, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/SEATING.md "At the window (terminal)", the paths the other seat tests leave out, against the real
// server on 127.0.0.1: an exchange into new seats, a seated sale refunded at another window, and seat
// leases dropped when the clock goes back behind the terminal's high-water mark.

describe('seats at the window: exchange, refund elsewhere, clock moved back', () => {
  let world: SyncWorld;
  let n = 0;
  const open: TestTerminal[] = [];

  beforeAll(async () => {
    world = await startSyncWorld();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });
  afterAll(() => world.close());

  /** A fresh seated performance for each test, so leases and sales of one test never meet another's. */
  const performance = () => seatedCataloguePerformance(world, `Hall ${(n += 1)}`);

  /** An enrolled window with `leased` seats of the performance leased to it at shift open. */
  const window = async (performanceId: string, leased = 0) => {
    const pos = await enrolledTerminal(world, undefined, { sync: { autoStart: false, timeoutMs: 3_000 } });
    open.push(pos);
    if (leased > 0) {
      const plan = await world.org.api.put(`/v1/terminals/${pos.terminal.terminalId}/seat-lease-plans`, {
        performanceId,
        seats: leased,
      });
      expect(plan.status).toBe(200);
    }
    await pos.must(c.staff.signIn, { staffId: world.catalogue.supervisorId, pin: '8142' });
    await pos.must(c.shift.open, { openingFloat: 0 });
    return pos;
  };
  const serverSeat = async (performanceId: string, seatId: string) =>
    (
      await world.server.db().query<{ state: string; holder: string | null; saleId: string | null }>(
        `SELECT state, holder, sale_id AS "saleId" FROM performance_seats
           WHERE performance_id = $1 AND seat_id = $2`,
        [performanceId, seatId],
      )
    )[0];
  const labelOf = (map: SeatMap, seatId: string) => {
    const s = map.seats.find((x) => x.id === seatId);
    return `Stalls, row ${s?.row}, seat ${s?.label}`;
  };
  /** The first free seats of the map as the window sees them now, not `except`. */
  const freeSeats = async (pos: TestTerminal, performanceId: string, count: number, except: string[]) => {
    const view = await pos.must(c.seats.map, { performanceId });
    const free = view.statuses.filter((s) => s.state === 'free' && !except.includes(s.seatId));
    return free.slice(0, count).map((s) => s.seatId);
  };
  const adultPrice = async (pos: TestTerminal, performanceId: string) => {
    const price = (await pos.must(c.seats.map, { performanceId })).bands[0]?.prices[0];
    if (!price) throw new Error('no price');
    return price;
  };
  /** Picks `seatIds` and pays cash. */
  const sellSeats = async (pos: TestTerminal, performanceId: string, seatIds: string[]) => {
    const { ticketTypeId } = await adultPrice(pos, performanceId);
    await pos.must(c.seats.pick, { performanceId, seatIds, ticketTypeId });
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
  };
  /** Past the performance's start (two days ahead); afterEach puts the clock back for the next test. */
  let rewindTo: number | null = null;
  const pastTheCurtain = () => {
    rewindTo ??= world.clock.now();
    world.clock.advance(2 * 86_400_000 + 60_000);
  };
  afterEach(() => {
    if (rewindTo !== null) world.clock.set(new Date(rewindTo).toISOString());
    rewindTo = null;
  });
  const unitOf = (sale: SaleRecord, seatId: string) => {
    const u = sale.units.find((x) => x.seatId === seatId);
    if (!u) throw new Error(`no unit with seat ${seatId}`);
    return { lineId: u.lineId, unitIndex: u.unitIndex };
  };

  it('exchanges two seats for two others in one transaction: the old go back, the new are sold and printed', async () => {
    const { performanceId, map } = await performance();
    const one = await window(performanceId, 1);
    const [leased] = (await one.must(c.seats.map, { performanceId })).mine.leased;
    if (!leased) throw new Error('no lease granted');
    const [fromCart] = await freeSeats(one, performanceId, 1, [leased]);
    const old = await sellSeats(one, performanceId, [leased, fromCart as string]);
    await one.terminal.sync.pushOnce();
    expect(await serverSeat(performanceId, leased)).toMatchObject({ state: 'sold', saleId: old.sale.id });

    // The new seats are picked into the till's cart first (a server cart hold), then exchanged for.
    const fresh = await freeSeats(one, performanceId, 2, [leased, fromCart as string]);
    const price = await adultPrice(one, performanceId);
    await one.must(c.seats.pick, { performanceId, seatIds: fresh, ticketTypeId: price.ticketTypeId });
    const done = await one.must(c.sales.exchange, {
      saleId: old.sale.id,
      units: [unitOf(old, leased), unitOf(old, fromCart as string)],
      lines: [{ performanceId, ticketPriceId: price.ticketPriceId, qty: 2, seatIds: fresh }],
      reason: 'Customer request',
      tenders: [],
    });
    const labels = fresh.map((id) => labelOf(map, id));
    expect(done.sale.units.map((u) => u.seatLabel)).toEqual(labels);
    expect(done.sale.units.map((u) => u.seatId)).toEqual(fresh);
    expect(printedTickets(one.terminal.db, done.sale).map((t) => t.seatLabel)).toEqual(labels);
    const receipt = (await one.must(c.print.preview, { saleId: done.sale.sale.id, width: 80 }))
      .replace(/<[^>]+>/g, '')
      .replace(/&#xa0;/g, ' ');
    for (const label of labels) expect(receipt).toContain(label);
    expect(receipt).not.toContain(labelOf(map, leased));
    // The sold seats left the cart without being given back; the old ones are released here.
    expect((await one.must(c.cart.get)).lines).toEqual([]);
    const db = one.terminal.db;
    expect(fresh.map((id) => seatStatus(db, performanceId, id)?.state)).toEqual(['sold', 'sold']);
    expect(seatStatus(db, performanceId, leased)).toMatchObject({ state: 'leased' });
    expect(seatStatus(db, performanceId, fromCart as string)).toMatchObject({ state: 'free' });
    expect((await one.must(c.seats.map, { performanceId })).mine.leased).toEqual([leased]);

    await one.terminal.sync.pushOnce();
    // On the server too: the leased seat is back in its lease, the other free, the new ones sold.
    expect(await serverSeat(performanceId, leased)).toMatchObject({
      state: 'leased',
      holder: one.terminal.terminalId,
    });
    expect(await serverSeat(performanceId, fromCart as string)).toMatchObject({
      state: 'free',
      holder: null,
    });
    for (const id of fresh)
      expect(await serverSeat(performanceId, id)).toMatchObject({ state: 'sold', saleId: done.sale.sale.id });
  });

  it('learns by pull that another window refunded its seats, and releases them by the release rule', async () => {
    const { performanceId, map } = await performance();
    const a = await window(performanceId, 1);
    const b = await window(performanceId);
    const [leased] = (await a.must(c.seats.map, { performanceId })).mine.leased;
    if (!leased) throw new Error('no lease granted');
    const [fromCart] = await freeSeats(a, performanceId, 1, [leased]);
    const sale = await sellSeats(a, performanceId, [leased, fromCart as string]);
    expect((await a.must(c.seats.map, { performanceId })).mine.leased).toEqual([]);
    await a.must(c.sync.now);

    await b.must(c.sales.refundElsewhere, {
      saleId: sale.sale.id,
      units: [unitOf(sale, leased), unitOf(sale, fromCart as string)],
      reason: 'Customer request',
    });
    await b.must(c.sync.now);
    expect(await serverSeat(performanceId, leased)).toMatchObject({
      state: 'leased',
      holder: a.terminal.terminalId,
    });
    expect(await serverSeat(performanceId, fromCart as string)).toMatchObject({ state: 'free' });

    await a.must(c.sync.now);
    // A's own store, without asking the server: the leased seat is back in A's lease, the other free.
    const db = a.terminal.db;
    expect(seatStatus(db, performanceId, leased)).toMatchObject({
      state: 'leased',
      holder: a.terminal.terminalId,
    });
    expect(seatStatus(db, performanceId, fromCart as string)).toMatchObject({ state: 'free' });
    await world.server.stop();
    try {
      const offline = await a.must(c.seats.map, { performanceId });
      expect(offline).toMatchObject({ mode: 'leased-only', mine: { leased: [leased] } });
      // So A sells that seat again with the server gone.
      const again = await sellSeats(a, performanceId, [leased]);
      expect(again.units.map((u) => u.seatLabel)).toEqual([labelOf(map, leased)]);
    } finally {
      await world.server.restart();
    }
  });

  it('sells a seat of a lease it stopped at shift close, before that return was pushed, through the cart', async () => {
    // The sync simulation's find: the seat went back into the cart of the window that still held it by
    // the returned lease, the return (earlier in the outbox) then freed it, and the sale went to review.
    const { performanceId } = await performance();
    const one = await window(performanceId, 1);
    const [leased] = (await one.must(c.seats.map, { performanceId })).mine.leased;
    if (!leased) throw new Error('no lease granted');
    await one.must(c.shift.close, { countedCash: 0 });
    await one.must(c.shift.open, { openingFloat: 0 });
    // The return is still in the outbox: the server holds the seat leased to this window.
    expect(await serverSeat(performanceId, leased)).toMatchObject({ state: 'leased' });
    expect((await one.must(c.seats.map, { performanceId })).mine.leased).toEqual([]);
    const sale = await sellSeats(one, performanceId, [leased]);
    await one.terminal.sync.pushOnce();
    expect(await serverSeat(performanceId, leased)).toMatchObject({ state: 'sold', saleId: sale.sale.id });
    const reviews = await world.server
      .db()
      .query("SELECT 1 FROM review_items WHERE kind = 'seat_not_held' AND payload->>'saleId' = $1", [
        sale.sale.id,
      ]);
    expect(reviews).toEqual([]);
  });

  it('stops every seat lease when the clock goes back behind its high-water mark and queues their return', async () => {
    const { performanceId, map } = await performance();
    const one = await window(performanceId, 2);
    const leased = (await one.must(c.seats.map, { performanceId })).mine.leased;
    expect(leased).toHaveLength(2);

    // The terminal has seen an hour later (its high-water mark), then the clock is set back.
    const back = world.clock.now();
    world.clock.advance(3_600_000);
    expect(one.terminal.sync.expireOnce()).toMatchObject({ ok: true });
    world.clock.set(new Date(back).toISOString());
    try {
      await one.must(c.staff.signIn, { staffId: world.catalogue.supervisorId, pin: '8142' });
      const view = await one.must(c.seats.map, { performanceId });
      expect(view.mine.leased).toEqual([]);
      const returns = readOutbox(one.terminal.db).filter((e) => e.type === 'seat_lease.return');
      expect(returns.flatMap((e) => (e.payload as { seatIds: string[] }).seatIds).sort()).toEqual(
        [...leased].sort(),
      );

      await world.server.stop();
      try {
        const refused = await one.call(c.seats.pick, {
          performanceId,
          seatIds: [leased[0] as string],
          ticketTypeId: view.bands[0]?.prices[0]?.ticketTypeId ?? '',
        });
        expect(refused).toMatchObject({ ok: false, reason: 'SEAT_NOT_LEASED' });
        expect(refused.ok || refused.message).toContain(labelOf(map, leased[0] as string));
      } finally {
        await world.server.restart();
      }
      await one.terminal.sync.pushOnce();
      for (const id of leased) expect(await serverSeat(performanceId, id)).toMatchObject({ state: 'free' });
    } finally {
      world.clock.set(new Date(back + 3_600_000).toISOString());
    }
  });

  it('returns a lease that ran out at the curtain: the sale of its seat goes first, the unsold one goes free', async () => {
    const { performanceId } = await performance();
    const one = await window(performanceId, 2);
    const [soldSeat, unsold] = (await one.must(c.seats.map, { performanceId })).mine.leased;
    if (!soldSeat || !unsold) throw new Error('no leased seats');
    await world.server.stop();
    let saleId: string;
    try {
      saleId = (await sellSeats(one, performanceId, [soldSeat])).sale.id;
    } finally {
      await world.server.restart();
    }
    // Past the performance's start: the lease has run out, and other windows still may not take its
    // seats until this terminal says which it sold (docs/SEATING.md "Offline: seat leases").
    pastTheCurtain();
    expect(await serverSeat(performanceId, unsold)).toMatchObject({ state: 'leased' });
    // The window's next look at the seats (or its shift close) stops the lease and queues the return.
    await one.must(c.staff.signIn, { staffId: world.catalogue.supervisorId, pin: '8142' });
    expect((await one.must(c.seats.map, { performanceId })).mine.leased).toEqual([]);
    const outbox = readOutbox(one.terminal.db);
    const returned = outbox.filter((e) => e.type === 'seat_lease.return');
    expect(returned.map((e) => (e.payload as { seatIds: string[] }).seatIds)).toEqual([[unsold]]);
    expect(outbox.findIndex((e) => e.type === 'sale')).toBeLessThan(outbox.indexOf(returned[0]!));
    expect(await one.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    expect(await serverSeat(performanceId, soldSeat)).toMatchObject({ state: 'sold', saleId });
    expect(await serverSeat(performanceId, unsold)).toMatchObject({ state: 'free', holder: null });
  });

  it('will not put a seat it sold and refunded offline into an online cart before that refund is pushed', async () => {
    const { performanceId, map } = await performance();
    const one = await window(performanceId, 1);
    const [x] = (await one.must(c.seats.map, { performanceId })).mine.leased;
    if (!x) throw new Error('no leased seat');
    await world.server.stop();
    try {
      const sale = await sellSeats(one, performanceId, [x]);
      await one.must(c.sales.refund, {
        saleId: sale.sale.id,
        units: [unitOf(sale, x)],
        reason: 'Customer request',
      });
    } finally {
      await world.server.restart();
    }
    // The curtain: the lease runs out with x back on it, and the window sells x again, online.
    pastTheCurtain();
    await one.must(c.staff.signIn, { staffId: world.catalogue.supervisorId, pin: '8142' });
    const view = await one.must(c.seats.map, { performanceId });
    expect(view.statuses.find((s) => s.seatId === x)?.state).toBe('sold');
    const { ticketTypeId } = await adultPrice(one, performanceId);
    const refused = await one.call(c.seats.pick, { performanceId, seatIds: [x], ticketTypeId });
    expect(refused).toMatchObject({ ok: false, reason: 'SEAT_NOT_SYNCED' });
    expect(refused.ok || refused.message).toContain(labelOf(map, x));
    // Once the sale, its refund and the lease's return are on the server, x sells cleanly again.
    await one.must(c.sync.now);
    const again = await sellSeats(one, performanceId, [x]);
    await one.must(c.sync.now);
    expect(await serverSeat(performanceId, x)).toMatchObject({ state: 'sold', saleId: again.sale.id });
    const reviews = await world.server
      .db()
      .query("SELECT 1 FROM review_items WHERE kind = 'seat_not_held' AND terminal_id = $1", [
        one.terminal.terminalId,
      ]);
    expect(reviews).toEqual([]);
  });
});
