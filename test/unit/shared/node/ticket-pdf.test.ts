import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { readTicketSecret } from '../../../../shared/node/tickets/secret';
import { ticketsPdf } from '../../../../shared/node/tickets/ticket-pdf';
import { DEFAULT_TICKET_LAYOUT } from '../../../../shared/tickets/layout';
import { readPdf } from '../../../helpers/pdf-reader';
import { FRAME_LOGO, hamletTickets } from '../../../helpers/printed-tickets';

/** The page's text with wrapped lines run together. */
const flat = (texts: string[]) => texts.join(' ').replace(/\s+/g, ' ');

describe('PDF tickets', () => {
  for (const format of ['a4', 'stock'] as const) {
    it(`puts each of three tickets on its own ${format} page with its facts and a QR code of its secret`, async () => {
      const tickets = hamletTickets(3);
      const pdf = await ticketsPdf(tickets, DEFAULT_TICKET_LAYOUT, {
        format,
        language: 'en',
        compress: false,
      });
      const pages = readPdf(pdf);

      expect(pages).toHaveLength(3);
      pages.forEach((page, i) => {
        const ticket = tickets[i]!;
        expect(page.qr).toBe(ticket.secret);
        expect(readTicketSecret(page.qr!)?.ticketId).toBe(ticket.ticketId);
        // Alphanumeric mode (a smaller code than byte mode); a run of digits may be numeric.
        expect(page.qrModes.filter((m) => m !== 'alphanumeric' && m !== 'numeric')).toEqual([]);
        expect(page.texts).toEqual(
          expect.arrayContaining([
            'Hamlet',
            'Sat 21/11/2026 19:30',
            'Venue',
            'Demo Theatre',
            'Ticket type',
            i === 2 ? 'Child' : 'Adult',
            'Price band',
            'Stalls',
            'Price',
            'Order',
            '1042',
            `Ticket no. ${ticket.ticketId}`,
          ]),
        );
        expect(page.text).not.toMatch(/DUPLICATE|NOT VALID/);
      });
      expect(pages[0]!.texts).toContain('EUR 45.00');
      expect(pages[1]!.texts).toContain('EUR 36.00 (Code SUMMER20)');
    });
  }

  it('says DUPLICATE at the top and bottom of an A4 reprint, and once on stock', async () => {
    const [ticket] = hamletTickets(1);
    const reprint = [{ ...ticket!, duplicate: true }];
    const [a4] = readPdf(
      await ticketsPdf(reprint, DEFAULT_TICKET_LAYOUT, { format: 'a4', language: 'en', compress: false }),
    );
    const [stock] = readPdf(
      await ticketsPdf(reprint, DEFAULT_TICKET_LAYOUT, { format: 'stock', language: 'en', compress: false }),
    );
    expect(a4!.texts.filter((t) => t === 'DUPLICATE')).toHaveLength(2);
    expect(a4!.texts[0]).toBe('DUPLICATE');
    expect(stock!.texts[0]).toBe('DUPLICATE');
    // The black band behind the word does not hide the code from a scanner.
    expect(a4!.qr).toBe(ticket!.secret);
    expect(stock!.qr).toBe(ticket!.secret);
  });

  it('prints NOT VALID FOR ENTRY and no QR code for a ticket without a secret, in German', async () => {
    const tickets = hamletTickets(2).map((t) => ({ ...t, secret: null }));
    for (const format of ['a4', 'stock'] as const) {
      const pages = readPdf(
        await ticketsPdf(tickets, DEFAULT_TICKET_LAYOUT, { format, language: 'de', compress: false }),
      );
      expect(pages).toHaveLength(2);
      for (const page of pages) {
        expect(page.qr).toBeNull();
        expect(flat(page.texts)).toContain('NICHT GÜLTIG FÜR DEN EINLASS');
        expect(flat(page.texts)).toContain('Diese Karte hat keinen Einlasscode.');
        expect(page.texts).toEqual(
          expect.arrayContaining([
            'Sa 21.11.2026 19:30',
            'Spielstätte',
            'Kartenart',
            'Preiskategorie',
            'Preis',
            'Bestellung',
          ]),
        );
      }
      expect(pages[1]!.texts).toContain('EUR 36,00 (Code SUMMER20)');
    }
  });

  it('shows only the layout’s fields, in its order, with its logo and free text', async () => {
    const [ticket] = hamletTickets(1);
    const layout = {
      fields: ['orderRef' as const, 'pricePaid' as const],
      logo: FRAME_LOGO,
      freeText: ['No re-entry after the interval.'],
    };
    for (const format of ['a4', 'stock'] as const) {
      const pdf = await ticketsPdf([ticket!], layout, { format, language: 'en', compress: false });
      const [page] = readPdf(pdf);
      expect(page!.text).not.toMatch(/Venue|Ticket type|Price band|Demo Theatre|Stalls/);
      expect(page!.texts.indexOf('Order')).toBeLessThan(page!.texts.indexOf('Price'));
      expect(page!.texts).toContain('No re-entry after the interval.');
      expect(pdf.toString('latin1')).toMatch(
        /\/Subtype \/Image\n\/BitsPerComponent 8\n\/Width 96\n\/Height 32/,
      );
      expect(page!.qr).toBe(ticket!.secret);
    }
  });

  it('keeps long names and the most free text on the ticket’s own page', async () => {
    const long = 'Rosencrantz and Guildenstern Are Dead, with a Very Long Subtitle Indeed';
    const tickets = hamletTickets(2).map((t) => ({
      ...t,
      duplicate: true,
      eventName: long,
      venue: { ...t.venue, name: long },
      ticketTypeName: long,
      priceBandName: long,
    }));
    const layout = {
      ...DEFAULT_TICKET_LAYOUT,
      logo: FRAME_LOGO,
      freeText: Array<string>(4).fill('x'.repeat(48)),
    };
    for (const format of ['a4', 'stock'] as const) {
      const pages = readPdf(await ticketsPdf(tickets, layout, { format, language: 'de', compress: false }));
      expect(pages).toHaveLength(2);
      expect(pages.map((p) => p.qr)).toEqual(tickets.map((t) => t.secret));
    }
  });

  it('compresses its pages unless told not to', async () => {
    const tickets = hamletTickets(1);
    const packed = await ticketsPdf(tickets, DEFAULT_TICKET_LAYOUT, { format: 'a4', language: 'en' });
    const plain = await ticketsPdf(tickets, DEFAULT_TICKET_LAYOUT, {
      format: 'a4',
      language: 'en',
      compress: false,
    });
    expect(packed.subarray(0, 5).toString()).toBe('%PDF-');
    expect(packed.toString('latin1')).toContain('/Filter /FlateDecode');
    expect(packed.length).toBeLessThan(plain.length / 2);
  });

  it('encodes a base45 secret in alphanumeric mode at error correction M: a version 7 code', () => {
    const [ticket] = hamletTickets(1);
    const code = QRCode.create(ticket!.secret!, { errorCorrectionLevel: 'M' });
    expect(
      code.segments.map((s) => s.mode.id).filter((m) => m !== 'Alphanumeric' && m !== 'Numeric'),
    ).toEqual([]);
    expect(code.version).toBe(7);
  });
});
