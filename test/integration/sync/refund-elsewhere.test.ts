import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { SaleRecord } from '../../../shared/sync/sale-record';
import { appendOutbox } from '../../../src-main/db/repos/outbox-repo';
import { getOpenShift } from '../../../src-main/db/repos/shift-repo';
import { sell, useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/ORDERS.md "Refunds at another window": a refund of terminal A's sale recorded by terminal B
// reaches the server by B's push and terminal A by its pull, so A never gives the same unit back again.

describe('sync: refunds made at another terminal', () => {
  const { world, enrolled } = useSyncWorld();

  /**
   * B records a refund (or void) of A's units in its own outbox, paid back in cash from B's shift, as
   * B's journal does once it has found the sale on the server.
   */
  const refundAt = async (
    b: TestTerminal,
    sale: SaleRecord,
    kind: 'refund' | 'void',
    keys: { lineId: string; unitIndex: number }[],
  ) => {
    const units = keys.map((k) => {
      const unit = sale.units.find((u) => u.lineId === k.lineId && u.unitIndex === k.unitIndex);
      if (!unit) throw new Error('no such unit');
      return unit;
    });
    if (!(await b.must(c.shift.current))) await b.must(c.shift.open, { openingFloat: 10_000 });
    const shift = getOpenShift(b.terminal.db);
    if (!shift) throw new Error('B has no shift');
    const at = new Date(world().clock.now()).toISOString();
    const amount = units.reduce((n, u) => n + u.total, 0);
    const refund = {
      id: randomUUID(),
      refundNo: 1,
      saleId: sale.sale.id,
      kind,
      shiftId: shift.id,
      staffId: world().catalogue.sellerId,
      reason: 'changed plans',
      amount,
      createdAt: at,
    };
    appendOutbox(b.terminal.db, {
      mutationId: randomUUID(),
      type: kind,
      payload: {
        terminalId: b.terminal.terminalId,
        refund,
        units: units.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex })),
        payments: [
          {
            id: randomUUID(),
            saleId: sale.sale.id,
            refundId: refund.id,
            shiftId: shift.id,
            tender: 'cash',
            amount: -amount,
            tendered: null,
            changeGiven: null,
            reference: null,
            createdAt: at,
          },
        ],
      },
      createdAt: at,
    });
    await b.must(c.sync.now);
    return refund;
  };

  const signedIn = async () => {
    const pos = await enrolled();
    await pos.must(c.staff.signIn, { staffId: world().catalogue.sellerId, pin: '7305' });
    return pos;
  };

  const soldAt = async (a: TestTerminal, qty: number) => {
    const sold = await sell(a, world().catalogue, { qty });
    if (!sold.ok) throw new Error(sold.message);
    await a.must(c.sync.now);
    return sold.value as SaleRecord;
  };

  /** Refunds need a supervisor at the till. */
  const supervisorAt = (a: TestTerminal) =>
    a.must(c.staff.signIn, { staffId: world().catalogue.supervisorId, pin: '8142' });

  it('marks the units B gave back at A, voids their tickets, and A refunds only what is left', async () => {
    const a = await signedIn();
    const b = await signedIn();
    const sale = await soldAt(a, 2);
    const [first, second] = sale.units.map((u) => ({ lineId: u.lineId, unitIndex: u.unitIndex }));
    if (!first || !second) throw new Error('two units');
    const refund = await refundAt(b, sale, 'refund', [first]);

    await a.must(c.sync.now);
    const seen = await a.must(c.sales.find, { saleId: sale.sale.id });
    expect(seen.units.map((u) => [u.refundId, u.refundedElsewhereId])).toEqual([
      [null, refund.id],
      [null, null],
    ]);
    expect(seen.tickets.map((t) => t.status)).toEqual(['void', 'valid']);
    expect(seen.sale.status).toBe('completed');

    await supervisorAt(a);
    const again = await a.call(c.sales.refund, { saleId: sale.sale.id, units: [first], reason: 'again' });
    expect(again).toMatchObject({ ok: false, reason: 'UNIT_NOT_REFUNDABLE' });
    const rest = await a.must(c.sales.refund, { saleId: sale.sale.id, units: [second], reason: 'rest' });
    expect(rest.units.map((u) => u.refundId === null)).toEqual([true, false]);

    // A's own refund is pushed and applied (not quarantined), and does not come back to A by pull.
    const pushed = await a.must(c.sync.now);
    expect(pushed).toBeTruthy();
    const quarantined = await world().org.api.get<{ items: unknown[] }>('/v1/review-items?kind=quarantined');
    expect(quarantined.status).toBe(200);
    expect(quarantined.body.items).toEqual([]);
    await a.must(c.sync.now);
    const count = a.terminal.db.prepare('SELECT count(*) AS n FROM refunds_elsewhere').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('voids A’s sale when B voids it, and A can neither refund nor void it again', async () => {
    const a = await signedIn();
    const b = await signedIn();
    const sale = await soldAt(a, 1);
    await refundAt(b, sale, 'void', sale.units);

    // B's refund reached only A: B has no row for it.
    await b.must(c.sync.now);
    const atB = b.terminal.db.prepare('SELECT count(*) AS n FROM refunds_elsewhere').get() as { n: number };
    expect(atB.n).toBe(0);

    await a.must(c.sync.now);
    const seen = await a.must(c.sales.find, { saleId: sale.sale.id });
    expect(seen.sale.status).toBe('voided');
    expect(seen.tickets.every((t) => t.status === 'void')).toBe(true);
    await supervisorAt(a);
    expect(await a.call(c.sales.void, { saleId: sale.sale.id, reason: 'again' })).toMatchObject({
      ok: false,
      reason: 'ALREADY_VOIDED',
    });
  });
});
