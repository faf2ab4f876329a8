import { afterEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { readTicketSecret, ticketKeyring } from '../../../shared/node/tickets/secret';
import type { TicketReissuePayload } from '../../../shared/sync/payloads';
import { readOutbox } from '../../../src-main/db/repos/outbox-repo';
import { secretStoreWithKey } from '../../helpers/device-key';
import { decodeEscPos, readQrCodes } from '../../helpers/escpos-decoder';
import { sellAdults, setUpPrinter, settle, startPrintBench, type PrintBench } from '../../helpers/printing';
import { testClock } from '../../helpers/terminal';

// docs/TICKETS.md "Reprints": a reprint with a new barcode reissues the ticket (a new id and secret, the
// old one reissued, a ticket.reissue mutation and the print job in one transaction); a supervisor's
// same-barcode reprint prints the old secret marked DUPLICATE and changes nothing else.

const SAM = { staffId: 'staff-sam', pin: '4826' }; // seller
const SUE = { staffId: 'staff-sue', pin: '5937' }; // supervisor

describe('ticket reprints', () => {
  let bench: PrintBench;
  afterEach(() => bench.close());

  const outboxTypes = () => readOutbox(bench.terminal.db).map((e) => e.type);

  it('reprints a ticket with a new id and secret, reissues the old one and queues the mutation', async () => {
    const key = secretStoreWithKey();
    const clock = testClock();
    bench = await startPrintBench({ secrets: key.secrets, clock });
    await setUpPrinter(bench, bench.printer);
    const sale = await sellAdults(bench, 2);
    await bench.printer.waitForPrinted(2);
    const [first, lost] = sale.tickets;
    clock.advance(3 * 60_000);

    // A seller (sell, not tickets.duplicate) may hand over a new ticket for a lost one.
    const reprint = await bench.must(c.tickets.reprint, {
      saleId: sale.sale.id,
      mode: 'new_secret',
      ticketIds: [lost!.id],
    });
    const [fresh] = reprint.printed;
    expect(reprint.printed).toHaveLength(1);
    expect(fresh).not.toBe(lost!.id);
    const byId = new Map(reprint.sale.tickets.map((t) => [t.id, t]));
    expect(byId.get(first!.id)).toEqual(first);
    expect(byId.get(lost!.id)).toEqual({ ...lost, status: 'reissued' });
    const now = new Date(clock.now()).toISOString();
    const { secret: _oldSecret, ...unit } = lost!;
    expect(byId.get(fresh!)).toMatchObject({
      ...unit,
      id: fresh,
      status: 'valid',
      replaces: lost!.id,
      issuedAt: now,
      keyId: lost!.keyId,
    });
    expect(byId.get(fresh!)?.secret).not.toBe(lost!.secret);
    // What the screens find again is what the reprint answered.
    expect((await bench.must(c.sales.find, { saleId: sale.sale.id })).tickets).toEqual(reprint.sale.tickets);

    const entry = readOutbox(bench.terminal.db).at(-1);
    expect(entry?.type).toBe('ticket.reissue');
    const payload = entry?.payload as TicketReissuePayload;
    expect(payload).toMatchObject({ saleId: sale.sale.id, staffId: SAM.staffId, at: now });
    const { status: _status, ...sent } = byId.get(fresh!)!;
    expect(payload.tickets).toEqual([sent]);

    // The printed QR code, read off the ESC/POS bytes, is the new secret, signed by this terminal.
    const printed = await bench.printer.waitForPrinted(3);
    const paper = decodeEscPos(printed[2]!);
    expect(paper.pieces).toHaveLength(1);
    expect(paper.text).not.toContain('DUPLICATE');
    expect(paper.text).toContain(fresh);
    const [qr] = readQrCodes(paper.images);
    expect(qr).toBe(byId.get(fresh!)?.secret);
    const read = readTicketSecret(qr!);
    expect(read).toMatchObject({
      ticketId: fresh,
      issuedAt: new Date(Math.floor(clock.now() / 1000) * 1000).toISOString(),
    });
    expect(ticketKeyring([{ publicKey: key.publicKey, revokedAt: null }]).check(read!)).toEqual({ ok: true });
    const job = reprint.jobs[0];
    expect(job).toMatchObject({ kind: 'tickets', duplicate: false });
    expect(job?.refId).toBe(entry?.mutationId);

    // The replaced ticket cannot be reprinted again, whichever way; the new one is the ticket now.
    const again = await bench.call(c.tickets.reprint, {
      saleId: sale.sale.id,
      mode: 'new_secret',
      ticketIds: [lost!.id],
    });
    expect(again).toMatchObject({ ok: false, reason: 'TICKET_NOT_VALID' });
    expect(again.ok ? '' : again.message).toContain('replaced by a reprint');

    // A refund of the seat voids the ticket that replaced it.
    await bench.must(c.staff.signIn, SUE);
    const refunded = await bench.must(c.sales.refund, {
      saleId: sale.sale.id,
      units: [{ lineId: lost!.lineId, unitIndex: lost!.unitIndex }],
      reason: 'Customer request',
    });
    expect(new Map(refunded.tickets.map((t) => [t.id, t.status]))).toEqual(
      new Map([
        [first!.id, 'valid'],
        [lost!.id, 'reissued'],
        [fresh!, 'void'],
      ]),
    );
  });

  it('reprints every valid ticket of the sale when none is named, in one job', async () => {
    bench = await startPrintBench({ secrets: secretStoreWithKey().secrets });
    await setUpPrinter(bench, bench.printer);
    const sale = await sellAdults(bench, 3);
    await bench.printer.waitForPrinted(2);
    const reprint = await bench.must(c.tickets.reprint, { saleId: sale.sale.id, mode: 'new_secret' });
    expect(reprint.sale.tickets.filter((t) => t.status === 'reissued').map((t) => t.id)).toEqual(
      sale.tickets.map((t) => t.id),
    );
    const valid = reprint.sale.tickets.filter((t) => t.status === 'valid');
    expect(valid.map((t) => t.replaces)).toEqual(sale.tickets.map((t) => t.id));
    expect(valid.map((t) => t.id)).toEqual(reprint.printed);
    const printed = await bench.printer.waitForPrinted(3);
    expect(readQrCodes(decodeEscPos(printed[2]!).images)).toEqual(valid.map((t) => t.secret));
  });

  it('prints the same barcodes marked DUPLICATE for a supervisor only, and records nothing else', async () => {
    bench = await startPrintBench({ secrets: secretStoreWithKey().secrets });
    await setUpPrinter(bench, bench.printer);
    const sale = await sellAdults(bench, 2);
    await bench.printer.waitForPrinted(2);
    const before = outboxTypes();
    const [, second] = sale.tickets;
    const request = { saleId: sale.sale.id, mode: 'same_barcode' as const, ticketIds: [second!.id] };

    // Refused by the access table, before the service runs: the seller lacks tickets.duplicate.
    const refused = await bench.call(c.tickets.reprint, request);
    expect(refused).toMatchObject({ ok: false, reason: 'FORBIDDEN' });
    expect(refused.ok ? '' : refused.message).toContain('reprint tickets with the same barcode');
    await settle();
    expect(bench.printer.printed()).toHaveLength(2);

    await bench.must(c.staff.signIn, SUE);
    const duplicate = await bench.must(c.tickets.reprint, request);
    expect(duplicate.printed).toEqual([second!.id]);
    expect(duplicate.jobs[0]).toMatchObject({ kind: 'tickets', duplicate: true });
    expect(duplicate.sale.tickets).toEqual(sale.tickets);
    const printed = await bench.printer.waitForPrinted(3);
    const paper = decodeEscPos(printed[2]!);
    expect(paper.text).toContain('DUPLICATE');
    expect(readQrCodes(paper.images)).toEqual([second!.secret]);
    expect(outboxTypes()).toEqual(before);
    expect((await bench.must(c.sales.find, { saleId: sale.sale.id })).tickets).toEqual(sale.tickets);
  });

  it('refuses a void ticket, another sale’s ticket, a terminal without a key, and leaves everything as it was', async () => {
    bench = await startPrintBench();
    await setUpPrinter(bench, bench.printer);
    const sale = await sellAdults(bench, 2);
    const other = await sellAdults(bench, 1);
    await bench.printer.waitForPrinted(4);
    const before = outboxTypes();

    // No device key (never enrolled): no new barcode can be signed.
    const unsigned = await bench.call(c.tickets.reprint, { saleId: sale.sale.id, mode: 'new_secret' });
    expect(unsigned).toMatchObject({ ok: false, reason: 'REPRINT_NEEDS_KEY' });
    expect(
      await bench.call(c.tickets.reprint, {
        saleId: sale.sale.id,
        mode: 'new_secret',
        ticketIds: [other.tickets[0]!.id],
      }),
    ).toMatchObject({ ok: false, reason: 'TICKET_NOT_IN_SALE' });

    await bench.must(c.staff.signIn, SUE);
    await bench.must(c.sales.void, { saleId: sale.sale.id, reason: 'Wrong ticket sold' });
    const voided = await bench.call(c.tickets.reprint, {
      saleId: sale.sale.id,
      mode: 'same_barcode',
      ticketIds: [sale.tickets[0]!.id],
    });
    expect(voided).toMatchObject({ ok: false, reason: 'TICKET_NOT_VALID' });
    expect(voided.ok ? '' : voided.message).toContain('void');
    expect(await bench.call(c.tickets.reprint, { saleId: sale.sale.id, mode: 'same_barcode' })).toMatchObject(
      {
        ok: false,
        reason: 'NO_VALID_TICKETS',
      },
    );
    expect(
      await bench.call(c.tickets.reprint, { saleId: 'no-such-sale', mode: 'same_barcode' }),
    ).toMatchObject({
      ok: false,
      reason: 'UNKNOWN_SALE',
    });
    expect(outboxTypes()).toEqual([...before, 'void']);
  });

  it('rolls the reissue back whole when its print job cannot be written', async () => {
    bench = await startPrintBench({ secrets: secretStoreWithKey().secrets });
    await setUpPrinter(bench, bench.printer);
    const sale = await sellAdults(bench, 1);
    await bench.printer.waitForPrinted(2);
    const before = outboxTypes();
    bench.terminal.db.exec(`CREATE TRIGGER refuse_jobs BEFORE INSERT ON print_jobs
      BEGIN SELECT RAISE(ABORT, 'print queue refused'); END`);
    const result = await bench.call(c.tickets.reprint, { saleId: sale.sale.id, mode: 'new_secret' });
    expect(result).toMatchObject({ ok: false });
    expect((await bench.must(c.sales.find, { saleId: sale.sale.id })).tickets).toEqual(sale.tickets);
    expect(outboxTypes()).toEqual(before);
  });

  it('refuses a new barcode while no printer is set up, before anything changes', async () => {
    bench = await startPrintBench({ secrets: secretStoreWithKey().secrets });
    await setUpPrinter(bench, bench.printer, { ticketOrder: 'receipt_only' });
    const sale = await sellAdults(bench, 1);
    await bench.must(c.staff.signIn, { staffId: 'staff-max', pin: '640273' });
    await bench.must(c.print.settingsUpdate, { output: 'none' });
    const before = outboxTypes();
    const result = await bench.call(c.tickets.reprint, { saleId: sale.sale.id, mode: 'new_secret' });
    expect(result).toMatchObject({ ok: false, reason: 'NO_PRINTER' });
    expect((await bench.must(c.sales.find, { saleId: sale.sale.id })).tickets).toEqual(sale.tickets);
    expect(outboxTypes()).toEqual(before);
  });
});
