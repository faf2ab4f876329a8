import { describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { SaleRecord } from '../../../shared/sync/sale-record';
import { createCode, sell, serverUses, useSyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/CASH.md "Training mode" end to end: the real terminal core on its own SQLite store, enrolled at a
// real server on 127.0.0.1. A training sale is kept at the terminal only: no outbox row, no lease used,
// no capacity sold, no code use, nothing on the server; its papers say TRAINING and its tickets carry no
// secret. A refund of it stays training; the sale after training ends is an ordinary one.

const MANAGER_PIN = '907153';
const SELLER_PIN = '7305';

describe('sync: training mode', () => {
  const { world: worldOf, enrolled: terminal } = useSyncWorld();

  /** What a training sale must leave as it was, read from the terminal's store. */
  const footprint = (pos: TestTerminal) => {
    const q = (sql: string) => pos.terminal.db.prepare(sql).all();
    return {
      outbox: q('SELECT seq, type FROM outbox ORDER BY seq'),
      leases: q('SELECT id, counter, used, status FROM leases ORDER BY id'),
      escrow: q('SELECT sale_id, counter, units FROM sale_escrow ORDER BY id'),
      sold: q('SELECT performance_id, sold FROM performance_sold ORDER BY performance_id'),
      redemptions: q('SELECT id FROM redemptions ORDER BY id'),
    };
  };
  const serverSales = async (pos: TestTerminal) =>
    (
      await worldOf()
        .server.db()
        .query<{ n: number }>('SELECT count(*)::int AS n FROM pos_sales WHERE terminal_id = $1', [
          pos.terminal.terminalId,
        ])
    )[0]?.n;
  /** The paper as the screen previews it (SVG), as text. */
  const preview = async (pos: TestTerminal, ref: { saleId: string } | { refundId: string }) =>
    (await pos.must(c.print.preview, { ...ref, width: 80 })).replace(/<[^>]+>/g, '').replace(/&#xa0;/g, ' ');
  const WHY = 'Practice only: no sale, no payment, no entry.';

  it('keeps a training sale, its tickets and its refund off the outbox, the leases, the counts and the server', async () => {
    const { catalogue } = worldOf();
    const codeId = await createCode(worldOf().org.api, { code: 'PRACTISE10', rules: { maxUses: 50 } });
    const pos = await terminal();
    await pos.must(c.staff.signIn, { staffId: catalogue.managerId, pin: MANAGER_PIN });
    await pos.must(c.sync.now);

    // A real sale first, so the terminal holds leases a training sale could (wrongly) draw on.
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: SELLER_PIN });
    expect(await sell(pos, catalogue, { code: 'PRACTISE10' })).toMatchObject({ ok: true });
    expect(await pos.must(c.training.get)).toEqual({ terminal: false, server: false });
    // A seller may not switch training: the main process refuses, whatever the screen offered.
    expect(await pos.call(c.training.set, { on: true })).toMatchObject({ ok: false, reason: 'FORBIDDEN' });

    await pos.must(c.staff.signIn, { staffId: catalogue.managerId, pin: MANAGER_PIN });
    expect(await pos.must(c.training.set, { on: true })).toEqual({ terminal: true, server: false });
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: SELLER_PIN });
    expect(await pos.must(c.staff.session)).toMatchObject({ training: true });

    const before = footprint(pos);
    expect(before.leases.length).toBeGreaterThan(0);
    const sold = await sell(pos, catalogue, { qty: 2, code: 'PRACTISE10' });
    expect(sold).toMatchObject({ ok: true });
    const training = (sold as { ok: true; value: SaleRecord }).value;
    expect(training.sale.training).toBe(1);
    expect(training.redemption).toBeNull();
    expect(training.tickets).toHaveLength(2);
    expect(training.tickets.every((t) => t.secret === null)).toBe(true);
    expect(footprint(pos)).toEqual(before);

    const receipt = await preview(pos, { saleId: training.sale.id });
    // Top and bottom: TRAINING in big inverted letters, and why, under it.
    expect(receipt.split(WHY)).toHaveLength(3);
    expect(receipt).toContain('TRAINING');

    // Its void stays training: nothing to push, nothing given back to a lease or the capacity. The
    // manager voids it; the terminal is still in training, so that is practice too.
    await pos.must(c.staff.signIn, { staffId: catalogue.managerId, pin: MANAGER_PIN });
    const refunded = await pos.must(c.sales.void, { saleId: training.sale.id, reason: 'Wrong ticket sold' });
    expect(refunded.sale.status).toBe('voided');
    expect(footprint(pos)).toEqual(before);
    const refundId = refunded.refunds[0]?.id as string;
    expect(await preview(pos, { refundId })).toContain(WHY);

    // The Z report counts it apart, and the expected cash has none of its money.
    const shift = await pos.must(c.shift.current);
    expect(shift?.figures.training).toEqual({ count: 1, total: training.sale.total });
    expect(shift?.figures.sales.count).toBe(1);
    expect(shift?.figures.refunds).toEqual([]);
    expect(shift?.figures.byCashier.map((r) => r.orders)).toEqual([1]);
    const real = shift?.figures.sales.total ?? 0;
    expect(shift?.expectedCash).toBe(10_000 + real);

    // A real sale is no practice: not refunded or voided on a terminal in training.
    const realSale = pos.terminal.db.prepare('SELECT id FROM sales WHERE training = 0').get() as {
      id: string;
    };
    const refusedRefund = await pos.call(c.sales.void, { saleId: realSale.id, reason: 'Wrong ticket sold' });
    expect(refusedRefund).toMatchObject({ ok: false, reason: 'TRAINING_REAL_SALE' });
    expect(footprint(pos)).toEqual(before);

    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    expect(await serverSales(pos)).toBe(1);
    expect(await serverUses(worldOf().org.api, codeId)).toBe(1);

    // Training ends: the next sale is an ordinary one, pushed, counted and with signed tickets.
    await pos.must(c.staff.signIn, { staffId: catalogue.managerId, pin: MANAGER_PIN });
    await pos.must(c.training.set, { on: false });
    await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: SELLER_PIN });
    expect(await pos.must(c.staff.session)).toMatchObject({ training: false });
    const after = await sell(pos, catalogue, { code: 'PRACTISE10' });
    const normal = (after as { ok: true; value: SaleRecord }).value;
    expect(normal.sale.training).toBe(0);
    expect(normal.redemption).not.toBeNull();
    expect(normal.tickets.every((t) => t.secret !== null)).toBe(true);
    expect(await preview(pos, { saleId: normal.sale.id })).not.toContain(WHY);
    expect(footprint(pos).outbox.length).toBe(before.outbox.length + 1);
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    expect(await serverSales(pos)).toBe(2);
    expect(await serverUses(worldOf().org.api, codeId)).toBe(2);
  });

  it('puts a staff member in training from the back office: their sales are training at any terminal, others’ are not', async () => {
    const { catalogue, org } = worldOf();
    const current = await org.api.get<{ version: number; training: boolean }>(
      `/v1/staff/${catalogue.sellerId}`,
    );
    expect(current.body.training).toBe(false);
    const patched = await org.api.patch<{ training: boolean }>(`/v1/staff/${catalogue.sellerId}`, {
      training: true,
      expectedVersion: current.body.version,
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.training).toBe(true);
    try {
      const pos = await terminal();
      await pos.must(c.staff.signIn, { staffId: catalogue.managerId, pin: MANAGER_PIN });
      await pos.must(c.sync.now);
      expect(await pos.must(c.staff.session)).toMatchObject({ training: false });
      expect(await pos.must(c.training.get)).toEqual({ terminal: false, server: false });

      await pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: SELLER_PIN });
      expect(await pos.must(c.staff.session)).toMatchObject({ training: true });
      await pos.must(c.shift.open, { openingFloat: 10_000 });
      const before = footprint(pos);
      const sold = await sell(pos, catalogue);
      expect(sold).toMatchObject({ ok: true, value: { sale: { training: 1 } } });
      expect(footprint(pos).outbox).toEqual(before.outbox);

      await pos.must(c.staff.signIn, { staffId: catalogue.supervisorId, pin: '8142' });
      expect(await sell(pos, catalogue)).toMatchObject({ ok: true, value: { sale: { training: 0 } } });
      expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
      expect(await serverSales(pos)).toBe(1);
    } finally {
      const now = await org.api.get<{ version: number }>(`/v1/staff/${catalogue.sellerId}`);
      await org.api.patch(`/v1/staff/${catalogue.sellerId}`, {
        training: false,
        expectedVersion: now.body.version,
      });
    }
  });

  it('puts a whole terminal in training from the back office: after a pull every sale there is practice, its own switch still works, and ending it is pulled too', async () => {
    const { catalogue, org } = worldOf();
    const pos = await terminal();
    const path = `/v1/terminals/${pos.terminal.terminalId}/training`;
    const manager = () => pos.must(c.staff.signIn, { staffId: catalogue.managerId, pin: MANAGER_PIN });
    const seller = () => pos.must(c.staff.signIn, { staffId: catalogue.sellerId, pin: SELLER_PIN });
    await manager();
    await pos.must(c.sync.now);
    expect(await pos.must(c.training.get)).toEqual({ terminal: false, server: false });

    const on = await org.api.put(path, { training: true });
    expect(on.status, on.text).toBe(200);
    // The terminal keeps to what its last pull said: nothing changes before the next one.
    await seller();
    expect(await pos.must(c.staff.session)).toMatchObject({ training: false });
    await pos.must(c.sync.now);
    expect(await pos.must(c.training.get)).toEqual({ terminal: false, server: true });
    expect(await pos.must(c.staff.session)).toMatchObject({ training: true });

    await pos.must(c.shift.open, { openingFloat: 10_000 });
    const before = footprint(pos);
    const sold = await sell(pos, catalogue);
    expect(sold).toMatchObject({ ok: true, value: { sale: { training: 1 } } });
    expect(footprint(pos)).toEqual(before);

    // The local switch is still the terminal's own, and switching it off leaves the server's on.
    await manager();
    expect(await pos.must(c.training.set, { on: true })).toEqual({ terminal: true, server: true });
    expect(await pos.must(c.training.set, { on: false })).toEqual({ terminal: false, server: true });
    await seller();
    expect(await pos.must(c.staff.session)).toMatchObject({ training: true });
    expect(await sell(pos, catalogue)).toMatchObject({ ok: true, value: { sale: { training: 1 } } });
    expect(footprint(pos).outbox).toEqual(before.outbox);

    // The back office ends it: after the next pull the terminal sells for real, pushed and counted.
    expect((await org.api.put(path, { training: false })).status).toBe(200);
    await pos.must(c.sync.now);
    expect(await pos.must(c.training.get)).toEqual({ terminal: false, server: false });
    expect(await pos.must(c.staff.session)).toMatchObject({ training: false });
    expect(await sell(pos, catalogue)).toMatchObject({ ok: true, value: { sale: { training: 0 } } });
    expect(footprint(pos).outbox.length).toBe(before.outbox.length + 1);
    expect(await pos.terminal.sync.pushOnce()).toMatchObject({ ok: true, value: { remaining: 0 } });
    expect(await serverSales(pos)).toBe(1);
  });
});
