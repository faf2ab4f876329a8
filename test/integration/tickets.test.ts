import { afterEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { readTicketSecret, tagOf, ticketKeyring } from '../../shared/node/tickets/secret';
import type { SaleRecord } from '../../shared/sync/sale-record';
import { readOutbox } from '../../src-main/db/repos/outbox-repo';
import type { SecretStore } from '../../src-main/secret-store';
import { secretStoreWithKey } from '../helpers/device-key';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

// docs/TICKETS.md: checkout makes a ticket per admission unit in the sale's transaction, signed with the
// device key; a refund or void of the unit voids it.

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00

describe('tickets at checkout', () => {
  let pos: TestTerminal;
  afterEach(() => pos.close());

  const start = async (secrets?: SecretStore) => {
    pos = await startTestTerminal(secrets ? { secrets } : {});
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  };

  /** Three adult seats and a programme, with SUMMER20 off the lot, paid in cash. */
  const sellThreeSeatsAndAProgramme = async (): Promise<SaleRecord> => {
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 3 });
    await pos.must(c.cart.addProduct, { productId: 'prod-programme', qty: 1 });
    await pos.must(c.cart.applyCode, { input: 'SUMMER20' });
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
  };

  it('makes one signed ticket per seat, none for the programme, at what each seat cost', async () => {
    const key = secretStoreWithKey();
    await start(key.secrets);
    const sale = await sellThreeSeatsAndAProgramme();
    const seats = sale.lines.find((l) => l.kind === 'ticket');
    expect(sale.lines.map((l) => l.kind)).toEqual(['ticket', 'addon']);
    expect(sale.tickets).toHaveLength(3);
    const seatUnits = sale.units.filter((u) => u.lineId === seats?.id);
    expect(seatUnits.every((u) => u.codeDiscount > 0)).toBe(true);
    expect(sale.tickets.map((t) => [t.lineId, t.unitIndex, t.pricePaid])).toEqual(
      seatUnits.map((u) => [u.lineId, u.unitIndex, u.total]),
    );
    const keyring = ticketKeyring([{ publicKey: key.publicKey, revokedAt: null }]);
    for (const ticket of sale.tickets) {
      expect(ticket).toMatchObject({
        saleId: sale.sale.id,
        performanceId: HAMLET,
        ticketTypeId: seats?.ticketTypeId,
        priceBandId: seats?.priceBandId,
        status: 'valid',
        issuedAt: sale.sale.createdAt,
        replaces: null,
      });
      const read = readTicketSecret(ticket.secret ?? '');
      expect(read).toMatchObject({
        ticketId: ticket.id,
        performanceTag: tagOf(HAMLET),
        ticketTypeTag: tagOf(seats?.ticketTypeId ?? ''),
        keyId: ticket.keyId,
      });
      expect(read && keyring.check(read)).toEqual({ ok: true });
    }
    // What the screens find again is what checkout answered.
    expect((await pos.must(c.sales.find, { saleId: sale.sale.id })).tickets).toEqual(sale.tickets);
  });

  it('pushes the tickets with the sale', async () => {
    await start(secretStoreWithKey().secrets);
    const sale = await sellThreeSeatsAndAProgramme();
    const pushed = readOutbox(pos.terminal.db).find((e) => e.type === 'sale');
    expect((pushed?.payload as { tickets: unknown }).tickets).toEqual(sale.tickets);
  });

  it('makes the tickets without secrets on a terminal that has no key yet', async () => {
    await start();
    const sale = await sellThreeSeatsAndAProgramme();
    expect(sale.tickets.map((t) => [t.status, t.secret, t.keyId])).toEqual([
      ['valid', null, null],
      ['valid', null, null],
      ['valid', null, null],
    ]);
  });

  it('voids exactly the refunded seat’s ticket, and a void of the sale the rest', async () => {
    await start(secretStoreWithKey().secrets);
    const sale = await sellThreeSeatsAndAProgramme();
    const second = sale.tickets[1];
    const refunded = await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: second?.lineId ?? '', unitIndex: 1 }],
      reason: 'Customer request',
    });
    expect(refunded.tickets.map((t) => [t.id, t.status])).toEqual(
      sale.tickets.map((t) => [t.id, t.id === second?.id ? 'void' : 'valid']),
    );
    // The programme alone goes back: no ticket changes.
    const programme = sale.units.find((u) => u.lineId !== second?.lineId);
    const merchBack = await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: programme?.lineId ?? '', unitIndex: 0 }],
      reason: 'Customer request',
    });
    expect(merchBack.tickets.map((t) => t.status)).toEqual(['valid', 'void', 'valid']);
    const voided = await pos.must(c.sales.void, { saleId: sale.sale.id, reason: 'Wrong ticket sold' });
    expect(voided.tickets.map((t) => t.status)).toEqual(['void', 'void', 'void']);
  });

  it('rolls the sale back whole when its tickets cannot be written', async () => {
    await start();
    // A ticket row the store refuses takes the sale, its seats and its outbox row with it.
    pos.terminal.db.exec(`CREATE TRIGGER refuse_tickets BEFORE INSERT ON tickets
      BEGIN SELECT RAISE(ABORT, 'tickets refused'); END`);
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
    const cart = await pos.must(c.cart.get);
    const before = (await pos.must(c.catalogue.performance, { performanceId: HAMLET })).performance.sold;
    await expect(
      pos.terminal.dispatch(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'cash', amount: cart.total }],
      }),
    ).resolves.toMatchObject({ ok: false });
    const count = (table: string) =>
      (pos.terminal.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('sales'), count('sale_lines'), count('tickets')]).toEqual([0, 0, 0]);
    expect(readOutbox(pos.terminal.db).map((e) => e.type)).toEqual(['shift.open']);
    expect((await pos.must(c.catalogue.performance, { performanceId: HAMLET })).performance.sold).toBe(
      before,
    );
  });
});
