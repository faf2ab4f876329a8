import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels as c } from '../../../shared/ipc/channels';
import type { SaleView } from '../../../shared/ipc/types';
import type { TicketLayout } from '../../../shared/tickets/layout';
import { decodeEscPos, readQrCodes } from '../../helpers/escpos-decoder';
import { startEscPosEmulator, type EscPosEmulator } from '../../helpers/escpos-emulator';
import { readPdf } from '../../helpers/pdf-reader';
import { FRAME_LOGO } from '../../helpers/printed-tickets';
import { FAST_PRINTER } from '../../helpers/printing';
import { enrolledTerminal, sell, startSyncWorld, type SyncWorld } from '../../helpers/sync-fixture';
import type { TestTerminal } from '../../helpers/terminal';

// docs/TICKETS.md "Printing tickets": an enrolled terminal on real SQLite pulls its events' layouts from
// the real server and prints each ticket with its event's layout, on the thermal printer (read back
// from the ESC/POS bytes the emulator received) and in the PDF it saves for the customer.

const LAYOUT: TicketLayout = {
  fields: ['orderRef', 'pricePaid'],
  logo: FRAME_LOGO,
  freeText: ['No re-entry after the interval.'],
};

describe('a pulled ticket layout changes what the terminal prints', () => {
  let world: SyncWorld;
  let printer: EscPosEmulator;
  let pos: TestTerminal | undefined;
  beforeAll(async () => {
    world = await startSyncWorld();
    printer = await startEscPosEmulator();
  }, 120_000);
  afterEach(async () => {
    await pos?.close();
    pos = undefined;
  });
  afterAll(async () => {
    await printer.close();
    await world.close();
  });

  const setLayout = async (layout: TicketLayout | null) => {
    const reply = await world.org.api.put(`/v1/events/${world.catalogue.eventId}/ticket-layout`, { layout });
    expect(reply.status).toBe(200);
  };
  /** An enrolled till printing to the emulator, its seller signed in with a shift open. */
  const till = async (): Promise<TestTerminal> => {
    const t = await enrolledTerminal(world, undefined, { printer: FAST_PRINTER });
    await t.must(c.staff.signIn, { staffId: world.catalogue.managerId, pin: '907153' });
    await t.must(c.print.settingsUpdate, { output: 'network', host: printer.host, port: printer.port });
    await t.must(c.staff.signIn, { staffId: world.catalogue.sellerId, pin: '7305' });
    return t;
  };
  const sold = async (t: TestTerminal): Promise<SaleView> => {
    const result = await sell(t, world.catalogue, { qty: 2 });
    if (!result.ok) throw new Error(result.message);
    return result.value as SaleView;
  };

  it('prints the event’s fields, logo and free text once pulled, and the default again once cleared', async () => {
    await setLayout(LAYOUT);
    pos = await till();
    expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
    const first = await sold(pos);
    const [, tickets] = await printer.waitForPrinted(2);
    const print = decodeEscPos(tickets!);
    expect(print.pieces).toHaveLength(2);
    for (const [i, piece] of print.pieces.entries()) {
      expect(piece.text).toContain('Macbeth');
      expect(piece.text).toMatch(/^\s*No re-entry after the interval\.$/m);
      expect(piece.text).toMatch(/^\s*Order\s+\d+$/m);
      // Hidden by the layout: the venue, the ticket type and the band.
      expect(piece.text).not.toMatch(/Venue|Globe|Ticket type|Price band|Stalls/);
      // The logo (96 × 32 dots) above the ticket's QR code, which is still its secret.
      expect(piece.images[0]).toMatchObject({ width: 96, height: 32 });
      expect(readQrCodes(piece.images)).toEqual([first.tickets[i]!.secret]);
    }

    await setLayout(null);
    expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
    const second = await sold(pos);
    const [, , , again] = await printer.waitForPrinted(4);
    const plain = decodeEscPos(again!);
    expect(plain.pieces).toHaveLength(2);
    expect(plain.text).not.toContain('No re-entry');
    expect(plain.text).toMatch(/^\s*Venue\s+Globe$/m);
    expect(plain.text).toMatch(/^\s*Price band\s+Stalls$/m);
    expect(readQrCodes(plain.images)).toEqual(second.tickets.map((t) => t.secret));
  });

  it('saves a sale’s tickets as a PDF in the event’s layout, for staff who sell only', async () => {
    await setLayout(LAYOUT);
    pos = await till();
    expect(await pos.terminal.sync.pullOnce()).toMatchObject({ ok: true });
    const sale = await sold(pos);
    for (const format of ['a4', 'stock'] as const) {
      const file = await pos.must(c.print.ticketsPdf, { saleId: sale.sale.id, format });
      expect(file.fileName).toBe(`tickets-${sale.sale.receiptNo}-${format}.pdf`);
      const pages = readPdf(Buffer.from(file.pdfBase64, 'base64'));
      expect(pages.map((p) => p.qr)).toEqual(sale.tickets.map((t) => t.secret));
      for (const page of pages) {
        expect(page.texts).toContain('Macbeth');
        expect(page.text).toContain('No re-entry after the interval.');
        expect(page.texts).not.toContain('Venue');
      }
    }
    const german = await pos.must(c.print.ticketsPdf, { saleId: sale.sale.id, format: 'a4', language: 'de' });
    expect(readPdf(Buffer.from(german.pdfBase64, 'base64'))[0]!.texts).toContain('Bestellung');

    expect(await pos.call(c.print.ticketsPdf, { saleId: 'no-such-sale', format: 'a4' })).toMatchObject({
      ok: false,
      reason: 'UNKNOWN_SALE',
    });
    await pos.must(c.staff.signOut);
    expect(await pos.call(c.print.ticketsPdf, { saleId: sale.sale.id, format: 'a4' })).toMatchObject({
      ok: false,
      reason: 'NOT_SIGNED_IN',
    });
  });
});
