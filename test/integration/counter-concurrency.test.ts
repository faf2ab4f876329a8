import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import type { SaleRecord } from '../../shared/ipc/domains/sales';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';
import { assertTerminalInvariants } from '../helpers/terminal-invariants';

// The terminal's half of the counter concurrency suite (the server's is
// test/integration/server/counter-concurrency.test.ts): the same request fired many times at once
// through the dispatcher, as a double-clicking screen or a hostile page on the browser host would.
// Each one-shot action must happen exactly once. The PIN lockout's burst test is in staff.test.ts.

const BURST = 20;
const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls';

describe('terminal counters under parallel requests', () => {
  let pos: TestTerminal;

  beforeEach(async () => {
    pos = await startTestTerminal();
    await pos.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
  });
  afterEach(async () => {
    assertTerminalInvariants(pos.terminal.db);
    await pos.close();
  });

  const burst = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: BURST }, make));
  const succeeded = (results: { ok: boolean }[]) => results.filter((r) => r.ok).length;

  async function sell(qty: number, code?: string): Promise<SaleRecord> {
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty });
    if (code) await pos.must(c.cart.applyCode, { input: code });
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
  }

  it('opens one shift when twenty opens arrive at once', async () => {
    expect(succeeded(await burst(() => pos.call(c.shift.open, { openingFloat: 10_000 })))).toBe(1);
  });

  it('records one sale with one receipt number when a cart is paid twenty times at once', async () => {
    await pos.must(c.shift.open, { openingFloat: 10_000 });
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
    const cart = await pos.must(c.cart.get);
    const paid = await burst(() =>
      pos.call(c.checkout.complete, { cartId: cart.id, tenders: [{ tender: 'cash', amount: cart.total }] }),
    );
    // Paying is idempotent by cart: every answer is the one sale, receipt 1.
    expect(
      new Set(paid.map((r) => (r.ok ? `${r.value.sale.id} #${r.value.sale.receiptNo}` : r.reason))),
    ).toEqual(new Set([`${cart.id} #1`]));
    const next = await sell(1);
    expect(next.sale.receiptNo).toBe(2);
    const report = await pos.must(c.shift.current);
    expect(report?.figures.sales.count).toBe(2);
  });

  it('refunds one seat once and voids a sale once when asked twenty times at once', async () => {
    await pos.must(c.shift.open, { openingFloat: 10_000 });
    const sale = await sell(3);
    const unit = { lineId: sale.units[0]?.lineId as string, unitIndex: sale.units[0]?.unitIndex as number };
    const refunds = await burst(() =>
      pos.call(c.sales.refund, { saleId: sale.sale.id, units: [unit], reason: 'Customer request' }),
    );
    expect(succeeded(refunds)).toBe(1);
    const other = await sell(1);
    const voids = await burst(() =>
      pos.call(c.sales.void, { saleId: other.sale.id, reason: 'Wrong ticket sold' }),
    );
    expect(succeeded(voids)).toBe(1);
    const refunded = await pos.must(c.sales.find, { saleId: sale.sale.id });
    expect(refunded.refunds).toHaveLength(1);
  });

  it('keeps a code with three uses to three sales when the screens race', async () => {
    await pos.must(c.shift.open, { openingFloat: 10_000 });
    const discounted: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      // Each sale's code application and payment race their own duplicates.
      await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 1 });
      await burst(() => pos.call(c.cart.applyCode, { input: 'LIMITED' }));
      let cart = await pos.must(c.cart.get);
      const pay = () =>
        burst(() =>
          pos.call(c.checkout.complete, {
            cartId: cart.id,
            tenders: [{ tender: 'cash', amount: cart.total }],
          }),
        );
      let paid = await pay();
      if (paid.every((r) => !r.ok && r.reason === 'CODE_NOT_APPLICABLE')) {
        // The limit is reached: the screen takes the code off and sells at full price.
        cart = await pos.must(c.cart.removeCode);
        paid = await pay();
      }
      expect(new Set(paid.map((r) => (r.ok ? r.value.sale.id : r.reason)))).toEqual(new Set([cart.id]));
      const sale = paid[0]?.ok ? paid[0].value : undefined;
      discounted.push((sale?.sale.codeDiscount ?? 0) > 0);
    }
    expect(discounted).toEqual([true, true, true, false, false]);
  });
});
