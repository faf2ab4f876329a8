import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import type { RequestOf } from '../../shared/ipc/contract';
import type { SaleRecord } from '../../shared/ipc/domains/sales';
import { getPerformance } from '../../src-main/db/repos/catalogue-repo';
import { readOutbox } from '../../src-main/db/repos/outbox-repo';
import { usageFor } from '../../src-main/db/repos/usage-repo';
import { saleReceipt } from '../../src-main/services/printing/documents';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

// Exchanges at the terminal that sold (docs/ORDERS.md "Exchanges"): the real core, SQLite and dispatcher.

const HAMLET_1 = 'perf-hamlet-1';
const HAMLET_2 = 'perf-hamlet-2';
const JAZZ = 'perf-jazz-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00
const ADULT_CIRCLE = 'price-hamlet-adult-circle'; // 35.00
const JAZZ_CHILD_CIRCLE = 'price-jazz-child-circle'; // 7.50

type Tenders = RequestOf<typeof c.checkout.complete>['tenders'];

describe('exchanges at the window that sold', () => {
  let pos: TestTerminal;
  const db = () => pos.terminal.db;
  const sold = (performanceId: string) => getPerformance(db(), performanceId)!.sold;

  const sell = async (
    qty: number,
    code: string | null,
    tenders: (total: number) => Tenders = (total) => [{ tender: 'cash', amount: total }],
  ): Promise<SaleRecord> => {
    await pos.must(c.cart.addTicket, { performanceId: HAMLET_1, ticketPriceId: ADULT_STALLS, qty });
    if (code) await pos.must(c.cart.applyCode, { input: code });
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, { cartId: cart.id, tenders: tenders(cart.total) });
  };
  const unit = (sale: SaleRecord, i: number) => ({
    lineId: sale.units[i]!.lineId,
    unitIndex: sale.units[i]!.unitIndex,
  });
  /** The first unit of `old` exchanged for `qty` seats at one price. */
  const firstFor = (
    old: SaleRecord,
    performanceId: string,
    ticketPriceId: string,
    qty: number,
    reason: string,
  ) => ({
    saleId: old.sale.id,
    units: [unit(old, 0)],
    lines: [{ performanceId, ticketPriceId, qty }],
    reason,
  });
  /** What the sale's refunds paid out, per tender, sorted. */
  const paidOut = async (saleId: string) =>
    (await pos.must(c.sales.find, { saleId })).payments
      .filter((p) => p.refundId)
      .map((p) => [p.tender, p.amount])
      .sort();
  const usesOf = (codeId: string) => usageFor(db(), codeId, null, { eventIds: [], scheduleIds: [] }).uses;
  /** Everything an exchange writes, to show a refused one wrote nothing. */
  const store = () =>
    ['sales', 'refunds', 'payments', 'sale_units WHERE refund_id IS NOT NULL', 'tickets', 'outbox']
      .map((from) => (db().prepare(`SELECT count(*) AS n FROM ${from}`).get() as { n: number }).n)
      .concat(
        [sold(HAMLET_1), sold(HAMLET_2), sold(JAZZ)],
        (db().prepare("SELECT count(*) AS n FROM tickets WHERE status = 'void'").get() as { n: number }).n,
      );

  beforeEach(async () => {
    pos = await startTestTerminal();
    await pos.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  });
  afterEach(() => pos.close());

  it('moves a unit to two dearer seats at another performance, keeping the code, and takes the difference', async () => {
    // SUMMER20: 20 % off. Two stalls at 45.00 = 72.00 after the code; each unit was charged 36.00.
    const old = await sell(2, 'SUMMER20');
    expect(old.units.map((u) => u.total)).toEqual([3600, 3600]);
    const before = { h1: sold(HAMLET_1), h2: sold(HAMLET_2) };
    const ask = firstFor(old, HAMLET_2, ADULT_CIRCLE, 2, 'Exchanged for other tickets');
    const preview = await pos.must(c.sales.exchangePreview, ask);
    // Two circle seats at 35.00 = 70.00, SUMMER20 still applies: 56.00 against the 36.00 given back.
    expect(preview).toMatchObject({
      givenBack: 3600,
      gross: 7000,
      codeDiscount: 1400,
      total: 5600,
      code: { code: 'SUMMER20', applies: true, message: null },
      credit: 3600,
      toPay: 2000,
      toRefund: 0,
      refundTenders: [],
    });
    const done = await pos.must(c.sales.exchange, {
      ...ask,
      tenders: [{ tender: 'card', amount: preview.toPay, reference: 'AUTH-77' }],
    });

    const fresh = done.sale;
    expect(fresh.sale.exchangeOf).toBe(old.sale.id);
    expect(fresh.sale).toMatchObject({ total: 5600, codeDiscount: 1400, codeText: 'SUMMER20' });
    expect(fresh.payments.map((p) => [p.tender, p.amount]).sort()).toEqual([
      ['card', 2000],
      ['exchange', 3600],
    ]);
    // The code's use stays with the original order: one use, not two.
    expect(fresh.redemption).toBeNull();
    expect(usesOf('code-summer20')).toBe(1);
    // Old ticket void, two new valid ones; seats moved between the performances.
    const oldNow = await pos.must(c.sales.find, { saleId: old.sale.id });
    expect(oldNow.tickets.map((t) => t.status)).toEqual(['void', 'valid']);
    expect(fresh.tickets.map((t) => [t.performanceId, t.status])).toEqual([
      [HAMLET_2, 'valid'],
      [HAMLET_2, 'valid'],
    ]);
    expect(sold(HAMLET_1)).toBe(before.h1 - 1);
    expect(sold(HAMLET_2)).toBe(before.h2 + 2);
    // The refund paid the old unit's value into the exchange, not out of the drawer.
    const refund = oldNow.refunds[0]!;
    expect(refund).toMatchObject({ id: done.refundId, amount: 3600, kind: 'refund' });
    expect(oldNow.payments.filter((p) => p.refundId).map((p) => [p.tender, p.amount])).toEqual([
      ['exchange', -3600],
    ]);
    // One refund and one sale, each once in the outbox; the pushed sale names the old one.
    const outbox = readOutbox(db());
    expect(outbox.map((e) => e.type)).toEqual(['shift.open', 'sale', 'refund', 'sale']);
    const pushed = outbox[3]!.payload as { sale: { id: string; exchangeOf: string } };
    expect(pushed.sale).toMatchObject({ id: fresh.sale.id, exchangeOf: old.sale.id });
    // The new sale's receipt lists the credit and the difference paid.
    const paper = saleReceipt(fresh, {
      language: 'en',
      paperWidth: 80,
      venue: null,
      terminalId: 'T',
      staffName: () => 'Sue',
    });
    // (The paper's markup: `|left | right`.)
    expect(paper).toContain('|Exchange credit | 36.00');
    expect(paper).toContain('|Card AUTH\\-77 | 20.00');
    // The journal's history names the other receipt on both orders.
    const historyOf = async (saleId: string) =>
      (await pos.must(c.journal.open, { ref: saleId })).history
        .filter((h) => h.kind === 'exchange_of' || h.kind === 'exchanged_for')
        .map((h) => [h.kind, h.receiptNo]);
    expect(await historyOf(old.sale.id)).toEqual([['exchanged_for', fresh.sale.receiptNo]]);
    expect(await historyOf(fresh.sale.id)).toEqual([['exchange_of', old.sale.receiptNo]]);
    // The shift: 72.00 cash and 20.00 card taken; the exchange credit nets out.
    const z = await pos.must(c.shift.current);
    const byTender = Object.fromEntries(z!.figures.byTender.map((r) => [r.tender, r.amount]));
    expect(byTender).toEqual({ cash: 7200, card: 2000, exchange: 0 });
  });

  it('exchanges for cheaper seats with a code that still applies after its order used the last use', async () => {
    // LIMITED allows 3 orders in all: this order holds the third use; re-checking it is not a fourth.
    await sell(1, 'LIMITED');
    await sell(1, 'LIMITED');
    const old = await sell(1, 'LIMITED', (total) => [{ tender: 'card', amount: total, reference: 'A1' }]);
    expect(usesOf('code-limited')).toBe(3);
    const ask = firstFor(old, HAMLET_1, ADULT_CIRCLE, 1, 'Exchanged for other tickets');
    const preview = await pos.must(c.sales.exchangePreview, ask);
    // 45.00 − 15 % = 38.25 given back; 35.00 − 15 % = 29.75 new: 8.50 back to the card it was paid with.
    expect(preview).toMatchObject({
      givenBack: 3825,
      total: 2975,
      code: { applies: true },
      credit: 2975,
      toPay: 0,
      toRefund: 850,
      refundTenders: [{ tender: 'card', amount: 850 }],
    });
    const done = await pos.must(c.sales.exchange, { ...ask, tenders: [] });
    expect(done.sale.payments.map((p) => [p.tender, p.amount])).toEqual([['exchange', 2975]]);
    expect(await paidOut(old.sale.id)).toEqual([
      ['card', -850],
      ['exchange', -2975],
    ]);
    expect(usesOf('code-limited')).toBe(3);
  });

  it('says in the engine’s words why the code no longer applies, and goes ahead at full price only when confirmed', async () => {
    // TENOFF: 10.00 off orders of 30.00 or more. 45.00 − 10.00 = 35.00, paid by card.
    const old = await sell(1, 'TENOFF', (total) => [{ tender: 'card', amount: total, reference: 'A2' }]);
    const ask = firstFor(old, JAZZ, JAZZ_CHILD_CIRCLE, 1, 'Exchanged for other tickets');
    const preview = await pos.must(c.sales.exchangePreview, ask);
    expect(preview.code).toMatchObject({ code: 'TENOFF', applies: false });
    expect(preview.code?.message).toMatch(/minimum spend/);
    expect(preview).toMatchObject({ total: 750, codeDiscount: 0, credit: 750, toPay: 0, toRefund: 2750 });

    const before = store();
    const refused = await pos.call(c.sales.exchange, { ...ask, tenders: [] });
    expect(refused).toMatchObject({ ok: false, reason: 'EXCHANGE_CODE_LAPSED' });
    if (!refused.ok) {
      expect(refused.message).toContain('TENOFF');
      expect(refused.message).toContain(preview.code!.message!);
    }
    expect(store()).toEqual(before);

    const done = await pos.must(c.sales.exchange, { ...ask, fullPrice: true, tenders: [] });
    expect(done.sale.sale).toMatchObject({
      total: 750,
      codeDiscount: 0,
      codeId: null,
      exchangeOf: old.sale.id,
    });
    expect(await paidOut(old.sale.id)).toEqual([
      ['card', -2750],
      ['exchange', -750],
    ]);
  });

  it('refuses bad exchanges with a sentence and leaves the store as it was', async () => {
    const old = await sell(2, null);
    await pos.must(c.sales.refund, {
      saleId: old.sale.id,
      units: [unit(old, 0)],
      reason: 'Customer request',
    });
    const many = [{ performanceId: JAZZ, ticketPriceId: JAZZ_CHILD_CIRCLE, qty: 81 }];
    const { toPay } = await pos.must(c.sales.exchangePreview, {
      saleId: old.sale.id,
      units: [unit(old, 1)],
      lines: many,
      reason: 'Customer request',
    });
    const ask = {
      saleId: old.sale.id,
      units: [unit(old, 1)],
      lines: [{ performanceId: HAMLET_2, ticketPriceId: ADULT_STALLS, qty: 1 }],
      reason: 'Customer request',
      tenders: [] as Tenders,
    };
    const before = store();
    const cases: [RequestOf<typeof c.sales.exchange>, string][] = [
      [{ ...ask, units: [unit(old, 0)] }, 'UNIT_NOT_REFUNDABLE'],
      [
        {
          ...ask,
          // Paid in full: only the 80 seats are missing.
          lines: many,
          tenders: [{ tender: 'cash', amount: toPay }],
        },
        'CAPACITY',
      ],
      [
        { ...ask, lines: [{ performanceId: HAMLET_2, ticketPriceId: ADULT_STALLS, qty: 2 }] },
        'EXCHANGE_TENDER_MISMATCH',
      ],
      [
        {
          ...ask,
          lines: [{ performanceId: HAMLET_2, ticketPriceId: ADULT_STALLS, qty: 2 }],
          tenders: [{ tender: 'cash', amount: 4000 }],
        },
        'EXCHANGE_TENDER_MISMATCH',
      ],
      [{ ...ask, saleId: '0190aaaa-0000-7000-8000-000000000000' }, 'EXCHANGE_ELSEWHERE'],
    ];
    for (const [request, reason] of cases) {
      const answer = await pos.call(c.sales.exchange, request);
      expect(answer, reason).toMatchObject({ ok: false, reason });
      if (!answer.ok) expect(answer.message.length).toBeGreaterThan(20);
      expect(store()).toEqual(before);
    }
    // The same performance: the seat given back is the seat taken, even when none is free otherwise.
    db().prepare('UPDATE performances SET capacity = ? WHERE id = ?').run(sold(HAMLET_1), HAMLET_1);
    const same = await pos.must(c.sales.exchange, {
      ...ask,
      lines: [{ performanceId: HAMLET_1, ticketPriceId: ADULT_CIRCLE, qty: 1 }],
      // The order's auto-applied WELCOME5 needs 50.00: one circle seat is full price.
      fullPrice: true,
    });
    expect(same.sale.tickets).toHaveLength(1);
  });

  it('is the refund permission’s, enforced in main', async () => {
    const old = await sell(1, null);
    await pos.must(c.staff.signOut);
    await pos.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    const answer = await pos.call(c.sales.exchangePreview, {
      saleId: old.sale.id,
      units: [unit(old, 0)],
      lines: [{ performanceId: HAMLET_2, ticketPriceId: ADULT_STALLS, qty: 1 }],
      reason: 'Customer request',
    });
    expect(answer).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
  });
});
