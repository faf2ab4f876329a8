import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { decodeEscPos } from '../../helpers/escpos-decoder';
import {
  ADULT_STALLS,
  FAST_PRINTER,
  HAMLET,
  sellAdults,
  settle,
  setUpPrinter,
  startPrintBench,
  until,
  type PrintBench,
  RECEIPTS_ONLY,
} from '../../helpers/printing';

/** A line of the print with its columns separated by any run of spaces. */
const row = (...cells: string[]) =>
  new RegExp(`^\\s*${cells.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')}\\s*$`, 'm');

describe('receipt printing', () => {
  let bench: PrintBench;
  beforeEach(async () => {
    bench = await startPrintBench();
  });
  afterEach(() => bench.close());

  it('prints every line, its code discount, VAT, tenders, change and a QR of the order when a sale completes', async () => {
    await setUpPrinter(bench, bench.printer, RECEIPTS_ONLY);
    const sale = await sellAdults(bench, 2, { code: 'SUMMER20', tendered: 10_000 });
    const [job] = await bench.printer.waitForPrinted(1);
    const print = decodeEscPos(job!, [sale.sale.id]);

    expect(print.text).toMatch(/^\s*Demo Theatre$/m);
    expect(print.text).toMatch(/^\s*RECEIPT$/m);
    expect(print.text).toMatch(row('Receipt no.', String(sale.sale.receiptNo)));
    expect(print.text).toMatch(row('Cashier', 'Sam Seller'));
    expect(print.text).toContain(`Terminal ${bench.terminal.terminalId}`);
    expect(print.text).toMatch(row('2 x Hamlet · Adult', '90.00 A'));
    expect(print.text).toMatch(row('2 x 45.00'));
    expect(print.lines.filter((l) => row('Code SUMMER20', '-18.00').test(l))).toHaveLength(2);
    expect(print.text).toMatch(row('Subtotal', '90.00'));
    expect(print.text).toMatch(row('TOTAL EUR', '72.00'));
    // 72.00 gross at 7 %: VAT 72.00 × 7/107 = 4.71, net 67.29.
    expect(print.text).toMatch(row('A 7%', '67.29', '4.71'));
    expect(print.text).toMatch(row('Cash', '72.00'));
    expect(print.text).toMatch(row('Given', '100.00'));
    expect(print.text).toMatch(row('Change', '28.00'));
    expect(print.text).not.toContain('DUPLICATE');
    expect(print.qr).toEqual([sale.sale.id]);
    expect(print.cuts).toBe(1);
    expect(Math.max(...print.lines.map((l) => l.length))).toBeLessThanOrEqual(48);
  });

  it('prints in German on 58 mm paper with the custom discount, its reason and VAT per rate', async () => {
    await setUpPrinter(bench, bench.printer, { ...RECEIPTS_ONLY, paperWidth: 58, language: 'de' });
    await bench.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 1 });
    await bench.must(c.cart.addProduct, { productId: 'prod-interval-drink', qty: 2 });
    await bench.must(c.cart.setCustomDiscount, {
      kind: 'fixed',
      value: 300,
      reason: 'Damaged view',
      note: 'pillar',
    });
    const cart = await bench.must(c.cart.get);
    const sale = await bench.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'card', amount: cart.total, reference: 'AUTH-77' }],
    });
    const print = decodeEscPos((await bench.printer.waitForPrinted(1))[0]!, [sale.sale.id]);

    // The automatic WELCOME5 (5.00) and the custom 3.00 are spread over the lines by the sale service.
    expect(sale.lines.map((l) => [l.vatRate, l.total])).toEqual([
      [700, 3879],
      [1900, 1121],
    ]);
    expect(Math.max(...print.lines.map((l) => l.length))).toBeLessThanOrEqual(32);
    expect(print.text).toMatch(/^\s*BELEG$/m);
    expect(print.text).toMatch(row('Beleg-Nr.', '1'));
    expect(print.text).toMatch(row('1 x Hamlet · Adult', '45,00 A'));
    expect(print.text).toMatch(row('Code WELCOME5', '-3,88'));
    expect(print.text).toMatch(row('Rabatt', '-2,33'));
    expect(print.text).toMatch(row('2 x Interval drink', '13,00 B'));
    expect(print.text).toMatch(row('Zwischensumme', '58,00'));
    expect(print.text).toMatch(row('Code WELCOME5', '-5,00'));
    expect(print.text).toMatch(row('Rabatt', '-3,00'));
    expect(print.text).toContain('Grund: Damaged view (pillar)');
    expect(print.text).toMatch(row('SUMME EUR', '50,00'));
    // 38,79 at 7 %: 38,79 × 7/107 = 2,54 VAT; 11,21 at 19 %: 11,21 × 19/119 = 1,79 VAT.
    expect(print.text).toMatch(row('Satz', 'Netto', 'MwSt.'));
    expect(print.text).toMatch(row('A 7%', '36,25', '2,54'));
    expect(print.text).toMatch(row('B 19%', '9,42', '1,79'));
    expect(print.text).toMatch(row('Karte AUTH-77', '50,00'));
    expect(print.text).toContain('Vielen Dank für Ihren Besuch!');
    expect(print.qr).toEqual([sale.sale.id]);
  });

  it('prints a sale once however often checkout or print is asked, and a reprint says DUPLICATE', async () => {
    await setUpPrinter(bench, bench.printer, RECEIPTS_ONLY);
    await bench.must(c.cart.addTicket, { performanceId: HAMLET, ticketPriceId: ADULT_STALLS, qty: 1 });
    const cart = await bench.must(c.cart.get);
    const request = { cartId: cart.id, tenders: [{ tender: 'cash' as const, amount: cart.total }] };
    const sale = await bench.must(c.checkout.complete, request);
    await bench.must(c.checkout.complete, request);
    const again = await bench.must(c.print.receipt, { saleId: sale.sale.id });
    await bench.printer.waitForPrinted(1);
    await settle();
    expect(bench.printer.printed()).toHaveLength(1);
    expect(again).toEqual([expect.objectContaining({ kind: 'sale', refId: sale.sale.id, duplicate: false })]);
    expect(decodeEscPos(bench.printer.printed()[0]!).text).not.toContain('DUPLICATE');

    const reprint = await bench.must(c.print.receipt, { saleId: sale.sale.id, duplicate: true });
    expect(reprint).toEqual([expect.objectContaining({ duplicate: true, state: 'queued' })]);
    const [, copy] = await bench.printer.waitForPrinted(2);
    const print = decodeEscPos(copy!, [sale.sale.id]);
    expect(print.lines.filter((l) => l.trim() === 'DUPLICATE')).toHaveLength(2);
    expect(print.qr).toEqual([sale.sale.id]);
    expect(print.text).toMatch(row('Receipt no.', String(sale.sale.receiptNo)));
  });

  it('prints each copy with its number when the terminal is set to two copies', async () => {
    await setUpPrinter(bench, bench.printer, { ...RECEIPTS_ONLY, copies: 2 });
    await sellAdults(bench, 1);
    const jobs = (await bench.printer.waitForPrinted(2)).map((j) => decodeEscPos(j).text);
    expect(jobs[0]).toContain('Copy 1 of 2');
    expect(jobs[1]).toContain('Copy 2 of 2');
  });

  it('prints a refund receipt and a void receipt when a supervisor gives money back', async () => {
    await setUpPrinter(bench, bench.printer, RECEIPTS_ONLY);
    const sale = await sellAdults(bench, 2);
    await bench.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    const unit = sale.units[0]!;
    const refunded = await bench.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: unit.lineId, unitIndex: 0 }],
      reason: 'Customer request',
    });
    await bench.must(c.sales.void, { saleId: sale.sale.id, reason: 'Wrong ticket sold' });
    const [, refundJob, voidJob] = await bench.printer.waitForPrinted(3);

    const refund = decodeEscPos(refundJob!, [sale.sale.id]);
    expect(refund.text).toMatch(/^\s*REFUND$/m);
    expect(refund.text).toMatch(row('Refund no.', String(refunded.refunds[0]!.refundNo)));
    expect(refund.text).toMatch(row('Sale receipt', String(sale.sale.receiptNo)));
    expect(refund.text).toMatch(row('Staff', 'Sue Supervisor'));
    expect(refund.text).toContain('Reason: Customer request');
    // Each seat was charged 42.50 after the automatic WELCOME5; the refund gives back exactly that.
    expect(refund.text).toMatch(row('1 x Hamlet · Adult', '-42.50 A'));
    // 42.50 at 7 %: VAT 42.50 × 7/107 = 2.78, net 39.72.
    expect(refund.text).toMatch(row('A 7%', '-39.72', '-2.78'));
    expect(refund.text).toMatch(row('Paid back: Cash', '42.50'));
    expect(refund.qr).toEqual([sale.sale.id]);

    const voided = decodeEscPos(voidJob!, [sale.sale.id]);
    expect(voided.text).toMatch(/^\s*VOID$/m);
    expect(voided.text).toContain('Reason: Wrong ticket sold');
    expect(voided.text).toMatch(row('TOTAL EUR', '-42.50'));
  });

  it('prints the Z report when the shift closes, and again on request', async () => {
    await setUpPrinter(bench, bench.printer, RECEIPTS_ONLY);
    const sale = await sellAdults(bench, 1, { code: 'SUMMER20' });
    const voided = await sellAdults(bench, 2);
    await bench.must(c.staff.signIn, { staffId: 'staff-sue', pin: '5937' });
    await bench.must(c.sales.void, { saleId: voided.sale.id, reason: 'Wrong ticket sold' });
    const z = await bench.must(c.shift.close, { countedCash: 10_000 + sale.sale.total - 100 });
    const [, , , report] = await bench.printer.waitForPrinted(4);
    const print = decodeEscPos(report!);
    expect(print.text).toMatch(/^\s*Z REPORT$/m);
    expect(print.text).toContain(`Shift ${z.shift.id}`);
    // The voided sale is shown apart: not among the orders, the codes or the cashier's takings.
    expect(print.text).toMatch(row('Orders', '1'));
    expect(print.text).toMatch(row('Voided sales (not in sales) (1)', '85.00'));
    expect(print.text).toMatch(row('Cash (3)', '36.00'));
    expect(print.text).toMatch(row('Voids (1)', '-85.00'));
    expect(print.text).toMatch(row('SUMMER20 (1)', '-9.00'));
    expect(print.text).toMatch(row('Sam Seller (1)', '36.00'));
    expect(print.text).toContain('Voided sales (not in sales): 1');
    expect(print.text).toMatch(row('Expected cash', '136.00'));
    expect(print.text).toMatch(row('Counted cash', '135.00'));
    expect(print.text).toMatch(row('Difference', '-1.00'));
    expect(print.qr).toEqual([]);

    await bench.must(c.print.zReport, { shiftId: z.shift.id, duplicate: true });
    const [, , , , copy] = await bench.printer.waitForPrinted(5);
    expect(decodeEscPos(copy!).text).toContain('DUPLICATE');
  });

  it('previews a receipt as SVG in the width and language asked for, without calling the internet', async () => {
    await setUpPrinter(bench, bench.printer, RECEIPTS_ONLY);
    const sale = await sellAdults(bench, 1);
    const wide = await bench.must(c.print.preview, { saleId: sale.sale.id });
    const narrow = await bench.must(c.print.preview, { saleId: sale.sale.id, width: 58, language: 'de' });
    expect(wide).toMatch(/^<svg width="576px"/);
    expect(narrow).toMatch(/^<svg width="384px"/);
    const text = (svg: string) => svg.replace(/<[^>]+>/g, '');
    expect(text(narrow)).toContain('BELEG');
    expect(text(wide)).toContain('RECEIPT');
    expect(text(wide)).toContain('Subtotal');
    expect(wide).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(await bench.call(c.print.preview, { saleId: 'no-such-sale' })).toMatchObject({
      ok: false,
      reason: 'UNKNOWN_SALE',
    });
    expect(
      await bench.call(c.print.preview, { saleId: sale.sale.id, shiftId: sale.sale.shiftId }),
    ).toMatchObject({
      ok: false,
      reason: 'INVALID_REQUEST',
    });
    expect(await bench.call(c.print.preview, { shiftId: sale.sale.shiftId })).toMatchObject({
      ok: false,
      reason: 'FORBIDDEN',
    });
    await bench.printer.waitForPrinted(1);
    await settle();
    expect(bench.printer.printed()).toHaveLength(1);
  });

  it('shows the queue, the last success and no fault on the status when printing works', async () => {
    await setUpPrinter(bench, bench.printer, RECEIPTS_ONLY);
    const sale = await sellAdults(bench, 1);
    await bench.printer.waitForPrinted(1);
    const status = await until(async () => {
      const s = await bench.must(c.print.status);
      return s.queueLength === 0 && s.lastSuccessAt ? s : null;
    }, 'the job to be marked done');
    expect(status).toMatchObject({
      output: 'network',
      configured: true,
      fault: null,
      lastSuccessAt: '2026-11-21T10:00:00.000Z',
    });
    expect(status.jobs).toEqual([
      expect.objectContaining({ kind: 'sale', refId: sale.sale.id, state: 'done', attempts: 1 }),
    ]);
  });
});

