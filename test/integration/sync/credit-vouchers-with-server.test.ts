import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { readVoucherSecret } from '../../../shared/node/vouchers/secret';
import type { TerminalRefundPayload } from '../../../shared/sync/payloads';
import { DEFAULT_VOUCHER_DAYS, voucherExpiry } from '../../../shared/vouchers/rules';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { getPulledVoucher } from '../../../src-main/db/repos/voucher-repo';
import { refundReceipt } from '../../../src-main/services/printing/documents';
import { enrolledTerminal, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/CASH.md "Refunds onto a voucher", end to end with the real server (PostgreSQL when DATABASE_URL
// is set): a cash sale refunded onto a new credit voucher, signed in the refund's transaction and
// printed on its receipt, pushed with the refund, held by the server with its face value as balance,
// pulled by another window and spent there in part.

const PAPER = {
  language: 'en',
  paperWidth: 80,
  venue: { name: 'Demo Theatre', timezone: 'Europe/Berlin' },
  terminalId: 'T',
  staffName: () => 'Max',
} as const;

describe('a refund onto a gift voucher, with the server', () => {
  let world: SyncWorld;
  let seller: TestTerminal;
  let other: TestTerminal;

  beforeAll(async () => {
    world = await startSyncWorld(100, { postgres: true });
    seller = await enrolledTerminal(world);
    other = await enrolledTerminal(world);
    // A manager sells and refunds at one window, a seller sells at the other.
    await seller.must(c.staff.signIn, { staffId: world.catalogue.managerId, pin: '907153' });
    await other.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    for (const pos of [seller, other]) {
      await pos.must(c.sync.now);
      await pos.must(c.shift.open, { openingFloat: 0 });
    }
  });
  afterAll(async () => {
    await seller?.close();
    await other?.close();
    await world?.close();
  });

  const tickets = (pos: TestTerminal, qty: number) =>
    pos.must(c.cart.addTicket, {
      performanceId: world.catalogue.performanceId,
      ticketPriceId: world.catalogue.ticketPriceId,
      qty,
    });

  it('refunds a cash sale onto a credit voucher that another window then spends', async () => {
    await tickets(seller, 2);
    const cart = await seller.must(c.cart.get);
    const sold = await seller.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total, tendered: cart.total }],
    });
    const unit = sold.units[0]!;

    const refunded = await seller.must(c.sales.refund, {
      saleId: sold.sale.id,
      units: [{ lineId: unit.lineId, unitIndex: unit.unitIndex }],
      reason: 'Customer request',
      tender: 'voucher',
    });
    const refund = refunded.refunds[0]!;
    expect(refund.amount).toBe(unit.total);
    expect(refund.cashRounding).toBe(0);
    const voucher = refunded.vouchers.find((v) => v.refundId === refund.id)!;
    expect(voucher).toMatchObject({
      saleId: sold.sale.id,
      lineId: null,
      unitIndex: null,
      amount: unit.total,
      currency: sold.sale.currency,
      expiresAt: voucherExpiry(refund.createdAt, DEFAULT_VOUCHER_DAYS),
    });
    // Paid out onto the voucher, not in cash: the refund's one payment names it.
    expect(refunded.payments.filter((p) => p.refundId === refund.id)).toEqual([
      expect.objectContaining({ tender: 'voucher', amount: -unit.total, voucherId: voucher.id }),
    ]);
    expect(readVoucherSecret(voucher.secret)).toMatchObject({
      voucherId: voucher.id,
      amount: unit.total,
      currency: sold.sale.currency,
    });

    // The refund receipt carries the voucher as the sale receipt carries one sold: amount, expiry, QR.
    const paper = refundReceipt(refunded, refund, PAPER);
    expect(paper).toContain('GIFT VOUCHER');
    expect(paper).toContain(voucher.secret);
    expect(paper).toContain(voucher.id.slice(-12));
    expect(paper).toContain('Valid until');
    expect(paper).toContain(`Voucher …${voucher.id.slice(-4)}`);

    // The refund's outbox row carries it; pushed, the server holds it with its face value as balance.
    const pushed = readOutbox(seller.terminal.db).find((e) => e.type === 'refund');
    expect((pushed?.payload as TerminalRefundPayload).vouchers.map((v) => v.id)).toEqual([voucher.id]);
    await seller.must(c.sync.now);
    const [row] = await world.server
      .db()
      .query<{ refund_id: string; amount: number; status: string }>(
        'SELECT refund_id::text AS refund_id, amount::int AS amount, status FROM vouchers WHERE id = $1',
        [voucher.id],
      );
    expect(row).toEqual({ refund_id: refund.id, amount: unit.total, status: 'active' });

    // Another window pulls it and spends part of it.
    await other.must(c.sync.now);
    expect(getPulledVoucher(other.terminal.db, voucher.id)).toMatchObject({
      balance: unit.total,
      status: 'active',
    });
    expect(await other.must(c.vouchers.check, { code: voucher.secret })).toMatchObject({
      balance: unit.total,
      live: true,
    });
    await tickets(other, 1);
    const due = (await other.must(c.cart.get)).total;
    const part = 1000;
    const spent = await other.call(c.checkout.complete, {
      cartId: (await other.must(c.cart.get)).id,
      tenders: [
        { tender: 'voucher', code: voucher.secret, amount: part },
        { tender: 'card', amount: due - part, reference: 'T' },
      ],
    });
    expect(spent.ok, JSON.stringify(spent)).toBe(true);
    await other.must(c.sync.now);
    expect(await seller.must(c.vouchers.check, { code: voucher.secret })).toMatchObject({
      balance: unit.total - part,
      live: true,
    });

    // The credit voucher does not stop the rest of the sale being refunded, in cash as it was paid.
    const rest = sold.units[1]!;
    const again = await seller.must(c.sales.refund, {
      saleId: sold.sale.id,
      units: [{ lineId: rest.lineId, unitIndex: rest.unitIndex }],
      reason: 'Customer request',
    });
    expect(again.payments.filter((p) => p.refundId === again.refunds[1]?.id)).toEqual([
      expect.objectContaining({ tender: 'cash', amount: -rest.total }),
    ]);
    await seller.must(c.sync.now);
    expect(await other.must(c.vouchers.check, { code: voucher.secret })).toMatchObject({
      balance: unit.total - part,
      status: 'active',
    });
  });
});
