import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { SeatMap } from '../../../shared/seating/types';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { insertSeatLease, setPerformanceSeatMap, upsertSeatMap } from '../../../src-main/db/repos/seat-repo';
import { printedTickets } from '../../../src-main/services/printing/sale-tickets';
import { startTestTerminal, type TestTerminal } from '../../helpers/terminal';

// docs/SEATING.md "At the window (terminal)": a terminal the server does not answer (here: never
// enrolled) sells only the seats leased to it, whatever the staff's permissions. The map and the
// leases are what a pull and a shift open would have brought.

const HAMLET = 'perf-hamlet-1';
const ADULT = 'tt-adult-hamlet';

function hall(): SeatMap {
  const stalls = randomUUID();
  const circle = randomUUID();
  const row = (sectionId: string, rowName: string, y: number, band: string) =>
    Array.from({ length: 6 }, (_, i) => ({
      id: randomUUID(),
      sectionId,
      row: rowName,
      label: String(i + 1),
      x: i * 10,
      y,
      band,
      flags: [],
      hold: null,
    }));
  return {
    id: randomUUID(),
    venueId: 'venue-demo',
    name: 'Main house',
    bands: ['Stalls', 'Circle'],
    sections: [
      { id: stalls, name: 'Stalls', kind: 'seated', capacity: null, band: null },
      { id: circle, name: 'Circle', kind: 'seated', capacity: null, band: null },
    ],
    seats: [
      ...row(stalls, 'A', 0, 'Stalls'),
      ...row(stalls, 'B', 10, 'Stalls'),
      ...row(circle, 'A', 50, 'Circle'),
    ],
    version: 1,
  };
}

