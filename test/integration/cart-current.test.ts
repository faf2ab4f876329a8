import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import type { Actor } from '../../shared/ipc/domains/staff';
import { getRole } from '../../src-main/db/repos/staff-repo';
import { createTranslate } from '../../src-main/messages';
import { createCartService, type CartService } from '../../src-main/services/cart-service';
import { createStaffService } from '../../src-main/services/staff-service';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

// Checkout prices a cart once, then waits for its lease top-up; `current` keeps that pricing unless
// something it read has changed meanwhile. A second cart service on the same store is the "meanwhile".

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00

describe('a priced cart stays priced only while what it read is unchanged', () => {
  let pos: TestTerminal;
  let cart: CartService;
  let actor: Actor;

  beforeEach(async () => {
    pos = await startTestTerminal({ printer: { enabled: false } });
    const { db } = pos.terminal;
    const t = createTranslate(() => 'en');
    const staff = createStaffService({ db, clock: pos.clock, t, language: () => 'en', idleMinutes: 5 });
    cart = createCartService({ db, clock: pos.clock, t, language: () => 'en', staff });
    actor = { staffId: 'staff-sam', name: 'Sam Seller', role: getRole(db, 'seller')! };
  });
  afterEach(() => pos.close());

  it('keeps the pricing while nothing changed, and prices again once the cart changed', () => {
    cart.addTicket(actor, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 2 });
    const priced = cart.priceCart(actor);
    expect(cart.current(actor, priced)).toBe(priced);

    cart.addTicket(actor, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 1 });
    const again = cart.current(actor, priced);
    expect(again).not.toBe(priced);
    expect(again.priced.gross).toBe(13_500);
    expect(priced.priced.gross).toBe(9000);
  });

  it("prices again when the code's usage moved (a sale elsewhere used it), and the code then fails", async () => {
    cart.addTicket(actor, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 1 });
    expect(cart.applyCode(actor, 'LIMITED').ok).toBe(true);
    const priced = cart.priceCart(actor);
    expect(priced.evaluation?.ok).toBe(true);

    // The terminal's own cart sells LIMITED three times: its limit.
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    await pos.must(c.shift.open, { openingFloat: 0 });
    for (let i = 0; i < 3; i++) {
      await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 1 });
      const view = await pos.must(c.cart.applyCode, { input: 'LIMITED' });
      await pos.must(c.checkout.complete, {
        cartId: view.id,
        tenders: [{ tender: 'cash', amount: view.total }],
      });
    }

    const again = cart.current(actor, priced);
    expect(again).not.toBe(priced);
    expect(again.evaluation).toMatchObject({ ok: false, reason: 'MAX_USES' });
  });
});
