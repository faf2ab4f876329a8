import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { decodeEscPos } from '../../helpers/escpos-decoder';
import {
  ADULT_STALLS,
  HAMLET,
  RECEIPTS_ONLY,
  setUpPrinter,
  startPrintBench,
  type PrintBench,
} from '../../helpers/printing';

// docs/CASH.md "Cash rounding": a CHF window through the real core, its SQLite store and a network
// printer emulator on loopback. An adult in the stalls costs 22.03 here (two stay below the demo's automatic 5.00 off from 50.00), so cash always rounds.

const row = (...cells: string[]) =>
  new RegExp(`^\\s*${cells.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')}\\s*$`, 'm');

const count = (bench: PrintBench, table: string) =>
  (bench.terminal.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const saved = (bench: PrintBench) =>
  ['sales', 'payments', 'refunds', 'outbox', 'tickets'].map((table) => count(bench, table));

describe('cash rounding at a CHF window', () => {
  let bench: PrintBench;
  beforeEach(async () => {
    bench = await startPrintBench();
    bench.terminal.db.exec(`UPDATE venues SET currency = 'CHF'`);
    bench.terminal.db.prepare('UPDATE ticket_prices SET unit_price = 2203 WHERE id = ?').run(ADULT_STALLS);
    await setUpPrinter(bench, bench.printer, RECEIPTS_ONLY);
  });
  afterEach(() => bench.close());

  const cart = async (qty: number) => {
    await bench.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty });
    return bench.must(c.cart.get);
  };

  it('refuses cash that is not rounded to 0.05, naming the amount to take, and saves nothing', async () => {
    const open = await cart(2);
    expect(open.total).toBe(4406);
    const before = saved(bench);
    const exact = await bench.call(c.checkout.complete, {
      cartId: open.id,
      tenders: [
        { tender: 'card', amount: 2000, reference: 'A-1' },
        { tender: 'cash', amount: 2406, tendered: 3000 },
      ],
    });
    expect(exact).toEqual({
      ok: false,
      reason: 'CASH_NOT_ROUNDED',
      message:
        'Cash is rounded to 0.05 CHF here: take 24.05 CHF in cash for the 24.06 CHF left to pay, then try again.',
    });
    const wrong = await bench.call(c.checkout.complete, {
      cartId: open.id,
      tenders: [{ tender: 'cash', amount: 4400 }],
    });
    expect(wrong.ok || wrong.message).toBe(
      'Cash is rounded to 0.05 CHF here: take 44.05 CHF in cash for the 44.06 CHF left to pay, then try again.',
    );
    expect(saved(bench)).toEqual(before);
    // A card alone still pays exactly.
    const card = await bench.call(c.checkout.complete, {
      cartId: open.id,
      tenders: [{ tender: 'card', amount: 4405, reference: 'A-2' }],
    });
    expect(card.ok || card.reason).toBe('TENDER_MISMATCH');
    expect(saved(bench)).toEqual(before);
  });

  it('rounds only the cash part of a split payment, records it, prints it, and gives change from the rounded cash', async () => {
    const open = await cart(2);
    const sale = await bench.must(c.checkout.complete, {
      cartId: open.id,
      tenders: [
        { tender: 'card', amount: 2000, reference: 'A-1' },
        { tender: 'cash', amount: 2405, tendered: 3000 },
      ],
    });
    expect(sale.sale).toMatchObject({ total: 4406, cashRounding: -1 });
    expect(sale.lines.reduce((n, l) => n + l.total, 0)).toBe(sale.sale.total);
    expect(sale.payments.map((p) => [p.tender, p.amount, p.tendered, p.changeGiven])).toEqual(
      expect.arrayContaining([
        ['card', 2000, null, null],
        ['cash', 2405, 3000, 595],
      ]),
    );
    expect(sale.payments.reduce((n, p) => n + p.amount, 0)).toBe(sale.sale.total + sale.sale.cashRounding);
    const stored = bench.terminal.db
      .prepare('SELECT cash_rounding AS r FROM sales WHERE id = ?')
      .get(sale.sale.id);
    expect(stored).toEqual({ r: -1 });
    const pushed = bench.terminal.db.prepare("SELECT payload FROM outbox WHERE type = 'sale'").get() as {
      payload: string;
    };
    expect((JSON.parse(pushed.payload) as { sale: { cashRounding: number } }).sale.cashRounding).toBe(-1);

    const [receipt] = await bench.printer.waitForPrinted(1);
    const text = decodeEscPos(receipt!).text;
    expect(text).toMatch(row('TOTAL CHF', '44.06'));
    expect(text).toMatch(row('Cash rounding', '-0.01'));
    expect(text).toMatch(row('Cash', '24.05'));
    expect(text).toMatch(row('Change', '5.95'));
  });

  it('rounds a cash refund as its own adjustment, gives a sale refunded in parts all its cash back, and shows it all on the Z report', async () => {
    const split = await cart(2);
    const a = await bench.must(c.checkout.complete, {
      cartId: split.id,
      tenders: [
        { tender: 'card', amount: 2000, reference: 'A-1' },
        { tender: 'cash', amount: 2405 },
      ],
    });
    const single = await cart(1);
    const b = await bench.must(c.checkout.complete, {
      cartId: single.id,
      tenders: [{ tender: 'cash', amount: 2205, tendered: 5000 }],
    });
    expect(b.sale.cashRounding).toBe(2);

    await bench.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    const refundedB = await bench.must(c.sales.refund, {
      saleId: b.sale.id,
      units: [{ lineId: b.units[0]!.lineId, unitIndex: 0 }],
      reason: 'Customer request',
    });
    const refundB = refundedB.refunds[0]!;
    expect(refundB).toMatchObject({ amount: 2203, cashRounding: 2 });
    expect(
      refundedB.payments.filter((p) => p.refundId === refundB.id).map((p) => [p.tender, p.amount]),
    ).toEqual([['cash', -2205]]);

    // A's units one by one: the first takes the card's 20.00 and 2.03 of cash value (2.05 in coins), the
    // second the rest of the cash, so the two give back exactly the 24.05 the sale took in cash.
    const unit = (i: number) => ({ lineId: a.units[i]!.lineId, unitIndex: a.units[i]!.unitIndex });
    await bench.must(c.sales.refund, { saleId: a.sale.id, units: [unit(0)], reason: 'Customer request' });
    const both = await bench.must(c.sales.refund, {
      saleId: a.sale.id,
      units: [unit(1)],
      reason: 'Customer request',
    });
    const backA = both.payments.filter((p) => p.refundId !== null);
    expect(backA.map((p) => [p.tender, p.amount])).toEqual(
      expect.arrayContaining([
        ['card', -2000],
        ['cash', -205],
        ['cash', -2200],
      ]),
    );
    expect(both.refunds.map((r) => r.cashRounding)).toEqual([2, -3]);
    // Everything the sale took went back, to the minor unit.
    expect(both.payments.reduce((n, p) => n + p.amount, 0)).toBe(0);
    const outboxed = bench.terminal.db
      .prepare("SELECT payload FROM outbox WHERE type = 'refund' ORDER BY seq")
      .all() as { payload: string }[];
    expect(
      outboxed.map(
        (r) => (JSON.parse(r.payload) as { refund: { cashRounding: number } }).refund.cashRounding,
      ),
    ).toEqual([2, 2, -3]);

    // The drawer: 100.00 float + 24.05 + 22.05 − 22.05 − 2.05 − 22.00; the roundings add up to 0.
    const z = await bench.must(c.shift.close, { countedCash: 10_000 });
    expect(z.expectedCash).toBe(10_000);
    expect(z.figures.cashRounding).toBe(0);
    const printed = await bench.printer.waitForPrinted(6);
    const refundText = decodeEscPos(printed[2]!).text;
    expect(refundText).toMatch(row('Cash rounding', '+0.02'));
    expect(refundText).toMatch(row('Paid back: Cash', '22.05'));
    const zText = decodeEscPos(printed[5]!).text;
    expect(zText).toMatch(/^\s*Z REPORT$/m);
    expect(zText).toMatch(row('Expected cash', '100.00'));
  });

  it('shows the shift’s net rounding on the Z report, in the expected cash', async () => {
    const single = await cart(1);
    await bench.must(c.checkout.complete, {
      cartId: single.id,
      tenders: [{ tender: 'cash', amount: 2205 }],
    });
    await bench.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    const z = await bench.must(c.shift.close, { countedCash: 12_205 });
    expect(z.expectedCash).toBe(12_205);
    expect(z.figures.cashRounding).toBe(2);
    const [, report] = await bench.printer.waitForPrinted(2);
    const text = decodeEscPos(report!).text;
    expect(text).toMatch(row('Cash (1)', '22.05'));
    expect(text).toMatch(row('Cash rounding', '+0.02'));
    expect(text).toMatch(row('Expected cash', '122.05'));
  });

  it('takes cash exactly where the organisation turned rounding off', async () => {
    bench.terminal.db.exec('UPDATE venues SET cash_rounding = 0');
    const single = await cart(1);
    const sale = await bench.must(c.checkout.complete, {
      cartId: single.id,
      tenders: [{ tender: 'cash', amount: 2203 }],
    });
    expect(sale.sale.cashRounding).toBe(0);
  });
});
