import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { JournalOrderDetail } from '../../../shared/reports/journal';
import type { SaleRecord } from '../../../shared/sync/sale-record';
import { countPendingOutbox } from '../../../src-main/db/repos/outbox-repo';
import { createCode, sell, serverUses, useSyncWorld } from '../../helpers/sync-fixture';

// docs/ORDERS.md "Exchanges": an enrolled terminal exchanges a seat of its own sale for a seat at another
// performance; the refund and the new sale reach a real server once, and the server's order detail
// shows the link both ways.

describe('sync: exchanges', () => {
  const { world, enrolled } = useSyncWorld();

  it('pushes the refund and the linked new sale once; the server counts one code use and shows the link', async () => {
    const { org, catalogue, clock } = world();
    const codeId = await createCode(org.api, { code: 'SWAP10' });
    // A second performance of the same event, at the same prices, that the terminal pulls.
    const later = await org.api.post<{ id: string }>('/v1/performances', {
      eventId: catalogue.eventId,
      startsAt: new Date(clock.now() + 10 * 86_400_000).toISOString(),
      capacity: 50,
    });
    expect(later.status).toBe(201);
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: catalogue.supervisorId, pin: '8142' });
    const sold = await sell(pos, catalogue, { qty: 2, code: 'SWAP10' });
    if (!sold.ok) throw new Error(sold.message);
    const old = sold.value as SaleRecord;
    await pos.must(c.sync.now);

    const ask = {
      saleId: old.sale.id,
      units: [{ lineId: old.units[0]!.lineId, unitIndex: old.units[0]!.unitIndex }],
      lines: [{ performanceId: later.body.id, ticketPriceId: catalogue.ticketPriceId, qty: 1 }],
      reason: 'Exchanged for other tickets',
    };
    const preview = await pos.must(c.sales.exchangePreview, ask);
    // Same price, code re-checked and still 10 % off: nothing to pay, nothing back.
    expect(preview).toMatchObject({ givenBack: 3600, total: 3600, credit: 3600, toPay: 0, toRefund: 0 });
    const done = await pos.must(c.sales.exchange, { ...ask, tenders: [] });
    const status = await pos.must(c.sync.now);
    expect(status.pendingSales).toBe(0);
    expect(countPendingOutbox(pos.terminal.db)).toBe(0);

    const db = world().server.db();
    const rows = await db.query<{ id: string; exchange_of: string | null }>(
      'SELECT id, exchange_of FROM pos_sales WHERE id = ANY($1::uuid[]) ORDER BY created_at',
      [[old.sale.id, done.sale.sale.id]],
    );
    expect(rows).toEqual([
      { id: old.sale.id, exchange_of: null },
      { id: done.sale.sale.id, exchange_of: old.sale.id },
    ]);
    const refunds = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pos_refunds WHERE sale_id = $1',
      [old.sale.id],
    );
    expect(refunds).toEqual([{ n: 1 }]);
    const quarantined = await org.api.get<{ items: unknown[] }>('/v1/review-items?kind=quarantined');
    expect(quarantined.body.items).toEqual([]);
    // One order, one use of the code: the new sale continues the old one's.
    expect(await serverUses(org.api, codeId)).toBe(1);

    // Pushing again sends nothing twice.
    await pos.must(c.sync.now);
    const again = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pos_sales WHERE exchange_of = $1',
      [old.sale.id],
    );
    expect(again).toEqual([{ n: 1 }]);

    const detail = async (id: string) => {
      const reply = await org.api.get<JournalOrderDetail>(`/v1/journal/orders/${id}`);
      expect(reply.status).toBe(200);
      return reply.body.exchanges?.map((x) => [x.direction, x.orderId, x.receiptNo]);
    };
    expect(await detail(old.sale.id)).toEqual([['for', done.sale.sale.id, done.sale.sale.receiptNo]]);
    expect(await detail(done.sale.sale.id)).toEqual([['of', old.sale.id, old.sale.receiptNo]]);
  });
});