describe('seats at the window, offline', () => {
  let pos: TestTerminal;
  let map: SeatMap;
  const seat = (row: string, label: string, section = 'Stalls') => {
    const sectionId = map.sections.find((s) => s.name === section)?.id;
    const found = map.seats.find((s) => s.sectionId === sectionId && s.row === row && s.label === label);
    if (!found) throw new Error(`no seat ${section} ${row} ${label}`);
    return found.id;
  };
  const leaseId = randomUUID();

  beforeEach(async () => {
    pos = await startTestTerminal();
    map = hall();
    const { db } = pos.terminal;
    upsertSeatMap(db, map);
    setPerformanceSeatMap(db, HAMLET, map.id);
    insertSeatLease(db, {
      id: leaseId,
      performanceId: HAMLET,
      seatIds: [seat('B', '3'), seat('B', '4'), seat('B', '5'), seat('A', '1', 'Circle')],
      expiresAt: '2026-11-21T19:00:00.000Z',
    });
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    await pos.must(c.shift.open, { openingFloat: 0 });
  });
  afterEach(() => pos.close());

  it('shows the map leased-only, with the leased seats as this terminal’s and the bands priced', async () => {
    const view = await pos.must(c.seats.map, { performanceId: HAMLET });
    expect(view).toMatchObject({ source: 'local', mode: 'leased-only' });
    expect(new Set(view.mine.leased)).toEqual(
      new Set([seat('B', '3'), seat('B', '4'), seat('B', '5'), seat('A', '1', 'Circle')]),
    );
    expect(view.statuses.find((s) => s.seatId === seat('B', '4'))).toMatchObject({ state: 'leased' });
    expect(
      view.bands.map((b) => [b.band, b.prices.find((p) => p.ticketTypeId === ADULT)?.unitPrice]),
    ).toEqual([
      ['Stalls', 4500],
      ['Circle', 3500],
    ]);
    // The states alone, as an open picker asks again: the same states, the map's version, no map.
    const states = await pos.must(c.seats.states, { performanceId: HAMLET });
    expect(states).not.toHaveProperty('map');
    expect(states).not.toHaveProperty('bands');
    expect(states).toMatchObject({
      mapId: view.map.id,
      mapVersion: view.map.version,
      mine: view.mine,
      mode: 'leased-only',
    });
    expect(states.statuses).toEqual(view.statuses);
  });

  it('sells leased seats at their band’s price and refuses an unleased one, naming it', async () => {
    const cart = await pos.must(c.seats.pick, {
      performanceId: HAMLET,
      seatIds: [seat('B', '3'), seat('A', '1', 'Circle')],
      ticketTypeId: ADULT,
    });
    expect(
      cart.lines.map((l) => [l.qty, l.unitPrice, l.seats?.map((s) => `${s.section} ${s.row}${s.seat}`)]),
    ).toEqual([
      [1, 4500, ['Stalls B3']],
      [1, 3500, ['Circle A1']],
    ]);
    const refused = await pos.call(c.seats.pick, {
      performanceId: HAMLET,
      seatIds: [seat('A', '2')],
      ticketTypeId: ADULT,
    });
    expect(refused).toMatchObject({ ok: false, reason: 'SEAT_NOT_LEASED' });
    expect(refused.ok || refused.message).toContain('Stalls, row A, seat 2');
    // It says how many leased seats this window has left (B4 and B5), or general admission.
    expect(refused.ok || refused.message).toContain('2 of them are left');
    const twice = await pos.call(c.seats.pick, {
      performanceId: HAMLET,
      seatIds: [seat('B', '3')],
      ticketTypeId: ADULT,
    });
    expect(twice).toMatchObject({ ok: false, reason: 'SEAT_IN_CART' });
  });

  it('lets no supervisor or manager sell a seat this terminal does not hold', async () => {
    for (const [staffId, pin] of [
      ['staff-sue', '5937'],
      ['staff-max', '640273'],
    ] as const) {
      await pos.must(c.staff.signIn, { staffId, pin });
      const refused = await pos.call(c.seats.pick, {
        performanceId: HAMLET,
        seatIds: [seat('A', '6')],
        ticketTypeId: ADULT,
      });
      expect(refused).toMatchObject({ ok: false, reason: 'SEAT_NOT_LEASED' });
    }
  });

  it('keeps seats out of quantity selling, of quantity changes and of reservations', async () => {
    const byQty = await pos.call(c.cart.addTicket, {
      performanceId: HAMLET,
      ticketPriceId: 'price-hamlet-adult-stalls',
      qty: 2,
    });
    expect(byQty).toMatchObject({ ok: false, reason: 'SEAT_PICK_ON_MAP' });
    const cart = await pos.must(c.seats.pick, {
      performanceId: HAMLET,
      seatIds: [seat('B', '3')],
      ticketTypeId: ADULT,
    });
    const lineId = cart.lines[0]?.id as string;
    expect(await pos.call(c.cart.setQty, { lineId, qty: 3 })).toMatchObject({
      ok: false,
      reason: 'SEAT_LINE_QTY',
    });
    await pos.must(c.cart.setCustomer, {
      customer: { id: 'C-ada', name: 'Ada', phone: '+49 30 1234567', priorOrders: 0, groups: [] },
    });
    expect(await pos.call(c.reservations.reserve, { cartId: cart.id })).toMatchObject({
      ok: false,
      reason: 'SEAT_RESERVE_UNSUPPORTED',
    });
    const emptied = await pos.must(c.cart.setQty, { lineId, qty: 0 });
    expect(emptied.lines).toEqual([]);
    expect((await pos.must(c.seats.map, { performanceId: HAMLET })).mine.leased).toContain(seat('B', '3'));
  });

  it('records the seats on the sale’s units, prints them, and a refund gives the seat back to its lease', async () => {
    await pos.must(c.seats.pick, {
      performanceId: HAMLET,
      seatIds: [seat('B', '4'), seat('B', '5')],
      ticketTypeId: ADULT,
    });
    const cart = await pos.must(c.cart.get);
    const sale = await pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total, tendered: cart.total }],
    });
    expect(sale.units.map((u) => u.seatLabel)).toEqual(['Stalls, row B, seat 4', 'Stalls, row B, seat 5']);
    expect(sale.units.map((u) => u.seatId)).toEqual([seat('B', '4'), seat('B', '5')]);
    // A seated ticket takes no unit of capacity (docs/SEATING.md).
    const sold = pos.terminal.db
      .prepare('SELECT sold FROM performance_sold WHERE performance_id = ?')
      .get(HAMLET) as { sold: number } | undefined;
    expect(sold?.sold ?? 0).toBe(0);
    const pushed = readOutbox(pos.terminal.db).find((e) => e.type === 'sale')?.payload as {
      units: { seatId: string | null; seatLabel: string | null }[];
    };
    expect(pushed.units.map((u) => u.seatLabel)).toEqual(['Stalls, row B, seat 4', 'Stalls, row B, seat 5']);
    expect(printedTickets(pos.terminal.db, sale).map((t) => t.seatLabel)).toEqual([
      'Stalls, row B, seat 4',
      'Stalls, row B, seat 5',
    ]);
    const receipt = await pos.must(c.print.preview, { saleId: sale.sale.id, width: 80 });
    const text = receipt.replace(/<[^>]+>/g, '').replace(/&#xa0;/g, ' ');
    expect(text).toContain('Stalls, row B, seat 4');
    expect(text).toContain('Stalls, row B, seat 5');

    let view = await pos.must(c.seats.map, { performanceId: HAMLET });
    expect(view.statuses.find((s) => s.seatId === seat('B', '4'))).toMatchObject({ state: 'sold' });
    expect(view.mine.leased).not.toContain(seat('B', '4'));
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    const first = sale.units[0];
    await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: first?.lineId as string, unitIndex: 0 }],
      reason: 'Customer request',
    });
    view = await pos.must(c.seats.map, { performanceId: HAMLET });
    expect(view.mine.leased).toContain(seat('B', '4'));
    expect(view.statuses.find((s) => s.seatId === seat('B', '5'))).toMatchObject({ state: 'sold' });
  });

  it('finds the best seats together among the leased ones and says it searched only those', async () => {
    const best = await pos.must(c.seats.best, { performanceId: HAMLET, n: 3 });
    expect(best.seatIds).toEqual([seat('B', '3'), seat('B', '4'), seat('B', '5')]);
    expect(best.message).toContain('only the seats leased to this window');
    const four = await pos.must(c.seats.best, { performanceId: HAMLET, n: 4 });
    expect(four.seatIds).toBeNull();
    expect(four.split?.map((g) => g.length)).toEqual([3, 1]);
  });

  it('stops using a lease once it has expired', async () => {
    pos.clock.set('2026-11-21T19:00:01.000Z');
    await pos.must(c.staff.unlock, { pin: '4826' });
    const refused = await pos.call(c.seats.pick, {
      performanceId: HAMLET,
      seatIds: [seat('B', '3')],
      ticketTypeId: ADULT,
    });
    expect(refused).toMatchObject({ ok: false, reason: 'SEAT_NOT_LEASED' });
  });
});
