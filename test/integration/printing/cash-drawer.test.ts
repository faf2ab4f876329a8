import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { DRAWER_KICK } from '../../../src-main/services/printing/drawer';
import { decodeEscPos } from '../../helpers/escpos-decoder';
import {
  RECEIPTS_ONLY,
  sellAdults,
  settle,
  setUpPrinter,
  startPrintBench,
  until,
  type PrintBench,
} from '../../helpers/printing';

// docs/CASH.md: cash movements, "no sale" and the drawer on the receipt printer, through the real core
// and a network printer emulator on loopback.

const count = (bench: PrintBench, sql: string) => (bench.terminal.db.prepare(sql).get() as { n: number }).n;
const saved = (bench: PrintBench) => ({
  movements: count(bench, 'SELECT count(*) AS n FROM cash_movements'),
  outbox: count(bench, 'SELECT count(*) AS n FROM outbox'),
});

describe('cash movements and the drawer', () => {
  let bench: PrintBench;
  beforeEach(async () => {
    bench = await startPrintBench();
    await setUpPrinter(bench, bench.printer, { ...RECEIPTS_ONLY, drawerKick: true });
  });
  afterEach(() => bench.close());

  const signIn = (who: 'sam' | 'sue' | 'max') =>
    bench.must(c.staff.signIn, {
      staffId: `staff-${who}`,
      pin: { sam: '4826', sue: '5937', max: '640273' }[who],
    });

  it('records a paid in and a paid out in the chain, opens the drawer for each, and counts them in the expected cash', async () => {
    await signIn('sue');
    const paidIn = await bench.must(c.cash.move, {
      kind: 'paid_in',
      amount: 2_000,
      reason: 'change from the safe',
      note: 'two rolls of coins',
    });
    expect(paidIn.movement).toMatchObject({ kind: 'paid_in', amount: 2_000, reason: 'Change from the safe' });
    expect(paidIn.drawer).toBe('opened');
    expect(paidIn.report.expectedCash).toBe(12_000);
    const paidOut = await bench.must(c.cash.move, {
      kind: 'paid_out',
      amount: 1_550,
      reason: 'Supplier payment',
    });
    expect(paidOut.movement.amount).toBe(-1_550);
    expect(paidOut.report.expectedCash).toBe(10_450);
    await until(() => bench.printer.drawerPulses() === 2, 'two drawer pulses');
    // Each pulse is its own connection carrying exactly ESC p, never a document.
    expect(bench.printer.printed().filter((d) => d.equals(DRAWER_KICK))).toHaveLength(2);
    expect(bench.printer.documents()).toHaveLength(0);

    const rows = bench.terminal.db
      .prepare("SELECT type, payload FROM outbox WHERE type = 'cash.movement' ORDER BY seq")
      .all() as { type: string; payload: string }[];
    expect(rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        kind: 'paid_in',
        amount: 2_000,
        note: 'two rolls of coins',
        staffId: 'staff-sue',
      }),
      expect.objectContaining({ kind: 'paid_out', amount: -1_550, note: null, currency: 'EUR' }),
    ]);
    const z = await bench.must(c.shift.current);
    expect(z?.figures.cashMovements).toEqual([
      { kind: 'paid_in', count: 1, amount: 2_000 },
      { kind: 'paid_out', count: 1, amount: -1_550 },
    ]);
    expect(z?.figures.movements.map((m) => [m.kind, m.staff, m.reason])).toEqual([
      ['paid_in', 'Sue Supervisor', 'Change from the safe'],
      ['paid_out', 'Sue Supervisor', 'Supplier payment'],
    ]);
  });

  it('refuses to pay out or drop more than the drawer should hold, and saves nothing', async () => {
    await signIn('sue');
    const before = saved(bench);
    const refused = await bench.call(c.cash.move, {
      kind: 'paid_out',
      amount: 10_001,
      reason: 'Supplier payment',
    });
    expect(refused).toMatchObject({ ok: false, reason: 'CASH_NOT_IN_DRAWER' });
    expect(refused.ok ? '' : refused.message).toBe(
      'The drawer should hold only 100.00 EUR, so 100.01 EUR cannot come out of it. Take out less, or count the drawer and pay in what is missing first.',
    );
    const drop = await bench.call(c.cash.move, {
      kind: 'float_change',
      direction: 'out',
      amount: 10_001,
      reason: 'Float reduced',
    });
    expect(drop).toMatchObject({ ok: false, reason: 'CASH_NOT_IN_DRAWER' });
    expect(saved(bench)).toEqual(before);
    // The whole float can go: a drop that empties the drawer is allowed.
    expect(
      await bench.call(c.cash.move, { kind: 'drop', amount: 10_000, reason: 'Cash drop to the safe' }),
    ).toMatchObject({ ok: true });
    await settle();
    expect(bench.printer.drawerPulses()).toBe(1);
  });

  it('refuses a reason off the list, a missing amount or direction, naming what to do', async () => {
    await signIn('sue');
    const before = saved(bench);
    const offList = await bench.call(c.cash.move, { kind: 'paid_out', amount: 500, reason: 'pizza' });
    expect(offList).toMatchObject({
      ok: false,
      reason: 'CASH_REASON_NOT_LISTED',
      message:
        '"pizza" is not on the list of reasons. Pick one of: Petty cash purchase, Supplier payment, Correction. Add details in the note.',
    });
    expect(await bench.call(c.cash.move, { kind: 'paid_in', amount: 0, reason: 'Correction' })).toMatchObject(
      {
        ok: false,
        reason: 'CASH_AMOUNT_REQUIRED',
      },
    );
    expect(
      await bench.call(c.cash.move, { kind: 'float_change', amount: 500, reason: 'Float topped up' }),
    ).toMatchObject({
      ok: false,
      reason: 'CASH_DIRECTION_REQUIRED',
    });
    expect(
      await bench.call(c.cash.move, { kind: 'no_sale', amount: 100, reason: 'Correction' }),
    ).toMatchObject({
      ok: false,
      reason: 'CASH_NO_SALE_AMOUNT',
    });
    expect(saved(bench)).toEqual(before);
    expect(bench.printer.drawerPulses()).toBe(0);
  });

  it('lets only the permitted record movements and open the drawer, checked in the core', async () => {
    const before = saved(bench);
    // Sam sells; the seller role has neither cash.move nor drawer.open.
    expect(
      await bench.call(c.cash.move, { kind: 'no_sale', amount: 0, reason: 'Check the drawer' }),
    ).toMatchObject({
      ok: false,
      reason: 'FORBIDDEN',
    });
    expect(
      await bench.call(c.cash.move, { kind: 'paid_in', amount: 100, reason: 'Correction' }),
    ).toMatchObject({
      ok: false,
      reason: 'FORBIDDEN',
    });
    expect(saved(bench)).toEqual(before);
    expect(bench.printer.drawerPulses()).toBe(0);
    await signIn('max');
    const noSale = await bench.must(c.cash.move, {
      kind: 'no_sale',
      amount: 0,
      reason: 'Change for a customer',
    });
    expect(noSale).toMatchObject({ drawer: 'opened', movement: { kind: 'no_sale', amount: 0 } });
    expect(noSale.report.expectedCash).toBe(10_000);
    await until(() => bench.printer.drawerPulses() === 1, 'the no-sale pulse');
  });

  it('opens the drawer for a cash sale and a cash refund, not for a card sale', async () => {
    const sale = await sellAdults(bench, 2);
    await until(
      () => bench.printer.drawerPulses() === 1 && bench.printer.documents().length === 1,
      'pulse and receipt',
    );
    await sellAdults(bench, 1, { card: 'A-1' });
    await until(() => bench.printer.documents().length === 2, 'the card receipt');
    await settle();
    expect(bench.printer.drawerPulses()).toBe(1);
    await signIn('sue');
    await bench.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: sale.units[0]!.lineId, unitIndex: 0 }],
      reason: 'Customer request',
    });
    await until(() => bench.printer.drawerPulses() === 2, 'the refund pulse');
  });

  it('records the movement when the drawer cannot open, and says to use the key', async () => {
    await signIn('sue');
    await bench.printer.down();
    const moved = await bench.must(c.cash.move, { kind: 'paid_in', amount: 500, reason: 'Correction' });
    expect(moved.drawer).toBe('failed');
    expect(moved.drawerMessage).toBe(
      'Recorded, but the drawer did not open: the printer it hangs on did not answer. Open the drawer with its key.',
    );
    expect(saved(bench).movements).toBe(1);
    // Never retried: a drawer must not spring open when the printer comes back.
    await bench.printer.up();
    await settle(200);
    expect(bench.printer.drawerPulses()).toBe(0);
  });

  it('leaves the drawer shut where it is not set up, and still records', async () => {
    await signIn('max');
    await bench.must(c.print.settingsUpdate, { drawerKick: false });
    const moved = await bench.must(c.cash.move, { kind: 'no_sale', amount: 0, reason: 'Check the drawer' });
    expect(moved.drawer).toBe('off');
    await settle();
    expect(bench.printer.connections).toHaveLength(0);
  });

  it('prints X reports of the open shift as often as asked, with the movements, and still the Z report at the close', async () => {
    await signIn('sue');
    await bench.must(c.cash.move, {
      kind: 'paid_out',
      amount: 1_200,
      reason: 'Petty cash purchase',
      note: 'tape',
    });
    await until(() => bench.printer.drawerPulses() === 1, 'pulse');
    const shiftId = (await bench.must(c.shift.current))!.shift.id;
    await bench.must(c.print.zReport, { shiftId, duplicate: false });
    await bench.must(c.print.zReport, { shiftId, duplicate: false });
    await until(() => bench.printer.documents().length === 2, 'two X reports');
    const x = decodeEscPos(bench.printer.documents()[0]!).text;
    expect(x).toMatch(/^\s*X REPORT$/m);
    expect(x).toMatch(/^\s*Cash movements$/m);
    expect(x).toMatch(/^\s*Paid out \(1\)\s+-12\.00$/m);
    expect(x).toMatch(/^\s*Petty cash purchase: tape\s+-12\.00$/m);
    expect(x).toMatch(/^\s*Expected cash\s+88\.00$/m);
    await bench.must(c.shift.close, { countedCash: 8_800 });
    await until(() => bench.printer.documents().length === 3, 'the Z report');
    expect(decodeEscPos(bench.printer.documents()[2]!).text).toMatch(/^\s*Z REPORT$/m);
  });
});
