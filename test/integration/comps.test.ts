import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../shared/ipc/channels';
import { readOutbox } from '../../src-main/db/repos/outbox-repo';
import { saleReceipt } from '../../src-main/services/printing/documents';
import { zReport } from '../../src-main/services/printing/z-report';
import { startTestTerminal, type TestTerminal } from '../helpers/terminal';

// Comps at the terminal (docs/CASH.md "Comps"): the real core, SQLite and dispatcher.

const HAMLET = 'perf-hamlet-1';
const ADULT_STALLS = 'price-hamlet-adult-stalls'; // 45.00
const PAPER = {
  language: 'en',
  paperWidth: 80,
  venue: null,
  terminalId: 'T',
  staffName: () => 'Sue',
} as const;
const TABLES = ['sales', 'sale_lines', 'sale_units', 'approvals', 'payments', 'outbox'] as const;

describe('comps with reasons and supervisor approval', () => {
  let pos: TestTerminal;
  const signIn = (staffId: string, pin: string) => pos.must(c.staff.signIn, { staffId, pin });
  const addAdults = (qty: number) =>
    pos.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty });
  const rows = () =>
    Object.fromEntries(
      TABLES.map((t) => [
        t,
        (pos.terminal.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
      ]),
    );
  const payCash = async () => {
    const cart = await pos.must(c.cart.get);
    return pos.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total, tendered: cart.total }],
    });
  };

  beforeEach(async () => {
    pos = await startTestTerminal();
    await signIn('staff-sue', '5937');
    await pos.must(c.shift.open, { openingFloat: 10_000 });
  });
  afterEach(() => pos.close());

  it('lets a supervisor comp one unit of a line alone: no code discount on it, and it adds up to the unit', async () => {
    const before = await addAdults(2);
    const lineId = before.lines[0]!.id;
    expect((await pos.must(c.cart.applyCode, { input: 'SUMMER20' })).codeDiscount).toBe(1800);
    const cart = await pos.must(c.cart.comp, { lineId, qty: 1, reason: ' press ', note: 'Daily Courier' });
    // The code's 20 % now takes from the one unit still charged.
    expect(cart.codeDiscount).toBe(900);
    // Gross is what is charged before discounts; the comped unit's list price is `comp`, beside it.
    expect(cart.lines[0]).toMatchObject({
      gross: 4500,
      comp: 4500,
      comped: { qty: 1, reason: 'Press', note: 'Daily Courier', approvedBy: 'Sue Supervisor' },
    });
    expect(cart.comp).toBe(4500);
    expect(cart.gross - cart.codeDiscount - cart.customDiscount).toBe(cart.total);

    const sale = await payCash();
    expect(sale.sale).toMatchObject({ gross: 4500, comp: 4500, total: cart.total });
    expect(sale.lines[0]).toMatchObject({ comp: 4500, compReason: 'Press', compNote: 'Daily Courier' });
    const [paid, comped] = sale.units;
    // The comped unit takes nothing from the code: it is not in the basket the engine prices.
    expect(comped).toMatchObject({
      unitIndex: 1,
      unitPrice: 4500,
      codeDiscount: 0,
      customDiscount: 0,
      comp: 4500,
      total: 0,
    });
    expect(paid!.total).toBe(cart.total);
    expect(sale.approvals).toEqual([
      expect.objectContaining({
        kind: 'comp',
        approverId: 'staff-sue',
        reason: 'Press',
        limits: JSON.stringify([lineId]),
      }),
    ]);
    // Stored as built, and pushed with the sale.
    expect((await pos.must(c.sales.find, { saleId: sale.sale.id })).lines[0]).toMatchObject({ comp: 4500 });
    const pushed = readOutbox(pos.terminal.db).find((o) => o.type === 'sale')?.payload as {
      approvals: { kind: string }[];
    };
    expect(pushed.approvals.map((a) => a.kind)).toEqual(['comp']);

    const paper = saleReceipt(sale, PAPER);
    // (The paper's markup: `|left | right`, `~~` an indent.) The line at list price, then its comp.
    expect(paper).toContain('|2 x Hamlet · Adult | 90.00 A');
    expect(paper).toContain('|~~Comp 1 x | \\-45.00');
    expect(paper).toContain('|~~~~Reason: Press (Daily Courier)');
    expect(paper).toContain('|Subtotal | 90.00');
    expect(paper).toContain('|Comps | \\-45.00');
    expect(paper).toContain('Comp: Approved by Sue');
  });

  it('refuses a seller without the permission unless a supervisor types their PIN, and a wrong PIN saves nothing', async () => {
    await signIn('staff-sam', '4826');
    const { lines } = await addAdults(1);
    const lineId = lines[0]!.id;
    const before = rows();

    const alone = await pos.call(c.cart.comp, { lineId, reason: 'Press' });
    expect(alone).toMatchObject({ ok: false, reason: 'COMP_APPROVAL_REQUIRED' });
    if (!alone.ok) expect(alone.message).toContain('Ask a supervisor to type their PIN');
    const wrongPin = await pos.call(c.cart.comp, {
      lineId,
      reason: 'Press',
      approver: { staffId: 'staff-sue', pin: '0000' },
    });
    expect(wrongPin.ok).toBe(false);
    // A seller's own PIN does not approve: their role may not comp.
    const ownPin = await pos.call(c.cart.comp, {
      lineId,
      reason: 'Press',
      approver: { staffId: 'staff-sam', pin: '4826' },
    });
    expect(ownPin).toMatchObject({ ok: false, reason: 'APPROVER_NOT_ALLOWED' });
    expect((await pos.must(c.cart.get)).comp).toBe(0);
    expect(rows()).toEqual(before);

    const approved = await pos.must(c.cart.comp, {
      lineId,
      reason: 'Artist guest',
      approver: { staffId: 'staff-sue', pin: '5937' },
    });
    expect(approved.lines[0]?.comped).toMatchObject({ qty: 1, approvedBy: 'Sue Supervisor' });
    expect(approved.total).toBe(0);
    const sale = await pos.must(c.checkout.complete, {
      cartId: approved.id,
      tenders: [{ tender: 'complimentary', amount: 0 }],
    });
    expect(sale.sale).toMatchObject({ cashierId: 'staff-sam', gross: 0, comp: 4500, total: 0 });
    expect(sale.approvals).toEqual([
      expect.objectContaining({ kind: 'comp', approverId: 'staff-sue', reason: 'Artist guest' }),
    ]);
  });

  it('refuses a reason that is not on the list, naming the choices', async () => {
    const { lines } = await addAdults(1);
    const before = rows();
    const refused = await pos.call(c.cart.comp, { lineId: lines[0]!.id, reason: 'Friend of the usher' });
    expect(refused).toMatchObject({ ok: false, reason: 'COMP_REASON_NOT_LISTED' });
    if (!refused.ok) expect(refused.message).toContain('Pick one of: Press, Artist guest, Goodwill');
    expect(rows()).toEqual(before);
    await pos.must(c.settings.update, { language: 'de' });
    const german = await pos.call(c.cart.comp, { lineId: lines[0]!.id, reason: 'Freund' });
    if (!german.ok) expect(german.message).toContain('Bitte einen wählen: Press, Artist guest, Goodwill');
  });

  it('comps the whole order for the complimentary tender, which alone no longer gives an order away', async () => {
    await addAdults(2);
    await pos.must(c.cart.addProduct, { productId: (await firstProduct()).id, qty: 1 });
    const cart = await pos.must(c.cart.get);
    const before = rows();
    const tenderOnly = await pos.call(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'complimentary', amount: cart.total }],
    });
    expect(tenderOnly).toMatchObject({ ok: false, reason: 'COMP_ORDER_FIRST' });
    expect(rows()).toEqual(before);

    const whole = await pos.must(c.cart.comp, { reason: 'Goodwill' });
    expect(whole).toMatchObject({ total: 0, codeDiscount: 0, comp: cart.gross, gross: 0 });
    expect(whole.vat.every((v) => v.vat === 0)).toBe(true);
    const sale = await pos.must(c.checkout.complete, {
      cartId: whole.id,
      tenders: [{ tender: 'complimentary', amount: 0 }],
    });
    expect(sale.sale).toMatchObject({ total: 0, comp: cart.gross, codeId: null });
    expect(sale.units.every((u) => u.total === 0 && u.comp === u.unitPrice)).toBe(true);
    // One approval for the one reason and approver, naming every line.
    expect(sale.approvals).toHaveLength(1);
    expect(JSON.parse(sale.approvals[0]!.limits)).toEqual(sale.lines.map((l) => l.id));
  });

  it('shows the comps on the Z report: count, value given away and per reason; a voided sale apart', async () => {
    let cart = await addAdults(3);
    await pos.must(c.cart.comp, { lineId: cart.lines[0]!.id, qty: 2, reason: 'Press' });
    await payCash();
    cart = await addAdults(1);
    await pos.must(c.cart.comp, { lineId: cart.lines[0]!.id, reason: 'Goodwill' });
    await payCash();
    await addAdults(1);
    await pos.must(c.cart.comp, { reason: 'Press' });
    const voided = await payCash();
    await pos.must(c.sales.void, { saleId: voided.sale.id, reason: 'Wrong ticket sold' });

    const shift = await pos.must(c.shift.current);
    const report = await pos.must(c.shift.report, { shiftId: shift!.shift.id });
    expect(report.figures.comps).toEqual({
      count: 3,
      value: 13_500,
      byReason: [
        { reason: 'Press', count: 2, value: 9000 },
        { reason: 'Goodwill', count: 1, value: 4500 },
      ],
    });
    // The takings count what was charged: the comped units are in the Comps section only.
    const { sales } = report.figures;
    expect(sales.gross).toBe(4500);
    expect(sales.gross - sales.codeDiscount - sales.customDiscount).toBe(sales.total);
    const paper = zReport(report, 'EUR', PAPER);
    expect(paper).toContain('|Press (2) | \\-90.00');
    expect(paper).toContain('|Goodwill (1) | \\-45.00');
    expect(paper).toContain('|"Given away (3)" | "\\-135.00"');
  });

  async function firstProduct(): Promise<{ id: string }> {
    const row = pos.terminal.db.prepare('SELECT id FROM products ORDER BY id LIMIT 1').get() as {
      id: string;
    };
    return row;
  }
});
