import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { countPendingOutbox, readOutbox } from '../../src-main/db/repos/outbox-repo';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

// docs/RESERVATIONS.md at a standalone terminal: every refusal is a sentence and leaves nothing behind;
// the sweep scheduler releases an expired hold by itself; a pickup is priced by the code engine.

const HAMLET = 'perf-hamlet-1'; // starts 6 hours after the demo was loaded
const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00
const JAZZ = 'perf-jazz-1'; // 80 seats
const JAZZ_ADULT = 'price-jazz-adult-stalls';
const customer = { id: 'c-1', name: 'Ada Lovelace', email: 'ada@example.org', priorOrders: 0, groups: [] };

describe('reservations at the terminal', () => {
  let pos: TestTerminal;
  const hours = (n: number) => new Date(pos.clock.now() + n * 3_600_000).toISOString();
  const tables = () =>
    pos.terminal.db
      .prepare('SELECT (SELECT count(*) FROM reservations) + (SELECT count(*) FROM reservation_lines) AS n')
      .get();
  const sold = async (performanceId: string) =>
    (await pos.must(c.catalogue.performance, { performanceId })).performance.sold;
  const reserve = async (expiresAt?: string) => {
    const cart = await pos.must(c.cart.get);
    return pos.call(c.reservations.reserve, { cartId: cart.id, ...(expiresAt ? { expiresAt } : {}) });
  };

  beforeEach(async () => {
    pos = await startTestTerminal({ reservationSweepMs: 20 });
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
  });
  afterEach(() => pos.close());

  it('refuses bad input with a sentence each, saving nothing', async () => {
    const outbox = countPendingOutbox(pos.terminal.db);
    expect(await reserve()).toMatchObject({ ok: false, reason: 'RESERVE_EMPTY' });
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
    const noContact = await reserve();
    expect(noContact).toMatchObject({ ok: false, reason: 'RESERVE_NO_CUSTOMER' });
    expect(!noContact.ok && noContact.message).toContain('phone number or e-mail');
    await pos.must(c.cart.setCustomer, {
      customer: { id: 'c-2', name: 'No Contact', priorOrders: 0, groups: [] },
    });
    expect(await reserve()).toMatchObject({ ok: false, reason: 'RESERVE_NO_CUSTOMER' });
    await pos.must(c.cart.setCustomer, { customer });
    expect(await reserve(hours(-1))).toMatchObject({ ok: false, reason: 'RESERVE_EXPIRY_PAST' });
    const late = await reserve(hours(7));
    expect(late).toMatchObject({ ok: false, reason: 'RESERVE_EXPIRY_AFTER_START' });
    expect(!late.ok && late.message).toContain('past the start of the performance');
    const programme = await pos.must(c.cart.addProduct, { productId: 'prod-programme', qty: 1 });
    expect(await reserve()).toMatchObject({ ok: false, reason: 'RESERVE_TICKETS_ONLY' });
    await pos.must(c.cart.setQty, { lineId: programme.lines.at(-1)?.id ?? '', qty: 0 });
    expect(await pos.call(c.reservations.pickup, { ref: 'R-NOSUCH1' })).toMatchObject({
      ok: false,
      reason: 'RESERVATION_UNKNOWN',
    });
    expect(await pos.call(c.reservations.cancel, { ref: 'R-NOSUCH1', reason: 'x' })).toMatchObject({
      ok: false,
      reason: 'RESERVATION_UNKNOWN',
    });
    expect(tables()).toEqual({ n: 0 });
    expect(countPendingOutbox(pos.terminal.db)).toBe(outbox);
  });

  it('counts held seats like sold ones: the cart and the catalogue see them, a full house refuses', async () => {
    await pos.must(c.cart.addTicket, { performanceId: JAZZ, ticketPriceId: JAZZ_ADULT, qty: 78 });
    await pos.must(c.cart.setCustomer, { customer });
    const held = await reserve();
    expect(held).toMatchObject({ ok: true, value: { units: 78, status: 'held', total: 78 * 2500 } });
    expect(await sold(JAZZ)).toBe(78);
    const full = await pos.call(c.cart.addTicket, { performanceId: JAZZ, ticketPriceId: JAZZ_ADULT, qty: 3 });
    expect(full).toMatchObject({ ok: false, reason: 'CAPACITY' });
    expect(!full.ok && full.message).toContain('Only 2 seats');
    // Picking the hold up: its own seats are the cart's, so all 78 (and 2 more) fit.
    if (!held.ok) throw new Error('no hold');
    const cart = await pos.must(c.reservations.pickup, { ref: held.value.reference });
    expect(cart.lines).toMatchObject([{ qty: 78 }]);
    expect(await pos.call(c.cart.setQty, { lineId: cart.lines[0]?.id ?? '', qty: 80 })).toMatchObject({
      ok: true,
    });
    expect(await pos.call(c.cart.setQty, { lineId: cart.lines[0]?.id ?? '', qty: 81 })).toMatchObject({
      ok: false,
      reason: 'CAPACITY',
    });
  });

  it('picks up at the reserved price with the code engine, once; the scheduler expires another hold', async () => {
    await pos.must(c.shift.open, { openingFloat: 0 });
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
    await pos.must(c.cart.setCustomer, { customer });
    const held = await reserve();
    if (!held.ok) throw new Error(held.message);
    // Default expiry: half an hour before the performance.
    const performance = await pos.must(c.catalogue.performance, { performanceId: HAMLET });
    expect(Date.parse(performance.performance.startsAt) - Date.parse(held.value.expiresAt)).toBe(1_800_000);
    expect(await sold(HAMLET)).toBe(2);

    const cart = await pos.must(c.reservations.pickup, { ref: held.value.reference });
    expect(cart.gross).toBe(9000);
    expect(cart.code).toMatchObject({ code: 'WELCOME5', applies: true });
    const sale = await pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    expect(sale.sale.total).toBe(cart.total);
    expect(sale.tickets).toHaveLength(2);
    expect(await sold(HAMLET)).toBe(2);
    const list = await pos.must(c.reservations.list, { performanceId: HAMLET });
    expect(list).toMatchObject({ source: 'local', reservations: [{ status: 'picked_up' }] });

    // A second hold, left to expire: the sweep scheduler releases it without anyone asking.
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 3 });
    await pos.must(c.cart.setCustomer, { customer });
    const second = await reserve(hours(1));
    if (!second.ok) throw new Error(second.message);
    expect(await sold(HAMLET)).toBe(5);
    pos.clock.advance(3_600_000);
    await expect
      .poll(() =>
        pos.terminal.db.prepare('SELECT status FROM reservations WHERE id = ?').get(second.value.id),
      )
      .toEqual({ status: 'expired' });
    await pos.must(c.staff.unlock, { pin: '4826' });
    expect(await sold(HAMLET)).toBe(2);
    const released = readOutbox(pos.terminal.db).filter((m) => m.type === 'reservation.release');
    expect(released.map((m) => m.payload)).toMatchObject([
      { id: second.value.id, reason: 'expired', at: second.value.expiresAt },
    ]);
    const refused = await pos.call(c.reservations.pickup, { ref: second.value.reference });
    expect(refused).toMatchObject({ ok: false, reason: 'RESERVATION_EXPIRED' });
  });
});
