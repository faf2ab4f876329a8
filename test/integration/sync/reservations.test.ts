import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { ReservationView } from '../../../shared/reservations/rules';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { useSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/RESERVATIONS.md with a real server: holds taken from the capacity leases, released by expiry
// offline and online, picked up into a sale, cancelled. Seats are counted once everywhere.

const customer = {
  id: 'cust-1',
  name: 'Ada Lovelace',
  phone: '+44 20 7946 0000',
  priorOrders: 0,
  groups: [],
};

describe('sync: reservations and the will-call list', () => {
  const { world, enrolled } = useSyncWorld(40);
  const w = (): SyncWorld => world();
  const seats = () => `capacity:${w().catalogue.performanceId}`;

  const one = async <T>(sql: string, params: unknown[] = []) =>
    (await w().server.db().query<T>(sql, params))[0] as T;

  /** An enrolled till with a shift open and its seat lease fetched. */
  const till = async (): Promise<TestTerminal> => {
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: w().catalogue.sellerId, pin: '7305' });
    await pos.must(c.shift.open, { openingFloat: 0 });
    // A scheduler round tops the leases up while a shift is open.
    expect(await pos.terminal.sync.round()).toBe(true);
    return pos;
  };

  const leaseLeft = async (pos: TestTerminal) =>
    (await pos.must(c.sync.status)).leases.find((l) => l.counter === seats())?.remaining ?? 0;
  const soldHere = async (pos: TestTerminal) =>
    (await pos.must(c.catalogue.performance, { performanceId: w().catalogue.performanceId })).performance
      .sold;

  const reserve = async (pos: TestTerminal, qty: number, expiresInMs: number | null = 3_600_000) => {
    await pos.must(c.cart.clear);
    await pos.must(c.cart.addTicket, {
      performanceId: w().catalogue.performanceId,
      ticketPriceId: w().catalogue.ticketPriceId,
      qty,
    });
    await pos.must(c.cart.setCustomer, { customer });
    const cart = await pos.must(c.cart.get);
    return pos.must(c.reservations.reserve, {
      cartId: cart.id,
      ...(expiresInMs === null ? {} : { expiresAt: new Date(w().clock.now() + expiresInMs).toISOString() }),
    });
  };

  const serverList = async (pos: TestTerminal) => {
    const answer = await pos.terminal.sync.request({
      method: 'GET',
      path: `/v1/sync/reservations?performanceId=${w().catalogue.performanceId}`,
    });
    expect(answer?.status).toBe(200);
    const body = answer?.body as {
      reservations: ReservationView[];
      capacity: { capacity: number; sold: number; held: number; left: number };
    };
    return { ...body, of: (id: string) => body.reservations.filter((r) => r.id === id) };
  };
  const serverLeaseUsed = async (pos: TestTerminal) =>
    (
      await one<{ used: number }>(
        `SELECT coalesce(sum(used), 0)::int AS used FROM escrow_leases WHERE terminal_id = $1 AND counter = $2`,
        [pos.terminal.terminalId, seats()],
      )
    ).used;
  const mutations = async (pos: TestTerminal, type: string) =>
    (
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM sync_mutations WHERE terminal_id = $1 AND type = $2 AND status = 'applied'`,
        [pos.terminal.terminalId, type],
      )
    ).n;

  it('reserves offline from the lease, expires offline, gives the seats back and pushes the release once', async () => {
    const pos = await till();
    const leased = await leaseLeft(pos);
    const soldBefore = await soldHere(pos);
    expect(leased).toBeGreaterThanOrEqual(3);

    await w().server.stop();
    try {
      // More than the lease holds: refused offline with the seats left, nothing saved or taken.
      await pos.must(c.cart.clear);
      await pos.must(c.cart.addTicket, {
        performanceId: w().catalogue.performanceId,
        ticketPriceId: w().catalogue.ticketPriceId,
        qty: leased + 1,
      });
      await pos.must(c.cart.setCustomer, { customer });
      const cartId = (await pos.must(c.cart.get)).id;
      const over = await pos.call(c.reservations.reserve, { cartId });
      expect(over).toMatchObject({ ok: false, reason: 'CAPACITY' });
      expect(!over.ok && over.message).toContain(`Only ${leased} seats`);
      expect(await leaseLeft(pos)).toBe(leased);
      expect(readOutbox(pos.terminal.db).filter((m) => m.type === 'reservation.create')).toEqual([]);

      const held = await reserve(pos, 3);
      expect(held).toMatchObject({ status: 'held', units: 3, total: 12_000, customerName: 'Ada Lovelace' });
      expect(held.reference).toMatch(/^R-[2-9A-Z]{7}$/);
      expect(await leaseLeft(pos)).toBe(leased - 3);
      expect(await soldHere(pos)).toBe(soldBefore + 3);

      w().clock.advance(3_600_001);
      await pos.must(c.staff.unlock, { pin: '7305' });
      const list = await pos.must(c.reservations.list, { performanceId: w().catalogue.performanceId });
      expect(list.source).toBe('local');
      expect(list.reservations.filter((r) => r.id === held.id)).toMatchObject([{ status: 'expired' }]);
      expect(await leaseLeft(pos)).toBe(leased);
      expect(await soldHere(pos)).toBe(soldBefore);
      const releases = readOutbox(pos.terminal.db).filter((m) => m.type === 'reservation.release');
      expect(releases.map((m) => m.payload)).toMatchObject([{ id: held.id, reason: 'expired' }]);

      const late = await pos.call(c.reservations.pickup, { ref: held.reference });
      expect(late).toMatchObject({ ok: false, reason: 'RESERVATION_EXPIRED' });
      expect(!late.ok && late.message).toContain('expired');
    } finally {
      await w().server.restart();
    }
    await pos.must(c.sync.now);
    await pos.must(c.sync.now);
    expect(await mutations(pos, 'reservation.create')).toBe(1);
    expect(await mutations(pos, 'reservation.release')).toBe(1);
    const created = readOutbox(pos.terminal.db).find((m) => m.type === 'reservation.create');
    expect(
      await one('SELECT status, closed_by AS "closedBy" FROM pos_reservations WHERE id = $1', [
        (created?.payload as { id: string }).id,
      ]),
    ).toEqual({ status: 'expired', closedBy: 'terminal' });
    expect(await serverLeaseUsed(pos)).toBe(0);
  });

  it('reserves online; the server sweeps the expiry first, the terminal agrees, the seats are free again', async () => {
    const pos = await till();
    const held = await reserve(pos, 2);
    await pos.must(c.sync.now);
    const before = await serverList(pos);
    expect(before.of(held.id)).toMatchObject([{ status: 'held', units: 2, terminalName: 'Box 1' }]);
    expect(before.capacity).toEqual({ capacity: 40, sold: 0, held: 2, left: 38 });
    expect(await serverLeaseUsed(pos)).toBe(2);

    w().clock.advance(3_600_001);
    // The server sweeps on its own (on this read) before the terminal has said anything.
    const after = await serverList(pos);
    expect(after.of(held.id)).toMatchObject([{ status: 'expired' }]);
    expect(after.capacity).toEqual({ capacity: 40, sold: 0, held: 0, left: 40 });
    expect(await one('SELECT closed_by AS "by" FROM pos_reservations WHERE id = $1', [held.id])).toEqual({
      by: 'server',
    });
    expect(await serverLeaseUsed(pos)).toBe(0);

    // The terminal's own sweep releases it too; its release changes nothing on the server.
    await pos.must(c.staff.unlock, { pin: '7305' });
    const local = await pos.must(c.reservations.list, { query: held.reference });
    expect(local.reservations).toMatchObject([{ status: 'expired' }]);
    await pos.must(c.sync.now);
    expect(await mutations(pos, 'reservation.release')).toBe(1);
    expect(await serverLeaseUsed(pos)).toBe(0);
    expect(await one<{ n: number }>('SELECT count(*)::int AS n FROM quarantined_mutations')).toEqual({
      n: 0,
    });
  });

  it('picks up into a sale with tickets at the reserved price; the seats and lease units count once', async () => {
    const pos = await till();
    const soldBefore = await soldHere(pos);
    const held = await reserve(pos, 2, null);
    // Without a chosen expiry the hold ends 30 minutes before the performance starts.
    const performance = await pos.must(c.catalogue.performance, {
      performanceId: w().catalogue.performanceId,
    });
    expect(Date.parse(performance.performance.startsAt) - Date.parse(held.expiresAt)).toBe(30 * 60_000);

    const cart = await pos.must(c.reservations.pickup, { ref: held.reference.toLowerCase() });
    expect(cart.lines).toMatchObject([{ qty: 2, unitPrice: 4000 }]);
    expect(cart.customer).toMatchObject({ name: 'Ada Lovelace' });
    const sale = await pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    expect(sale.tickets).toHaveLength(2);
    expect(await soldHere(pos)).toBe(soldBefore + 2);
    const types = readOutbox(pos.terminal.db).map((m) => m.type);
    expect(types.slice(-2)).toEqual(['reservation.pickup', 'sale']);

    const again = await pos.call(c.reservations.pickup, { ref: held.reference });
    expect(again).toMatchObject({ ok: false, reason: 'RESERVATION_PICKED_UP' });

    await pos.must(c.sync.now);
    const server = await serverList(pos);
    expect(server.of(held.id)).toMatchObject([{ status: 'picked_up' }]);
    expect(server.capacity).toMatchObject({ sold: 2, held: 0, left: 38 });
    expect(await serverLeaseUsed(pos)).toBe(2);
    expect(await one('SELECT sale_id AS "saleId" FROM pos_reservations WHERE id = $1', [held.id])).toEqual({
      saleId: sale.sale.id,
    });
  });

  it('picks up offline at the window that holds it; the server learns hold and sale in order', async () => {
    const pos = await till();
    const held = await reserve(pos, 2);
    const leased = await leaseLeft(pos);
    await w().server.stop();
    let saleId: string | undefined;
    try {
      const cart = await pos.must(c.reservations.pickup, { ref: held.reference });
      const sale = await pos.must(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'cash', amount: cart.total }],
      });
      saleId = sale.sale.id;
      expect(sale.tickets).toHaveLength(2);
      // The hold's lease units became the sale's: the lease holds what it held after the reservation.
      expect(await leaseLeft(pos)).toBe(leased);
    } finally {
      await w().server.restart();
    }
    await pos.must(c.sync.now);
    const server = await serverList(pos);
    expect(server.of(held.id)).toMatchObject([{ status: 'picked_up' }]);
    expect(await one('SELECT sale_id AS "saleId" FROM pos_reservations WHERE id = $1', [held.id])).toEqual({
      saleId,
    });
    expect(await one<{ n: number }>('SELECT count(*)::int AS n FROM quarantined_mutations')).toEqual({
      n: 0,
    });
  });

  it('refuses a pickup the leases cannot cover and keeps the reservation held: nothing of the sale stays', async () => {
    const pos = await till();
    const held = await reserve(pos, 2);
    await w().server.stop();
    try {
      const cart = await pos.must(c.reservations.pickup, { ref: held.reference });
      // One ticket more than the hold, and nothing left on the lease for it.
      const more = await pos.must(c.cart.addTicket, {
        performanceId: w().catalogue.performanceId,
        ticketPriceId: w().catalogue.ticketPriceId,
        qty: 1,
      });
      expect(more.id).toBe(cart.id);
      pos.terminal.db.prepare('UPDATE leases SET used = granted WHERE counter = ?').run(seats());
      const outbox = readOutbox(pos.terminal.db).length;
      const refused = await pos.call(c.checkout.complete, {
        cartId: more.id,
        tenders: [{ tender: 'cash', amount: more.total }],
      });
      expect(refused).toMatchObject({ ok: false, reason: 'CAPACITY' });
      // The hold was handed over inside the sale's transaction: it rolled back with the refusal.
      const status = (id: string) =>
        (
          pos.terminal.db.prepare('SELECT status FROM reservations WHERE id = ?').get(id) as {
            status: string;
          }
        ).status;
      expect(status(held.id)).toBe('held');
      expect(readOutbox(pos.terminal.db)).toHaveLength(outbox);
      // Without the extra ticket it sells.
      await pos.must(c.cart.clear);
      const again = await pos.must(c.reservations.pickup, { ref: held.reference });
      const sale = await pos.must(c.checkout.complete, {
        cartId: again.id,
        tenders: [{ tender: 'cash', amount: again.total }],
      });
      expect(sale.tickets).toHaveLength(2);
      expect(status(held.id)).toBe('picked_up');
    } finally {
      await w().server.restart();
    }
  });

  it('cancels with a reason; another window online is told which window holds a reservation', async () => {
    const pos = await till();
    const held = await reserve(pos, 1);
    await pos.must(c.sync.now);
    const other = await till();
    const elsewhere = await other.call(c.reservations.pickup, { ref: held.reference });
    expect(elsewhere).toMatchObject({ ok: false, reason: 'RESERVATION_ELSEWHERE' });
    expect(!elsewhere.ok && elsewhere.message).toContain('“Box 1”');
    const across = await other.must(c.reservations.list, { performanceId: w().catalogue.performanceId });
    expect(across.source).toBe('server');
    expect(across.reservations.map((r) => r.id)).toContain(held.id);

    expect(await pos.call(c.reservations.cancel, { ref: held.reference, reason: '  ' })).toMatchObject({
      ok: false,
      reason: 'RESERVATION_CANCEL_REASON',
    });
    const leased = await leaseLeft(pos);
    const cancelled = await pos.must(c.reservations.cancel, { ref: held.id, reason: 'customer called' });
    expect(cancelled).toMatchObject({ status: 'cancelled', closedReason: 'customer called' });
    expect(await leaseLeft(pos)).toBe(leased + 1);
    const refused = await pos.call(c.reservations.pickup, { ref: held.reference });
    expect(refused).toMatchObject({ ok: false, reason: 'RESERVATION_CANCELLED' });
    expect(!refused.ok && refused.message).toContain('customer called');
    await pos.must(c.sync.now);
    expect(
      await one('SELECT status, closed_reason AS reason FROM pos_reservations WHERE id = $1', [held.id]),
    ).toEqual({ status: 'cancelled', reason: 'customer called' });
  });
});
