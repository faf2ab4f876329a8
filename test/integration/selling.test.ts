import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { countPendingOutbox, readOutbox, verifyOutboxChain } from '../../src-main/db/repos/outbox-repo';
import { usageFor } from '../../src-main/db/repos/usage-repo';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00
const CHILD_STALLS = 'price-hamlet-child-stalls'; // 22.50

describe('selling at the terminal', () => {
  let pos: TestTerminal;
  const signIn = (staffId: string, pin: string) => pos.must(c.staff.signIn, { staffId, pin });
  const addAdults = (qty: number) =>
    pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty });
  const payCash = async (tendered?: number) => {
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total, tendered: tendered ?? cart.total }],
    });
  };

  beforeEach(async () => {
    pos = await startTestTerminal();
    await signIn('staff-sam', '4826');
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  });
  afterEach(() => pos.close());

  it('auto-applies the best automatic code and lets a typed code replace it', async () => {
    const auto = await addAdults(2);
    expect(auto.gross).toBe(9000);
    expect(auto.code).toMatchObject({ code: 'WELCOME5', source: 'auto', applies: true, discount: 500 });
    expect(auto.total).toBe(8500);

    const manual = await pos.must(c.cart.applyCode, { input: '  summer20 ' });
    expect(manual.code).toMatchObject({ code: 'SUMMER20', source: 'manual', discount: 1800 });
    expect(manual.total).toBe(7200);
    expect(manual.lines[0]).toMatchObject({ codeDiscount: 1800, total: 7200 });

    const removed = await pos.must(c.cart.removeCode);
    expect(removed.code).toMatchObject({ code: 'WELCOME5', source: 'auto' });
  });

  it('ignores the figures typed with a customer: their completed sales here are their previous orders', async () => {
    // docs/CUSTOMERS.md "At the terminal": a customer with no store record has their completed sales at
    // this terminal as previous orders, and no groups.
    const ada = { id: 'C-1', name: 'Ada', priorOrders: 7, groups: ['members'] };
    const bob = { id: 'C-2', name: 'Bob', email: 'bob@example.com', priorOrders: 4, groups: [] };
    for (const customer of [ada, bob, { ...ada, name: 'Ada Lovelace' }, null]) {
      await addAdults(1);
      const cart = await pos.must(c.cart.setCustomer, { customer });
      if (customer) expect(cart.customer).toMatchObject({ groups: [] });
      await payCash();
      pos.clock.advance(60_000);
    }
    await addAdults(1);
    expect((await pos.must(c.cart.setCustomer, { customer: ada })).customer).toMatchObject({
      priorOrders: 2,
      groups: [],
    });
    expect((await pos.must(c.cart.setCustomer, { customer: bob })).customer).toMatchObject({
      priorOrders: 1,
    });
  });

  it('takes a code from a scanned link carrying coupon=CODE', async () => {
    await addAdults(1);
    const view = await pos.must(c.cart.applyCode, {
      input: 'https://tickets.example/checkout?event=1&coupon=tenoff#top',
    });
    expect(view.code).toMatchObject({ code: 'TENOFF', discount: 1000 });
  });

  it('refuses unknown and malformed codes with a sentence', async () => {
    await addAdults(2);
    expect(await pos.call(c.cart.applyCode, { input: 'NOSUCHCODE' })).toMatchObject({
      ok: false,
      reason: 'INVALID_CODE',
      message: 'This is not a valid discount code.',
    });
    expect(await pos.call(c.cart.applyCode, { input: 'two words' })).toMatchObject({
      ok: false,
      reason: 'INVALID_CODE_FORMAT',
    });
    expect((await pos.must(c.cart.get)).code).toMatchObject({ source: 'auto' });
  });

  it('keeps a code whose basket rule is not met and says what is missing', async () => {
    const view = await pos.must(c.cart.applyCode, { input: 'FAMILY' });
    expect(view.code).toMatchObject({ code: 'FAMILY', applies: false });
    await addAdults(2);
    const missing = await pos.must(c.cart.get);
    expect(missing.code).toMatchObject({ applies: false, reason: 'REQUIRED_ITEMS_MISSING' });
    expect(missing.code?.hint).toBeTruthy();
    const done = await pos.must(c.cart.addTicket, {
      performanceId: HAMLET,
      ticketPriceId: CHILD_STALLS,
      qty: 1,
    });
    expect(done.code).toMatchObject({ applies: true, discount: 1125 });
  });

  it('enforces capacity when adding and when changing quantities', async () => {
    const jazz = { performanceId: 'perf-jazz-1', ticketPriceId: 'price-jazz-adult-stalls' };
    expect(await pos.call(c.cart.addTicket, { ...jazz, qty: 81 })).toMatchObject({
      ok: false,
      reason: 'CAPACITY',
    });
    const view = await pos.must(c.cart.addTicket, { ...jazz, qty: 80 });
    const lineId = view.lines[0]?.id as string;
    expect(await pos.call(c.cart.setQty, { lineId, qty: 81 })).toMatchObject({
      ok: false,
      reason: 'CAPACITY',
    });
    await payCash();
    const events = await pos.must(c.catalogue.events);
    const jazzPerformance = events.flatMap((e) => e.performances).find((p) => p.id === 'perf-jazz-1');
    expect(jazzPerformance).toMatchObject({ sold: 80, remaining: 0 });
    expect(await pos.call(c.cart.addTicket, { ...jazz, qty: 1 })).toMatchObject({
      ok: false,
      reason: 'CAPACITY',
    });
  });

  it('shows each role only the codes it may see, with the saving on this basket', async () => {
    await addAdults(2);
    const seller = await pos.must(c.codes.search, { query: 'staff' });
    expect(seller.map((o) => o.code)).not.toContain('STAFF50');
    expect(await pos.call(c.cart.applyCode, { input: 'STAFF50' })).toMatchObject({
      ok: false,
      reason: 'NOT_IN_BOX_OFFICE',
    });
    const summer = await pos.must(c.codes.search, { query: 'summer' });
    expect(summer[0]).toMatchObject({ code: 'SUMMER20', applies: true, saving: 1800 });
    const group = await pos.must(c.codes.search, { query: 'groups of' });
    expect(group[0]).toMatchObject({ code: 'GROUP10', applies: false, reason: 'GROUP_TOO_SMALL' });
    const school = await pos.must(c.codes.search, { query: 'SCHOOL', limit: 200 });
    expect(school.length).toBeGreaterThan(100);
    expect(school.map((o) => o.code)).not.toContain('SCHOOL');

    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    const supervisor = await pos.must(c.codes.search, { query: 'staff' });
    expect(supervisor.map((o) => o.code)).toContain('STAFF50');
  });

  it('lets a supervisor grant overuse of an exhausted code and records who, why and which limit', async () => {
    for (let i = 0; i < 3; i++) {
      await addAdults(1);
      await pos.must(c.cart.applyCode, { input: 'LIMITED' });
      await payCash();
    }
    await addAdults(1);
    const exhausted = await pos.must(c.cart.applyCode, { input: 'LIMITED' });
    expect(exhausted.code).toMatchObject({ applies: false, reason: 'MAX_USES', overridable: true });
    const cart = await pos.must(c.cart.get);
    expect(
      await pos.call(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'cash', amount: cart.total }],
      }),
    ).toMatchObject({
      ok: false,
      reason: 'CODE_NOT_APPLICABLE',
    });
    expect(
      await pos.call(c.cart.grantOveruse, {
        approverId: 'staff-sam',
        pin: '4826',
        reason: 'Manager decision',
      }),
    ).toMatchObject({
      reason: 'APPROVER_NOT_ALLOWED',
    });
    expect(
      await pos.call(c.cart.grantOveruse, {
        approverId: 'staff-sue',
        pin: '0000',
        reason: 'Manager decision',
      }),
    ).toMatchObject({
      reason: 'WRONG_PIN',
    });
    const granted = await pos.must(c.cart.grantOveruse, {
      approverId: 'staff-sue',
      pin: '5937',
      reason: 'Manager decision',
    });
    expect(granted.code).toMatchObject({
      applies: true,
      overridden: ['MAX_USES'],
      overuse: { approverName: 'Sue Supervisor' },
    });
    const sale = await payCash();
    expect(sale.approvals).toEqual([
      expect.objectContaining({
        kind: 'overuse',
        approverId: 'staff-sue',
        reason: 'Manager decision',
        limits: '["MAX_USES"]',
      }),
    ]);
    expect(sale.redemption).toMatchObject({ overuse: 1, codeId: 'code-limited' });
  });

  it('needs a supervisor for an ad-hoc discount above the role ceiling', async () => {
    await addAdults(2);
    await pos.must(c.cart.applyCode, { input: 'SUMMER20' });
    const small = await pos.must(c.cart.setCustomDiscount, {
      kind: 'percentage',
      value: 500,
      reason: 'Goodwill',
    });
    expect(small.custom).toMatchObject({ amount: 360, approvedBy: null });
    expect(small.total).toBe(9000 - 1800 - 360);
    const big = await pos.call(c.cart.setCustomDiscount, {
      kind: 'percentage',
      value: 2000,
      reason: 'Goodwill',
    });
    expect(big).toMatchObject({ ok: false, reason: 'APPROVAL_REQUIRED' });
    const fixed = await pos.call(c.cart.setCustomDiscount, {
      kind: 'fixed',
      value: 600,
      reason: 'Goodwill',
    });
    expect(fixed.ok ? '' : fixed.message).toContain('limit of 5.00 EUR');
    const approved = await pos.must(c.cart.setCustomDiscount, {
      kind: 'percentage',
      value: 2000,
      reason: 'Goodwill',
      approver: { staffId: 'staff-sue', pin: '5937' },
    });
    expect(approved.custom).toMatchObject({ amount: 1440, approvedBy: 'Sue Supervisor' });
    const sale = await payCash();
    expect(sale.sale).toMatchObject({
      codeDiscount: 1800,
      customDiscount: 1440,
      total: 5760,
      customReason: 'Goodwill',
    });
    expect(sale.approvals).toEqual([
      expect.objectContaining({ kind: 'custom_discount', approverId: 'staff-sue' }),
    ]);
    expect(sale.units.reduce((n, u) => n + u.customDiscount, 0)).toBe(1440);
  });

  it('takes split tenders, gives change and numbers receipts without gaps', async () => {
    await addAdults(1);
    const cart = await pos.must(c.cart.get);
    expect(cart.total).toBe(4500);
    expect(
      await pos.call(c.checkout.complete, { cartId: cart.id, tenders: [{ tender: 'cash', amount: 1000 }] }),
    ).toMatchObject({
      reason: 'TENDER_MISMATCH',
      message: 'The payments add up to 10.00 EUR but the order is 45.00 EUR. Adjust the amounts.',
    });
    expect(
      await pos.call(c.checkout.complete, {
        cartId: cart.id,
        tenders: [{ tender: 'card', amount: 4500, reference: ' ' }],
      }),
    ).toMatchObject({
      reason: 'INVALID_REQUEST',
    });
    const first = await pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [
        { tender: 'card', amount: 2500, reference: 'AUTH-123' },
        { tender: 'cash', amount: 2000, tendered: 5000 },
      ],
    });
    expect(first.sale.receiptNo).toBe(1);
    expect(first.payments).toEqual([
      expect.objectContaining({ tender: 'card', amount: 2500, reference: 'AUTH-123' }),
      expect.objectContaining({ tender: 'cash', amount: 2000, tendered: 5000, changeGiven: 3000 }),
    ]);
    const again = await pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: 4500 }],
    });
    expect(again.sale.id).toBe(first.sale.id);
    await addAdults(1);
    expect((await payCash()).sale.receiptNo).toBe(2);
    expect(verifyOutboxChain(pos.terminal.db)).toBeNull();
    expect(readOutbox(pos.terminal.db).map((e) => e.type)).toEqual(['shift.open', 'sale', 'sale']);
    expect(countPendingOutbox(pos.terminal.db)).toBe(3);
  });

  it('refunds one unit exactly and a void gives the code use back', async () => {
    await pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 3 });
    await pos.must(c.cart.applyCode, { input: 'LIMITED' });
    const sale = await payCash();
    expect(sale.sale.codeDiscount).toBe(2025);
    expect(sale.units.map((u) => u.total)).toEqual([3825, 3825, 3825]);
    const unit = sale.units[1]!;

    expect(
      await pos.call(c.sales.refund, {
        saleId: sale.sale.id,
        units: [{ lineId: unit.lineId, unitIndex: 1 }],
        reason: 'Customer request',
      }),
    ).toMatchObject({
      reason: 'FORBIDDEN',
    });
    await signIn('staff-sue', '5937');
    const refunded = await pos.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: unit.lineId, unitIndex: 1 }],
      reason: 'Customer request',
    });
    expect(refunded.refunds).toEqual([expect.objectContaining({ kind: 'refund', amount: 3825 })]);
    expect(refunded.payments.at(-1)).toMatchObject({ tender: 'cash', amount: -3825 });
    expect(
      await pos.call(c.sales.refund, {
        saleId: sale.sale.id,
        units: [{ lineId: unit.lineId, unitIndex: 1 }],
        reason: 'Customer request',
      }),
    ).toMatchObject({
      reason: 'UNIT_NOT_REFUNDABLE',
    });

    const usage = () => usageFor(pos.terminal.db, 'code-limited', null, { eventIds: [], scheduleIds: [] });
    expect(usage()).toMatchObject({ uses: 1, itemUses: 3, discountGiven: 2025 });
    const voided = await pos.must(c.sales.void, { saleId: sale.sale.id, reason: 'Wrong ticket sold' });
    expect(voided.sale.status).toBe('voided');
    expect(voided.redemption?.releasedAt).not.toBeNull();
    expect(voided.refunds.map((r) => r.amount)).toEqual([3825, 7650]);
    expect(usage()).toMatchObject({ uses: 0, itemUses: 0, discountGiven: 0 });
    const performance = (await pos.must(c.catalogue.performance, { performanceId: HAMLET })).performance;
    expect(performance.sold).toBe(0);
  });

  it('closes the shift with a Z report of tenders, codes, custom discounts, overuses and cashiers, voids apart', async () => {
    await addAdults(2);
    await pos.must(c.cart.applyCode, { input: 'SUMMER20' });
    await payCash(10_000);
    await addAdults(1);
    await pos.must(c.cart.setCustomDiscount, { kind: 'fixed', value: 500, reason: 'Goodwill' });
    const cart = await pos.must(c.cart.get);
    await pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'card', amount: cart.total, reference: 'AUTH-9' }],
    });
    // A third sale, with a code, voided: shown apart in every section, never in the takings.
    await addAdults(2);
    await pos.must(c.cart.applyCode, { input: 'SUMMER20' });
    const third = await payCash();
    await signIn('staff-sue', '5937');
    await pos.must(c.sales.void, { saleId: third.sale.id, reason: 'Wrong ticket sold' });

    const z = await pos.must(c.shift.close, { countedCash: 17_100 });
    expect(z.expectedCash).toBe(10_000 + 7200);
    expect(z.difference).toBe(-100);
    expect(z.figures.byTender).toEqual([
      { tender: 'card', amount: 4000, count: 1 },
      { tender: 'cash', amount: 7200, count: 3 },
    ]);
    expect(z.figures.refunds).toEqual([{ kind: 'void', count: 1, amount: third.sale.total }]);
    expect(z.figures.sales).toEqual({
      count: 2,
      gross: 13_500,
      codeDiscount: 1800,
      customDiscount: 500,
      total: 11_200,
    });
    expect(z.figures.voided).toEqual({ count: 1, total: third.sale.total });
    expect(z.figures.byCode).toEqual([{ code: 'SUMMER20', orders: 1, discount: 1800 }]);
    expect(z.figures.customByReason).toEqual([{ reason: 'Goodwill', orders: 1, discount: 500 }]);
    expect(z.figures.byCashier).toEqual([
      { cashier: 'Sam Seller', orders: 2, total: 11_200, codeDiscount: 1800, customDiscount: 500, voided: 1 },
    ]);
    expect(
      await pos.call(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 1 }),
    ).toMatchObject({ ok: true });
    const noShift = await pos.must(c.cart.get);
    expect(
      await pos.call(c.checkout.complete, {
        cartId: noShift.id,
        tenders: [{ tender: 'cash', amount: noShift.total }],
      }),
    ).toMatchObject({
      reason: 'NO_SHIFT',
    });
  });
});
