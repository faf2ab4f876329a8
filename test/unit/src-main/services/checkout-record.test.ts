import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../../shared/ipc/channels';
import type { TenderInput } from '../../../../shared/ipc/contract';
import type { SeatMap } from '../../../../shared/seating/types';
import type { SaleRecord } from '../../../../shared/sync/sale-record';
import { loadSale } from '../../../../src-main/db/repos/sale-repo';
import {
  insertSeatLease,
  setPerformanceSeatMap,
  upsertSeatMap,
} from '../../../../src-main/db/repos/seat-repo';
import { startTestTerminal, type TestTerminal } from '../../../helpers/terminal';

// Checkout answers with the record it wrote instead of reading the sale back after the commit
// (committedSaleRecord in build-sale-record.ts): that answer must be exactly what loadSale gives for
// the same sale, for every shape a sale can take.

const HAMLET = 'perf-hamlet-1';
const PANTO = 'perf-panto-2';

function hall(): SeatMap {
  const stalls = randomUUID();
  return {
    id: randomUUID(),
    venueId: 'venue-demo',
    name: 'Main house',
    bands: ['Stalls'],
    sections: [{ id: stalls, name: 'Stalls', kind: 'seated', capacity: null, band: null }],
    seats: Array.from({ length: 6 }, (_, i) => ({
      id: randomUUID(),
      sectionId: stalls,
      row: 'A',
      label: String(i + 1),
      x: i * 10,
      y: 0,
      band: 'Stalls',
      flags: [],
      hold: null,
    })),
    version: 1,
  };
}

describe('the record checkout answers with', () => {
  let pos: TestTerminal;

  const addTickets = (performanceId: string, qty: number, price = 'adult-stalls') =>
    pos.must(c.cart.addTicket, {
      performanceId,
      ticketPriceId: `price-${performanceId === HAMLET ? 'hamlet' : 'panto'}-${price}`,
      qty,
    });

  /** Pays the cart with `split(total)` and checks the answer against the sale read back. */
  const sell = async (
    split: (total: number) => TenderInput[] = (total) => [{ tender: 'cash', amount: total }],
  ): Promise<SaleRecord> => {
    const cart = await pos.must(c.cart.get);
    const sold = await pos.must(c.checkout.complete, { cartId: cart.id, tenders: split(cart.total) });
    expect(sold).toStrictEqual(loadSale(pos.terminal.db, cart.id));
    // Asking again for the same cart reads it back: the same record.
    expect(
      await pos.must(c.checkout.complete, { cartId: cart.id, tenders: split(cart.total) }),
    ).toStrictEqual(sold);
    return sold;
  };

  beforeEach(async () => {
    pos = await startTestTerminal();
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  });
  afterEach(() => pos.close());

  it('equals loadSale for a sale with a typed code, tickets, a programme and cash given with change', async () => {
    await addTickets(PANTO, 2);
    await pos.must(c.cart.addProduct, { productId: 'prod-programme', qty: 1 });
    await pos.must(c.cart.applyCode, { input: 'SUMMER20' });
    const sale = await sell((total) => [{ tender: 'cash', amount: total, tendered: total + 1000 }]);
    expect(sale.redemption).not.toBeNull();
    expect(sale.tickets).toHaveLength(2);
    expect(sale.payments[0]).toMatchObject({ changeGiven: 1000 });
  });

  it('equals loadSale for an automatic code and a product alone', async () => {
    await addTickets(HAMLET, 2);
    expect((await pos.must(c.cart.get)).code).toMatchObject({ source: 'auto' });
    await sell();
    await pos.must(c.cart.addProduct, { productId: 'prod-programme', qty: 3 });
    const products = await sell();
    expect(products.tickets).toEqual([]);
  });

  it('equals loadSale with several payments and a code spread over two events', async () => {
    // The panto line first: the code's scopes are read back ordered by event, not by line.
    await addTickets(PANTO, 2, 'child-stalls');
    await addTickets(HAMLET, 2);
    await addTickets(HAMLET, 1, 'concession-circle');
    await pos.must(c.cart.applyCode, { input: 'SUMMER20' });
    const sale = await sell((total) => [
      { tender: 'card', amount: 1000, reference: 'AUTH-1' },
      { tender: 'cash', amount: total - 3000, tendered: total - 3000 },
      { tender: 'card', amount: 2000, reference: 'AUTH-2' },
    ]);
    expect(sale.payments).toHaveLength(3);
    expect(sale.scopes).toHaveLength(2);
    expect(sale.lines).toHaveLength(3);
  });

  it('equals loadSale with a custom discount, an overuse grant and a customer', async () => {
    for (let i = 0; i < 3; i++) {
      await addTickets(HAMLET, 1);
      await pos.must(c.cart.applyCode, { input: 'LIMITED' });
      await sell();
    }
    await addTickets(HAMLET, 2);
    await pos.must(c.cart.addProduct, { productId: 'prod-programme', qty: 1 });
    await pos.must(c.cart.setCustomer, {
      customer: { id: 'C-1', name: 'Ada Lovelace', email: 'ada@example.com', priorOrders: 2, groups: [] },
    });
    await pos.must(c.cart.applyCode, { input: 'LIMITED' });
    await pos.must(c.cart.grantOveruse, { approverId: 'staff-sue', pin: '5937', reason: 'Manager decision' });
    await pos.must(c.cart.setCustomDiscount, {
      kind: 'percentage',
      value: 2000,
      reason: 'Goodwill',
      approver: { staffId: 'staff-sue', pin: '5937' },
    });
    const sale = await sell((total) => [
      { tender: 'cash', amount: 500 },
      { tender: 'card', amount: total - 500, reference: 'AUTH-9' },
    ]);
    expect(sale.approvals.map((a) => a.kind)).toEqual(['overuse', 'custom_discount']);
    expect(sale.sale.customer).not.toBeNull();
    expect(sale.sale.customDiscount).toBeGreaterThan(0);
  });

  it('equals loadSale for leased seats', async () => {
    const map = hall();
    const { db } = pos.terminal;
    upsertSeatMap(db, map);
    setPerformanceSeatMap(db, HAMLET, map.id);
    const seats = map.seats.map((s) => s.id);
    insertSeatLease(db, {
      id: randomUUID(),
      performanceId: HAMLET,
      seatIds: seats,
      expiresAt: '2026-11-21T19:00:00.000Z',
    });
    await pos.must(c.seats.pick, {
      performanceId: HAMLET,
      seatIds: [seats[3] as string, seats[1] as string],
      ticketTypeId: 'tt-adult-hamlet',
    });
    await pos.must(c.cart.applyCode, { input: 'SUMMER20' });
    const sale = await sell();
    expect(sale.units.map((u) => u.seatLabel)).not.toContain(null);
    expect(sale.tickets).toHaveLength(2);
  });
});
