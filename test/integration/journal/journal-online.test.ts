import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/ORDERS.md: two enrolled terminals of one real server on 127.0.0.1. Online each terminal's journal
// is the server's (every terminal's sales, plus its own not pushed yet); with the server stopped it is
// this terminal's own store, and says so.

describe('sales journal against the server', () => {
  const { world, enrolled } = useSyncWorld();

  const sellOne = async (pos: TestTerminal) => {
    const { catalogue } = world();
    await pos.must(c.cart.addTicket, {
      performanceId: catalogue.performanceId,
      ticketPriceId: catalogue.ticketPriceId,
      qty: 1,
    });
    const cart = await pos.must(c.cart.get);
    world().clock.advance(1_000);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
  };

  it('finds every terminal’s sales online, and only its own, said so, offline', async () => {
    const { catalogue, server, clock } = world();
    const north = await enrolled();
    const south = await enrolled();
    for (const pos of [north, south]) {
      await pos.must(c.staff.signIn, { staffId: catalogue.managerId, pin: '907153' });
      await pos.must(c.shift.open, { openingFloat: 0 });
    }
    const sold = await sellOne(north);
    expect((await north.terminal.sync.pushOnce()).ok).toBe(true);
    const unpushed = await sellOne(south);

    // Receipt 1 at both terminals: the server's journal shows both, each with its terminal.
    const online = await south.must(c.journal.search, { q: '1' });
    expect(online.scope).toBe('all');
    expect(online.notice).toBeNull();
    expect(online.rows.map((r) => [r.orderId, r.terminalId])).toEqual([
      [unpushed.sale.id, south.terminal.terminalId],
      [sold.sale.id, north.terminal.terminalId],
    ]);

    // Another terminal's order opens from the server, and is refunded here through the server.
    const theirs = await south.must(c.journal.open, { ref: sold.sale.id });
    expect(theirs).toMatchObject({
      scope: 'all',
      canRefund: true,
      refundsThroughServer: true,
      canReprint: false,
      order: { orderId: sold.sale.id, terminalId: north.terminal.terminalId },
      lines: [{ qty: 1 }],
    });
    expect(theirs.refundNote).toBeNull();
    expect(theirs.tickets).toHaveLength(1);
    const scanned = await south.must(c.journal.open, { ref: sold.tickets[0]!.secret! });
    expect(scanned.order.orderId).toBe(sold.sale.id);
    expect((await north.must(c.journal.open, { ref: sold.sale.id })).canRefund).toBe(true);

    // The server goes away: the journal is this terminal's own, and says so.
    await server.stop();
    clock.advance(60_000);
    const offline = await south.must(c.journal.search, { q: '1' });
    expect(offline.scope).toBe('this-terminal');
    expect(offline.notice).toMatch(/Offline: showing this terminal’s sales only/);
    expect(offline.rows.map((r) => r.orderId)).toEqual([unpushed.sale.id]);
    const away = await south.call(c.journal.open, { ref: sold.sale.id });
    expect(away).toMatchObject({ ok: false, reason: 'JOURNAL_UNKNOWN_ORDER_OFFLINE' });
    await server.restart();
  });
});
