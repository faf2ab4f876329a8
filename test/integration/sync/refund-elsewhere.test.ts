import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { OrderDetail } from '../../../shared/reports/orders';
import type { SaleRecord } from '../../../shared/sync/sale-record';
import { decodeEscPos } from '../../helpers/escpos-decoder';
import { startEscPosEmulator } from '../../helpers/escpos-emulator';
import { sell, useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/ORDERS.md "Refunds at another window": terminal B refunds terminal A's sale. B claims the units
// on the server, records the refund in its own shift and pushes it; A learns of it by pull and never
// gives those units back again; the server's order agrees with both.

describe('sync: refunds at another window', () => {
  const { world, enrolled } = useSyncWorld();

  const signedIn = async (who: 'seller' | 'supervisor') => {
    const pos = await enrolled();
    const { sellerId, supervisorId } = world().catalogue;
    await pos.must(
      c.staff.signIn,
      who === 'seller' ? { staffId: sellerId, pin: '7305' } : { staffId: supervisorId, pin: '8142' },
    );
    if (!(await pos.must(c.shift.current))) await pos.must(c.shift.open, { openingFloat: 10_000 });
    return pos;
  };

  /** A sale of `qty` seats at A, pushed unless `push` is false. */
  const soldAt = async (a: TestTerminal, qty: number, push = true) => {
    const sold = await sell(a, world().catalogue, { qty });
    if (!sold.ok) throw new Error(sold.message);
    if (push) await a.must(c.sync.now);
    return sold.value as SaleRecord;
  };
  const key = (u: { lineId: string; unitIndex: number }) => ({ lineId: u.lineId, unitIndex: u.unitIndex });
  /** The cash the shift's drawer should hold, and its refunds, as the Z report counts them. */
  const drawerOf = async (pos: TestTerminal) => {
    const report = await pos.must(c.shift.current);
    if (!report) throw new Error('no shift');
    return { cash: report.expectedCash, refunds: report.figures.refunds };
  };

  it('refunds one of A’s seats at B: B pays it out, A learns it, and the server’s order agrees', async () => {
    const a = await signedIn('supervisor');
    const b = await signedIn('supervisor');
    const sale = await soldAt(a, 2);
    const [first, second] = sale.units.map(key);
    if (!first || !second) throw new Error('two units');

    // B's refund receipt prints on B's printer and names the window that sold.
    const printer = await startEscPosEmulator();
    await b.must(c.staff.signIn, { staffId: world().catalogue.managerId, pin: '907153' });
    await b.must(c.print.settingsUpdate, { output: 'network', host: printer.host, port: printer.port });
    await b.must(c.staff.signIn, { staffId: world().catalogue.supervisorId, pin: '8142' });

    const order = await b.must(c.sales.order, { saleId: sale.sale.id });
    expect(order).toMatchObject({
      saleId: sale.sale.id,
      terminalId: a.terminal.terminalId,
      status: 'completed',
    });
    expect(order.units.map((u) => u.refunded)).toEqual([false, false]);
    const before = await drawerOf(b);
    const refunded = await b.must(c.sales.refundElsewhere, {
      saleId: sale.sale.id,
      units: [first],
      reason: 'Customer request',
    });
    expect(refunded.amount).toBe(sale.units[0]?.total);
    expect(refunded.order.units.map((u) => u.refunded)).toEqual([true, false]);
    try {
      const [job] = await printer.waitForPrinted(1);
      const paper = decodeEscPos(job!, [sale.sale.id]);
      expect(paper.text).toMatch(/^\s*REFUND$/m);
      expect(paper.text).toContain(`Sold at ${order.terminalName ?? ''}`);
      expect(paper.text).toMatch(new RegExp(`Sale receipt\\s+${sale.sale.receiptNo}`));
      expect(paper.text).toContain('Reason: Customer request');
      expect(paper.text).toMatch(/Paid back: Cash\s+40\.00/);
      expect(paper.qr).toEqual([sale.sale.id]);
    } finally {
      await printer.close();
    }
    // The money left B's drawer, and B's shift says so.
    expect(await drawerOf(b)).toEqual({
      cash: before.cash - refunded.amount,
      refunds: [{ kind: 'refund', count: 1, amount: refunded.amount }],
    });
    // B will not give the same seat back twice, even before its refund reached the server.
    expect(
      await b.call(c.sales.refundElsewhere, {
        saleId: sale.sale.id,
        units: [first],
        reason: 'Customer request',
      }),
    ).toMatchObject({ ok: false, reason: 'UNIT_NOT_REFUNDABLE' });

    await b.must(c.sync.now);
    await a.must(c.sync.now);
    const atA = await a.must(c.sales.find, { saleId: sale.sale.id });
    expect(atA.units.map((u) => [u.refundId, u.refundedElsewhereId])).toEqual([
      [null, refunded.refundId],
      [null, null],
    ]);
    expect(atA.tickets.map((t) => t.status)).toEqual(['void', 'valid']);
    // A's journal shows B's refund of it.
    const journal = await a.must(c.journal.open, { ref: sale.sale.id });
    expect(journal.order).toMatchObject({ status: 'partly_refunded', refunded: refunded.amount });
    expect(journal.refunds.map((r) => [r.refundId, r.terminalId, r.units])).toEqual([
      [refunded.refundId, b.terminal.terminalId, 1],
    ]);
    expect(
      await a.call(c.sales.refund, { saleId: sale.sale.id, units: [first], reason: 'Customer request' }),
    ).toMatchObject({
      ok: false,
      reason: 'UNIT_NOT_REFUNDABLE',
    });
    // A refunds the other seat itself: applied, and it does not come back to A as a refund elsewhere.
    const own = await a.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [second],
      reason: 'Customer request',
    });
    await a.must(c.sync.now);
    await a.must(c.sync.now);
    const elsewhere = a.terminal.db.prepare('SELECT count(*) AS n FROM refunds_elsewhere').get() as {
      n: number;
    };
    expect(elsewhere.n).toBe(1);

    const detail = await world().org.api.get<OrderDetail>(`/v1/reports/orders/${sale.sale.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.order).toMatchObject({ status: 'refunded', refunded: sale.sale.total });
    // A's journal and the server's order agree.
    const atAJournal = await a.must(c.journal.open, { ref: sale.sale.id });
    expect(atAJournal.order).toMatchObject({ status: 'refunded', refunded: detail.body.order.refunded });
    expect(detail.body.refunds.map((r) => [r.refundId, r.amount]).sort()).toEqual(
      [
        [refunded.refundId, refunded.amount],
        [own.refunds[0]?.id, sale.units[1]?.total],
      ].sort(),
    );
    const quarantined = await world().org.api.get<{ items: unknown[] }>('/v1/review-items?kind=quarantined');
    expect(quarantined.body.items).toEqual([]);
  });

  it('voids A’s sale at B, and A holds it voided with every ticket void', async () => {
    const a = await signedIn('supervisor');
    const b = await signedIn('supervisor');
    const sale = await soldAt(a, 1);
    const voided = await b.must(c.sales.voidElsewhere, { saleId: sale.sale.id, reason: 'Wrong ticket sold' });
    expect(voided.order.units.every((u) => u.refunded)).toBe(true);
    await b.must(c.sync.now);
    await a.must(c.sync.now);
    const atA = await a.must(c.sales.find, { saleId: sale.sale.id });
    expect(atA.sale.status).toBe('voided');
    expect(atA.tickets.every((t) => t.status === 'void')).toBe(true);
    expect(await a.call(c.sales.void, { saleId: sale.sale.id, reason: 'Wrong ticket sold' })).toMatchObject({
      ok: false,
      reason: 'ALREADY_VOIDED',
    });
    expect(await b.call(c.sales.order, { saleId: sale.sale.id })).toMatchObject({ ok: true });
    expect(
      await b.call(c.sales.voidElsewhere, { saleId: sale.sale.id, reason: 'Wrong ticket sold' }),
    ).toMatchObject({
      ok: false,
      reason: 'ALREADY_VOIDED',
    });
  });

  it('refuses a sale not synced yet, a sale of its own, a seller, and says so when the server is away', async () => {
    const a = await signedIn('supervisor');
    const b = await signedIn('supervisor');
    const unsynced = await soldAt(a, 1, false);
    const missing = await b.call(c.sales.order, { saleId: unsynced.sale.id });
    expect(missing).toMatchObject({ ok: false, reason: 'UNKNOWN_SALE' });
    expect(!missing.ok && missing.message).toContain('not on the server yet');

    const own = await soldAt(b, 1);
    expect(await b.call(c.sales.order, { saleId: own.sale.id })).toMatchObject({
      ok: false,
      reason: 'REMOTE_REFUND_OWN_SALE',
    });

    const seller = await signedIn('seller');
    const sale = await soldAt(a, 1);
    expect(
      await seller.call(c.sales.refundElsewhere, {
        saleId: sale.sale.id,
        units: sale.units.map(key),
        reason: 'Customer request',
      }),
    ).toMatchObject({ ok: false, reason: 'FORBIDDEN' });

    await world().server.stop();
    try {
      const away = await b.call(c.sales.voidElsewhere, { saleId: sale.sale.id, reason: 'Wrong ticket sold' });
      expect(away).toMatchObject({ ok: false, reason: 'REMOTE_REFUND_NEEDS_SERVER' });
      expect(!away.ok && away.message).toContain('refund the sale at the window that sold it');
    } finally {
      await world().server.restart();
    }
    const nothing = b.terminal.db.prepare('SELECT count(*) AS n FROM remote_refunds').get() as { n: number };
    expect(nothing.n).toBe(0);
  });
});
