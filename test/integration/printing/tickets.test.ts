import { afterEach, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import { readTicketSecret, ticketKeyring } from '../../../shared/node/tickets/secret';
import { decodeEscPos, readQrCodes } from '../../helpers/escpos-decoder';
import { secretStoreWithKey } from '../../helpers/device-key';
import { sellAdults, setUpPrinter, startPrintBench, type PrintBench } from '../../helpers/printing';

// docs/TICKETS.md "Printing tickets": a sale prints its receipt and its tickets, in the order the
// terminal is set to; each ticket's QR code, read off the printed bytes, is the signed secret.

describe('ticket printing at the sale', () => {
  let bench: PrintBench;
  afterEach(() => bench.close());

  it('prints the receipt, then one cut-off ticket per seat whose QR code verifies against the terminal’s key', async () => {
    const key = secretStoreWithKey();
    bench = await startPrintBench({ secrets: key.secrets });
    await setUpPrinter(bench, bench.printer);
    const sale = await sellAdults(bench, 2, { code: 'SUMMER20' });
    expect(sale.tickets).toHaveLength(2);
    const [receipt, tickets] = await bench.printer.waitForPrinted(2);
    expect(decodeEscPos(receipt!, [sale.sale.id]).text).toMatch(/^\s*RECEIPT$/m);

    const print = decodeEscPos(tickets!);
    expect(print.cuts).toBe(2);
    expect(print.pieces).toHaveLength(2);
    const keyring = ticketKeyring([{ publicKey: key.publicKey, revokedAt: null }]);
    const read = readQrCodes(print.images);
    expect(read).toEqual(sale.tickets.map((t) => t.secret));
    for (const [i, piece] of print.pieces.entries()) {
      const secret = readTicketSecret(read[i]!);
      expect(secret?.ticketId).toBe(sale.tickets[i]!.id);
      expect(keyring.check(secret!)).toEqual({ ok: true });
      expect(piece.text).toContain('Hamlet');
      expect(piece.text).toContain('Adult');
      expect(piece.text).toContain('Summer 20 %');
      expect(piece.text).toContain('36.00');
      expect(piece.text).toContain(sale.tickets[i]!.id);
      expect(piece.text).not.toContain('DUPLICATE');
    }
  });

  it('prints the tickets first on a terminal set so, and only a receipt for a sale without admissions', async () => {
    bench = await startPrintBench({ secrets: secretStoreWithKey().secrets });
    await setUpPrinter(bench, bench.printer, { ticketOrder: 'tickets_first' });
    const sale = await sellAdults(bench, 1);
    const [first, second] = await bench.printer.waitForPrinted(2);
    expect(readQrCodes(decodeEscPos(first!).images)).toEqual([sale.tickets[0]!.secret]);
    expect(decodeEscPos(second!, [sale.sale.id]).text).toMatch(/^\s*RECEIPT$/m);

    await bench.must(c.cart.addProduct, { productId: 'prod-programme', qty: 1 });
    const cart = await bench.must(c.cart.get);
    const merch = await bench.must(c.checkout.complete, {
      cartId: cart.id,
      tenders: [{ tender: 'cash', amount: cart.total }],
    });
    expect(merch.tickets).toEqual([]);
    const jobs = await bench.printer.waitForPrinted(3);
    expect(decodeEscPos(jobs[2]!, [merch.sale.id]).text).toMatch(/^\s*RECEIPT$/m);
    expect((await bench.must(c.print.status)).jobs.filter((j) => j.kind === 'tickets')).toHaveLength(1);
  });

  it('prints NOT VALID FOR ENTRY, and no code, on a ticket a terminal without a key sold', async () => {
    bench = await startPrintBench();
    await setUpPrinter(bench, bench.printer);
    const sale = await sellAdults(bench, 1);
    expect(sale.tickets[0]?.secret).toBeNull();
    const [, tickets] = await bench.printer.waitForPrinted(2);
    const print = decodeEscPos(tickets!);
    expect(print.text).toContain('NOT VALID FOR ENTRY');
    expect(print.images).toEqual([]);
  });
});