describe('printer settings', () => {
  let bench: PrintBench;
  beforeEach(async () => {
    bench = await startPrintBench();
  });
  afterEach(() => bench.close());

  it('sells without printing and refuses a print when no printer is set up', async () => {
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    await bench.must(c.shift.open, { openingFloat: 0 });
    const sale = await sellAdults(bench, 1);
    expect(await bench.must(c.print.status)).toMatchObject({ configured: false, queueLength: 0, jobs: [] });
    const refused = await bench.call(c.print.receipt, { saleId: sale.sale.id });
    expect(refused).toMatchObject({ ok: false, reason: 'NO_PRINTER' });
    expect(refused.ok ? '' : refused.message).toContain('No printer is set up');
    expect(bench.printer.connections).toHaveLength(0);
  });

  it('lets only a manager change the printer, refuses URLs and keeps the settings across a restart', async () => {
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    expect(await bench.call(c.print.settingsUpdate, { output: 'network', host: '10.0.0.5' })).toMatchObject({
      ok: false,
      reason: 'FORBIDDEN',
    });
    await bench.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    for (const host of ['http://10.0.0.5', '10.0.0.5:9100', 'printer/path', '300.1.1.1', '']) {
      expect(await bench.call(c.print.settingsUpdate, { output: 'network', host }), host).toMatchObject({
        ok: false,
        reason: 'INVALID_REQUEST',
      });
    }
    expect(await bench.call(c.print.settingsUpdate, { copies: 4 })).toMatchObject({
      ok: false,
      reason: 'INVALID_REQUEST',
    });
    expect(await bench.call(c.print.settingsUpdate, { output: 'network' })).toMatchObject({
      ok: false,
      reason: 'PRINTER_HOST_REQUIRED',
    });
    const saved = await bench.must(c.print.settingsUpdate, {
      output: 'network',
      host: 'bar-printer.local',
      port: 9101,
      paperWidth: 58,
      language: 'de',
      copies: 2,
      ticketOrder: 'tickets_first',
      drawerKick: true,
    });
    expect(saved).toEqual({
      output: 'network',
      host: 'bar-printer.local',
      port: 9101,
      paperWidth: 58,
      language: 'de',
      copies: 2,
      systemPrinter: null,
      ticketOrder: 'tickets_first',
      drawerKick: true,
    });
    await bench.must(c.print.settingsUpdate, { output: 'none', host: 'fe80::1' });
    await bench.restart();
    await bench.must(c.staff.signIn, { staffId: 'staff-sam', pin: '4826' });
    expect(await bench.must(c.print.settingsGet)).toMatchObject({
      output: 'none',
      host: 'fe80::1',
      port: 9101,
      paperWidth: 58,
      copies: 2,
      ticketOrder: 'tickets_first',
      drawerKick: true,
    });
  });

  it('prints a test page with the address, width and language', async () => {
    await setUpPrinter(bench, bench.printer, { ...RECEIPTS_ONLY, language: 'de', paperWidth: 58 });
    const [job] = await bench.must(c.print.test);
    expect(job).toMatchObject({ kind: 'test', state: 'queued' });
    const print = decodeEscPos((await bench.printer.waitForPrinted(1))[0]!);
    expect(print.text).toMatch(/^\s*TESTDRUCK$/m);
    expect(print.text).toContain('Wenn Sie dies lesen können');
    expect(print.text).toMatch(row('Adresse', `127.0.0.1:${bench.printer.port}`));
    expect(print.text).toMatch(row('Papierbreite', '58 mm'));
    expect(print.cuts).toBe(1);
  });
});

