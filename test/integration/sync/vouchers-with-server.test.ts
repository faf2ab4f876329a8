import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { heldUnits } from '../../../src-main/db/repos/lease-repo';
import { getPulledVoucher } from '../../../src-main/db/repos/voucher-repo';
import { enrolledTerminal, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/CASH.md "Gift vouchers", end to end with the real server: a voucher sold at one window is known
// to the server once pushed, pulled by the others, spent at another window from a lease the checkout
// asks for (exactly what it lacks), checked online, and held ahead by a window with a voucher share.
// Needs the server's voucher part (pull entity `vouchers`, voucherSharePercent, GET /v1/vouchers/:id,
// voucher counters granted min(want, unallocated)).

describe('gift vouchers between two windows and the server', () => {
  let world: SyncWorld;
  let seller: TestTerminal;
  let other: TestTerminal;
  let productId: string;

  beforeAll(async () => {
    world = await startSyncWorld();
    const product = await world.org.api.post<{ id: string }>('/v1/products', {
      kind: 'voucher',
      name: 'Gift voucher 50',
      unitPrice: 5000,
      vatRate: 0,
      voucherDays: 365,
    });
    expect(product.status, product.text).toBe(201);
    productId = product.body.id;
    seller = await enrolledTerminal(world);
    other = await enrolledTerminal(world);
    for (const pos of [seller, other]) {
      await pos.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
      await pos.must(c.sync.now);
      await pos.must(c.shift.open, { openingFloat: 0 });
    }
  });
  afterAll(async () => {
    await seller?.close();
    await other?.close();
    await world.close();
  });

  const pay = async (pos: TestTerminal, voucher?: { code: string; amount: number }) => {
    const cart = await pos.must(c.cart.get);
    const rest = cart.total - (voucher?.amount ?? 0);
    return pos.call(c.checkout.complete, {
      cartId: cart.id,
      tenders: [
        ...(voucher ? [{ tender: 'voucher' as const, ...voucher }] : []),
        ...(rest > 0 ? [{ tender: 'card' as const, amount: rest, reference: 'T' }] : []),
      ],
    });
  };

  it('sells at one window, spends at another online, and the server keeps the balance', async () => {
    await seller.must(c.cart.addVoucher, { productId, qty: 1 });
    const sold = await pay(seller);
    expect(sold.ok, JSON.stringify(sold)).toBe(true);
    if (!sold.ok) return;
    const voucher = sold.value.vouchers[0]!;

    // Before the push nobody can spend it.
    await other.must(c.cart.addTicket, {
      performanceId: world.catalogue.performanceId,
      ticketPriceId: world.catalogue.ticketPriceId,
      qty: 1,
    });
    expect(await pay(other, { code: voucher.secret, amount: 1000 })).toMatchObject({
      ok: false,
      reason: 'VOUCHER_NOT_SYNCED',
    });

    await seller.must(c.sync.now);
    await other.must(c.sync.now);
    expect(getPulledVoucher(other.terminal.db, voucher.id)).toMatchObject({
      balance: 5000,
      status: 'active',
    });
    expect(await other.must(c.vouchers.check, { code: voucher.secret })).toMatchObject({
      voucherId: voucher.id,
      balance: 5000,
      live: true,
      spendableHere: 5000,
    });

    // The checkout asks for exactly the 1500 it lacks, and spends them.
    const spent = await pay(other, { code: voucher.secret, amount: 1500 });
    expect(spent.ok, JSON.stringify(spent)).toBe(true);
    const now = new Date(world.clock.now()).toISOString();
    expect(heldUnits(other.terminal.db, `voucher_balance:${voucher.id}`, now)).toBe(0);
    await other.must(c.sync.now);
    expect(await seller.must(c.vouchers.check, { code: voucher.secret })).toMatchObject({
      balance: 3500,
      live: true,
    });
  });

  it('takes back a sold voucher only while whole, and a partial refund puts money back onto a voucher', async () => {
    await seller.must(c.cart.addVoucher, { productId, qty: 2 });
    const sold = await pay(seller);
    if (!sold.ok) throw new Error(sold.message);
    const [whole, spentFrom] = sold.value.vouchers;
    await seller.must(c.sync.now);
    await other.must(c.sync.now);
    // Another window spends 10.00 of the second voucher on two tickets.
    await other.must(c.cart.addTicket, {
      performanceId: world.catalogue.performanceId,
      ticketPriceId: world.catalogue.ticketPriceId,
      qty: 2,
    });
    const spent = await pay(other, { code: spentFrom!.secret, amount: 1000 });
    if (!spent.ok) throw new Error(spent.message);
    await other.must(c.sync.now);
    const unitOf = (v: typeof whole) => [{ lineId: v!.lineId!, unitIndex: v!.unitIndex! }];
    const signIn = (staffId: string, pin: string) =>
      Promise.all([seller, other].map((pos) => pos.must(c.staff.signIn, { staffId, pin })));
    // Refunds are a supervisor's.
    await signIn(world.catalogue.supervisorId, '8142');

    // The spent one cannot go back: the server grants the seller only the 40.00 left.
    expect(
      await seller.call(c.sales.refund, {
        saleId: sold.value.sale.id,
        units: unitOf(spentFrom),
        reason: 'Customer request',
      }),
    ).toMatchObject({ ok: false, reason: 'VOUCHER_REFUND_UNSURE' });
    // The whole one does: its leases are asked for first, and the server voids it with the refund.
    const back = await seller.call(c.sales.refund, {
      saleId: sold.value.sale.id,
      units: unitOf(whole),
      reason: 'Customer request',
    });
    expect(back.ok, JSON.stringify(back)).toBe(true);
    await seller.must(c.sync.now);
    await other.must(c.sync.now);
    expect(getPulledVoucher(other.terminal.db, whole!.id)).toMatchObject({ status: 'void' });
    await other.must(c.cart.addTicket, {
      performanceId: world.catalogue.performanceId,
      ticketPriceId: world.catalogue.ticketPriceId,
      qty: 1,
    });
    expect(await pay(other, { code: whole!.secret, amount: 1000 })).toMatchObject({
      ok: false,
      reason: 'VOUCHER_VOID',
    });
    await other.must(c.cart.clear);

    // One of the two tickets back: the voucher's 10.00 first, onto the voucher, on the server too.
    const refunded = await other.must(c.sales.refund, {
      saleId: spent.value.sale.id,
      units: [{ lineId: spent.value.units[0]!.lineId, unitIndex: 0 }],
      reason: 'Customer request',
    });
    expect(refunded.payments.find((p) => p.refundId !== null && p.tender === 'voucher')).toMatchObject({
      amount: -1000,
      voucherId: spentFrom!.id,
    });
    await other.must(c.sync.now);
    expect(await seller.must(c.vouchers.check, { code: spentFrom!.secret })).toMatchObject({
      balance: 5000,
      live: true,
    });
    await signIn(world.catalogue.sellerId, '7305');
  });

  it('takes a voucher this window has not pulled yet, asking the server, at checkout or at the check', async () => {
    const sell = async () => {
      await seller.must(c.cart.addVoucher, { productId, qty: 1 });
      const sold = await pay(seller);
      if (!sold.ok) throw new Error(sold.message);
      await seller.must(c.sync.now);
      return sold.value.vouchers[0]!;
    };
    const ticket = () =>
      other.must(c.cart.addTicket, {
        performanceId: world.catalogue.performanceId,
        ticketPriceId: world.catalogue.ticketPriceId,
        qty: 1,
      });
    // Scanned straight into the payment: no pull, no check first.
    const first = await sell();
    expect(getPulledVoucher(other.terminal.db, first.id)).toBeUndefined();
    await ticket();
    const paid = await pay(other, { code: first.secret, amount: 700 });
    expect(paid.ok, JSON.stringify(paid)).toBe(true);
    // Checked first, then paid: the check's answer is what the checkout goes by.
    const second = await sell();
    expect(await other.must(c.vouchers.check, { code: second.secret })).toMatchObject({
      live: true,
      balance: 5000,
    });
    expect(getPulledVoucher(other.terminal.db, second.id)).toMatchObject({ balance: 5000 });
    await ticket();
    expect((await pay(other, { code: second.secret, amount: 300 })).ok).toBe(true);
    await other.must(c.sync.now);
    for (const [voucher, left] of [
      [first, 4300],
      [second, 4700],
    ] as const)
      expect(await seller.must(c.vouchers.check, { code: voucher.secret })).toMatchObject({ balance: left });
  });

  it('holds a share ahead only once a manager sets one, and spends only that offline', async () => {
    await seller.must(c.cart.addVoucher, { productId, qty: 1 });
    const sold = await pay(seller);
    if (!sold.ok) throw new Error(sold.message);
    const voucher = sold.value.vouchers[0]!;
    await seller.must(c.sync.now);
    await other.must(c.sync.now);
    const counter = `voucher_balance:${voucher.id}`;
    const held = () => heldUnits(other.terminal.db, counter, new Date(world.clock.now()).toISOString());
    await other.terminal.sync.topUpOnce();
    expect(held()).toBe(0);
    const share = await world.org.api.put(`/v1/terminals/${other.terminal.terminalId}/voucher-share`, {
      percent: 20,
    });
    expect(share.status, share.text).toBe(200);
    await other.must(c.sync.now);
    await other.terminal.sync.topUpOnce();
    expect(held()).toBe(1000);

    // Offline: the refusal names what this window holds.
    await world.server.stop();
    try {
      await other.must(c.cart.addTicket, {
        performanceId: world.catalogue.performanceId,
        ticketPriceId: world.catalogue.ticketPriceId,
        qty: 1,
      });
      const refused = await pay(other, { code: voucher.secret, amount: 2000 });
      expect(refused).toMatchObject({ ok: false, reason: 'VOUCHER_OVER_BALANCE' });
      if (!refused.ok) expect(refused.message).toContain('10.00');
      expect(await other.must(c.vouchers.check, { code: voucher.secret })).toMatchObject({
        live: false,
        balance: 5000,
        spendableHere: 1000,
      });
      expect((await pay(other, { code: voucher.secret, amount: 1000 })).ok).toBe(true);
    } finally {
      await world.server.restart();
    }
  });
});
