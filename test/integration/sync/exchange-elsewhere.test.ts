import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { SaleRecord } from '../../../shared/sync/sale-record';
import { createCode, sell, serverUses, useSyncWorld } from '../../helpers/sync-fixture';

// docs/ORDERS.md "Exchanges": terminal B exchanges a seat of terminal A's order for a dearer seat at
// another performance, online. B claims the seat on the server, writes the remote refund and the new
// sale in one transaction; the server holds both, linked, with one use of the order's code; A learns
// the seat went back elsewhere; nobody gives that seat back twice; offline, B refuses.

describe('sync: exchanges at another window', () => {
  const { world, enrolled } = useSyncWorld();

  const signedIn = async () => {
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: world().catalogue.supervisorId, pin: '8142' });
    if (!(await pos.must(c.shift.current))) await pos.must(c.shift.open, { openingFloat: 10_000 });
    return pos;
  };
  const created = async (path: string, body: Record<string, unknown>) => {
    const reply = await world().org.api.post<{ id: string }>(path, body);
    expect(reply.status).toBe(201);
    return reply.body.id;
  };

  it('exchanges A’s seat at B for a dearer one; the server, A and B agree; the seat goes back once', async () => {
    const { org, catalogue, clock, server } = world();
    const codeId = await createCode(org.api, { code: 'AWAY10' });
    const { eventId } = catalogue;
    const later = await created('/v1/performances', {
      eventId,
      startsAt: new Date(clock.now() + 10 * 86_400_000).toISOString(),
      capacity: 50,
    });
    const dearer = await created('/v1/ticket-prices', {
      eventId,
      ticketTypeId: await created('/v1/ticket-types', { eventId, name: 'Box seat' }),
      priceBandId: await created('/v1/price-bands', { eventId, name: 'Boxes' }),
      unitPrice: 6000,
      vatRate: 700,
    });
    const a = await signedIn();
    const b = await signedIn();
    const sold = await sell(a, catalogue, { qty: 2, code: 'AWAY10' });
    if (!sold.ok) throw new Error(sold.message);
    const old = sold.value as SaleRecord;
    await a.must(c.sync.now);
    const [first, second] = old.units.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex }));
    if (!first || !second) throw new Error('two units');

    const ask = {
      saleId: old.sale.id,
      units: [first],
      lines: [{ performanceId: later, ticketPriceId: dearer, qty: 1 }],
      reason: 'Exchanged for other tickets',
    };
    const preview = await b.must(c.sales.exchangePreview, ask);
    // 40.00 less 10 % given back; 60.00 less 10 % (the code re-checked, its own use left out) to buy.
    expect(preview).toMatchObject({
      givenBack: 3600,
      total: 5400,
      credit: 3600,
      toPay: 1800,
      toRefund: 0,
      code: { code: 'AWAY10', applies: true },
    });
    const done = await b.must(c.sales.exchange, { ...ask, tenders: [{ tender: 'cash', amount: 1800 }] });
    // The link is the server's to keep: A's sale is not in B's store for B's row to name it.
    expect(done.sale.sale.exchangeOf).toBeNull();
    expect(done.original).toEqual({ saleId: old.sale.id, receiptNo: old.sale.receiptNo });
    // B's credit and B's payout in 'exchange' cancel out in B's shift; the cash drawer took the difference.
    const byTender = b.terminal.db
      .prepare(
        "SELECT tender, sum(amount) AS n FROM shift_payments WHERE tender IN ('exchange', 'cash') GROUP BY tender ORDER BY tender",
      )
      .all();
    expect(byTender).toEqual([
      { tender: 'cash', n: 1800 },
      { tender: 'exchange', n: 0 },
    ]);
    // B will not give the seat back again, even before its exchange reached the server.
    expect(await b.call(c.sales.exchangePreview, ask)).toMatchObject({
      ok: false,
      reason: 'UNIT_NOT_REFUNDABLE',
    });
    const status = await b.must(c.sync.now);
    expect(status.pendingSales).toBe(0);

    const db = server.db();
    const refunds = await db.query<{ terminal_id: string; amount: string | number }>(
      'SELECT terminal_id, amount FROM pos_refunds WHERE sale_id = $1',
      [old.sale.id],
    );
    expect(refunds.map((r) => [r.terminal_id, Number(r.amount)])).toEqual([[b.terminal.terminalId, 3600]]);
    const linked = await db.query<{ id: string; terminal_id: string }>(
      'SELECT id, terminal_id FROM pos_sales WHERE exchange_of = $1',
      [old.sale.id],
    );
    expect(linked).toEqual([{ id: done.sale.sale.id, terminal_id: b.terminal.terminalId }]);
    expect(await serverUses(org.api, codeId)).toBe(1);
    const quarantined = await org.api.get<{ items: unknown[] }>('/v1/review-items?kind=quarantined');
    expect(quarantined.body.items).toEqual([]);

    // A learns by pull that the seat went back elsewhere, and neither refunds nor exchanges it again.
    await a.must(c.sync.now);
    const atA = await a.must(c.sales.find, { saleId: old.sale.id });
    expect(atA.units.map((u) => [u.refundId, u.refundedElsewhereId])).toEqual([
      [null, done.refundId],
      [null, null],
    ]);
    expect(
      await a.call(c.sales.refund, { saleId: old.sale.id, units: [first], reason: 'Customer request' }),
    ).toMatchObject({ ok: false, reason: 'UNIT_NOT_REFUNDABLE' });
    expect(await a.call(c.sales.exchangePreview, ask)).toMatchObject({
      ok: false,
      reason: 'UNIT_NOT_REFUNDABLE',
    });

    // Offline, B refuses another terminal's order and says why and what to do.
    await server.stop();
    try {
      const away = await b.call(c.sales.exchangePreview, { ...ask, units: [second] });
      expect(away).toMatchObject({ ok: false, reason: 'EXCHANGE_ELSEWHERE' });
      expect(!away.ok && away.message).toContain('offline');
      expect(!away.ok && away.message).toContain('window that sold it');
    } finally {
      await server.restart();
    }
  });
});