describe('system printer and PDF outputs', () => {
  let bench: PrintBench | undefined;
  afterEach(() => bench?.close());

  it('sends jobs to the output the settings select, and says when this host has none', async () => {
    const pdf: string[] = [];
    bench = await startPrintBench({
      printer: {
        ...FAST_PRINTER,
        outputs: {
          pdf: {
            async send(payload) {
              pdf.push(payload.markup);
              return { ok: true };
            },
          },
        },
      },
    });
    const core = bench;
    await setUpPrinter(core, core.printer, { ...RECEIPTS_ONLY, output: 'pdf' });
    const sale = await sellAdults(core, 1);
    await until(() => pdf.length === 1, 'the PDF output');
    expect(pdf[0]).toContain('RECEIPT');
    expect(pdf[0]).toContain(sale.sale.id);

    await core.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await core.must(c.print.settingsUpdate, { output: 'system' });
    await core.must(c.print.test);
    const status = await until(async () => {
      const s = await core.must(c.print.status);
      return s.fault ? s : null;
    }, 'the fault');
    expect(status.fault).toMatchObject({
      reason: 'OUTPUT_UNAVAILABLE',
      message:
        'The system printer and PDF output work only in the desktop app. Choose a network printer here.',
    });
    expect(status.queueLength).toBe(1);
    expect(core.printer.connections).toHaveLength(0);
  });
});
